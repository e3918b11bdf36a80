// The emulator without its socket: routes a request, applies faults, keeps the request
// log, and owns the store and the seed. server.ts feeds it node:http requests.
import { authenticate } from './auth';
import type { Actor, RequestContext, Controls } from './context';
import { FaultInjector } from './faults';
import { errorModel, errorResponse, type ApiRequest, type Reply } from './http';
import { loggedBody, RequestLog } from './request-log';
import { Router } from './router';
import { allRoutes } from './routes';
import { applySeed, type SeedKind, type SeedTokens } from './seed';
import type { Store } from './store';

export interface EmulatorCoreOptions {
  store: Store;
  clock: () => Date;
  /** Applied only when the database is empty; a seeded database keeps its own seed kind. */
  seed: SeedKind;
  /** Where unexpected errors (500s) are reported. */
  onError?: (err: unknown) => void;
}

/** What to do with a request: answer it, or drop its connection (a fault). */
export type Outcome = { kind: 'reply'; reply: Reply } | { kind: 'drop' };

const API_PREFIX = '/api/v0';

export class Emulator implements Controls {
  readonly store: Store;
  readonly faults = new FaultInjector();
  readonly requests = new RequestLog();
  private readonly router = new Router(allRoutes);
  private readonly clock: () => Date;
  private readonly onError: (err: unknown) => void;

  constructor(opts: EmulatorCoreOptions) {
    this.store = opts.store;
    this.clock = opts.clock;
    this.onError = opts.onError ?? (() => {});
    if (this.store.meta.get('seed') === undefined) this.seed(opts.seed);
  }

  get tenantId(): string {
    return this.store.meta.get('tenant_id')!;
  }

  seedTokens(): SeedTokens {
    return this.store.meta.getJson<SeedTokens>('seed_tokens') ?? {};
  }

  reset(): void {
    const kind = (this.store.meta.get('seed') ?? 'demo') as SeedKind;
    this.faults.off();
    this.store.transaction(() => {
      this.store.wipe();
      this.seed(kind);
    });
  }

  private seed(kind: SeedKind): void {
    this.store.transaction(() => {
      const result = applySeed(this.store, kind, this.clock(), {
        tenantId: this.store.meta.get('tenant_id'),
        tokens: this.store.meta.getJson<SeedTokens>('seed_tokens'),
      });
      this.store.meta.setJson('seed_tokens', result.tokens);
      this.store.meta.set('tenant_id', result.tenantId);
      this.store.meta.set('seed', kind);
    });
  }

  async handle(req: ApiRequest, baseUrl: string): Promise<Outcome> {
    const isApi = req.path === API_PREFIX || req.path.startsWith(`${API_PREFIX}/`);
    const outcome = isApi ? await this.faultOrRoute(req, baseUrl) : await this.route(req, baseUrl);
    if (!req.path.startsWith('/_emulator/')) {
      const search = req.query.toString();
      this.requests.add({
        method: req.method,
        path: search ? `${req.path}?${search}` : req.path,
        status: outcome.kind === 'reply' ? outcome.reply.status : 0,
        time: this.clock().toISOString(),
        body: loggedBody(req.headers['content-type'], req.rawBody),
        userAgent: req.headers['user-agent']?.slice(0, 200),
      });
    }
    return outcome;
  }

  /** Routes an API request, unless a fault is due: then the fault's answer, after processing it or not. */
  private async faultOrRoute(req: ApiRequest, baseUrl: string): Promise<Outcome> {
    const latency = this.faults.latencyMs;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const decision = this.faults.decide();
    if (decision.kind === 'none') return this.route(req, baseUrl);
    if (decision.afterProcessing) await this.route(req, baseUrl);
    if (decision.kind === 'reset') return { kind: 'drop' };
    const headers: Record<string, string> = decision.retryAfterS === undefined ? {} : { 'retry-after': String(decision.retryAfterS) };
    const body = errorModel(decision.status, req.path, 'fault injected by pipes-emulator');
    return { kind: 'reply', reply: { status: decision.status, body, headers } };
  }

  private async route(req: ApiRequest, baseUrl: string): Promise<Outcome> {
    try {
      const { route, params } = this.router.match(req.method, req.path);
      const routed: ApiRequest = { ...req, params };
      const ctx = this.context(routed, baseUrl);
      if (route.auth) ctx.actor();
      return { kind: 'reply', reply: await route.handler(routed, ctx) };
    } catch (err) {
      const reply = errorResponse(err, req.path);
      if (reply.status === 500) this.onError(err);
      return { kind: 'reply', reply };
    }
  }

  private context(req: ApiRequest, baseUrl: string): RequestContext {
    let actor: Actor | undefined;
    const now = () => this.clock().getTime();
    return {
      store: this.store,
      tenantId: this.tenantId,
      baseUrl,
      now,
      controls: this,
      actor: () => (actor ??= authenticate(this.store, req.headers, now())),
    };
  }
}
