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
  /** Routes by number of segments: a path is compared only with patterns of its length. */
  private readonly byLength = new Map<number, CompiledRoute[]>();

  constructor(routes: Route[]) {
    for (const route of routes) {
      const segments = route.path.split('/').filter(Boolean);
      const compiled = { route, segments, literals: segments.filter((s) => !s.startsWith(':')).length };
      const list = this.byLength.get(segments.length) ?? [];
      list.push(compiled);
      this.byLength.set(segments.length, list);
    }
  }

  match(method: string, path: string): RouteMatch {
    const parts = decodeParts(path);
    let best: RouteMatch | undefined;
    let bestLiterals = -1;
    const allowed = new Set<string>();
    for (const compiled of (parts && this.byLength.get(parts.length)) ?? []) {
      const params = matchSegments(compiled.segments, parts!);
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

/** The path's segments, percent-decoded once; undefined when one cannot be decoded (404). */
function decodeParts(path: string): string[] | undefined {
  const parts = path.split('/').filter(Boolean);
  try {
    return parts.map((p) => (p.includes('%') ? decodeURIComponent(p) : p));
  } catch {
    return undefined;
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    const actual = parts[i]!;
    if (expected.startsWith(':')) params[expected.slice(1)] = actual;
    else if (expected !== actual) return undefined;
  }
  return params;
}
