// Matches a method and path against the route table. A path that matches no route is 404;
// a path that matches only with another method is 405.
import { MethodNotAllowed, NotFound } from './errors';
import type { Route } from './context';

interface CompiledRoute {
  route: Route;
  segments: string[];
  /** More literal segments win: `/member/invite` beats `/member/:user`. */
  literals: number;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.routes = routes.map((route) => {
      const segments = route.path.split('/').filter(Boolean);
      return { route, segments, literals: segments.filter((s) => !s.startsWith(':')).length };
    });
  }

  match(method: string, path: string): RouteMatch {
    const parts = path.split('/').filter(Boolean);
    let best: RouteMatch | undefined;
    let bestLiterals = -1;
    const allowed = new Set<string>();
    for (const compiled of this.routes) {
      const params = matchSegments(compiled.segments, parts);
      if (!params) continue;
      allowed.add(compiled.route.method);
      if (compiled.route.method === method && compiled.literals > bestLiterals) {
        best = { route: compiled.route, params };
        bestLiterals = compiled.literals;
      }
    }
    if (best) return best;
    if (allowed.size > 0) throw new MethodNotAllowed(`${method} is not allowed on ${path}`, [...allowed].sort());
    throw new NotFound(`no such path: ${path}`);
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    let actual: string;
    try {
      actual = decodeURIComponent(parts[i]!);
    } catch {
      return undefined;
    }
    if (expected.startsWith(':')) params[expected.slice(1)] = actual;
    else if (expected !== actual) return undefined;
  }
  return params;
}
