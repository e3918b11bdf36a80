// The emulator without its socket: routes a request, applies faults, keeps the request
// log, and owns the store and the seed. server.ts feeds it node:http requests.
import type { IncomingHttpHeaders } from 'node:http';
import { Authenticator } from './auth';
import type { Actor, RequestContext, Controls, Route } from './context';
import { UnsupportedMediaType } from './errors';
import { FaultInjector } from './faults';
import type { Guard } from './guard';
import { errorModel, errorResponse, type ApiRequest, type Reply } from './http';
import { RequestLog } from './request-log';
import { Router } from './router';
import { allRoutes } from './routes';
import { applySeed, type SeedKind, type SeedTokens } from './seed';
import type { Store } from './store';

export interface EmulatorCoreOptions {
  store: Store;
  clock: () => Date;
  /** Applied only when the database is empty; a seeded database keeps its own seed kind. */
  seed: SeedKind;
  /** Whether the test controls under /_emulator/ answer; default true. */
  controls?: boolean;
  /** Where unexpected errors (500s) are reported. */
  onError?: (err: unknown) => void;
}

/** What to do with a request: answer it, or drop its connection (a fault). */
export type Outcome = { kind: 'reply'; reply: Reply } | { kind: 'drop' };

const API_PREFIX = '/api/v0';
const CONTROL_PREFIX = '/_emulator/';
/** What /_emulator/ keeps serving with the controls off: the files API records link to. */
const ASSETS = /^\/_emulator\/(?:avatars|invoices)\//;
const READ_METHODS = new Set(['GET', 'HEAD']);

export class Emulator implements Controls {
  readonly store: Store;
  readonly faults = new FaultInjector();
  readonly requests = new RequestLog();
  private readonly router = new Router(allRoutes);
  private readonly auth: Authenticator;
  /** API writes waiting for this turn's commit (see route). */
  private pending: PendingWrite[] = [];
  private readonly clock: () => Date;
  private readonly onError: (err: unknown) => void;
  private readonly controlsOn: boolean;
  private guard?: Guard;
  /** The emulator's own address (or its public URL): every URL it hands out starts with it. */
  private baseUrl = 'http://127.0.0.1';
  private tenant?: string;
  /**
   * The seed users' token secrets, in this process only: the database keeps hashes. Made by the
   * seed, or minted for each seed user when the emulator starts on an already seeded file.
   */
  private seedSecrets: SeedTokens = {};

  constructor(opts: EmulatorCoreOptions) {
    this.store = opts.store;
    this.auth = new Authenticator(this.store);
    this.clock = opts.clock;
    this.controlsOn = opts.controls ?? true;
    this.onError = opts.onError ?? (() => {});
    if (this.store.meta.get('seed') === undefined) this.seed(opts.seed);
    else this.mintSeedTokens();
  }

  /** Once listening: where the emulator is reached, and who may talk to it. */
  listening(baseUrl: string, guard: Guard): void {
    this.baseUrl = baseUrl;
    this.guard = guard;
  }

  get url(): string {
    return this.baseUrl;
  }

  get tenantId(): string {
    return (this.tenant ??= this.store.meta.get('tenant_id')!);
  }

  seedTokens(): SeedTokens {
    return { ...this.seedSecrets };
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
        tokens: this.seedSecrets,
      });
      this.store.meta.setJson('seed_users', result.users);
      this.store.meta.set('tenant_id', result.tenantId);
      this.store.meta.set('seed', kind);
      this.seedSecrets = result.tokens;
    });
    this.tenant = undefined;
  }

  /**
   * A start on a seeded file: the secrets of its seed tokens were never stored, so each seed user
   * (still there) gets a new token to print and serve. Tokens from earlier starts keep working.
   */
  private mintSeedTokens(): void {
    const users = this.store.meta.getJson<Record<string, string>>('seed_users') ?? {};
    const now = this.clock().getTime();
    this.store.transaction(() => {
      const secrets: SeedTokens = {};
      for (const [handle, id] of Object.entries(users)) {
        const user = this.store.users.byId(id);
        if (!user) continue;
        secrets[handle] = this.store.tokens.create({ user_id: user.id, token_type: 'user', title: handle, at_start: true }, user.id, now).secret;
      }
      this.seedSecrets = secrets;
    });
  }

  /** The answer for a request that is not to be served (wrong Host or Origin), before its body is read. */
  refuse(path: string, headers: IncomingHttpHeaders): Reply | undefined {
    return this.guard?.refuse(path, headers);
  }

  /**
   * The answer to a request. Synchronous for reads and controls: the server then writes the
   * answer from the request's own event, which saves a turn of the event loop. A promise for an
   * API write (answered once its group commits, see route) or when a fault adds latency.
   */
  handle(req: ApiRequest): Outcome | Promise<Outcome> {
    const isApi = isApiPath(req.path);
    const isControl = req.path.startsWith(CONTROL_PREFIX);
    if (isControl && !this.controlsOn && !ASSETS.test(req.path)) {
      const body = errorModel(404, req.path, 'the test controls are turned off (--no-controls)');
      return { kind: 'reply', reply: { status: 404, body } };
    }
    const outcome = isApi ? this.faultOrRoute(req) : this.route(req);
    if (outcome instanceof Promise) return outcome.then((settled) => this.logged(req, isControl, settled));
    return this.logged(req, isControl, outcome);
  }

  private logged(req: ApiRequest, isControl: boolean, outcome: Outcome): Outcome {
    if (!isControl) {
      this.requests.add({
        method: req.method,
        path: loggedPath(req),
        status: outcome.kind === 'reply' ? outcome.reply.status : 0,
        at: this.clock().getTime(),
        contentType: req.headers['content-type'],
        rawBody: req.rawBody,
        userAgent: req.headers['user-agent'],
      });
    }
    return outcome;
  }

  /** Routes an API request, unless a fault is due: then the fault's answer, after processing it or not. */
  private faultOrRoute(req: ApiRequest): Outcome | Promise<Outcome> {
    if (!this.faults.applies(req.method)) return this.route(req);
    const latency = this.faults.latencyMs;
    if (latency > 0) return new Promise((resolve) => setTimeout(resolve, latency)).then(() => this.faultNow(req));
    return this.faultNow(req);
  }

  private faultNow(req: ApiRequest): Outcome | Promise<Outcome> {
    const decision = this.faults.decide();
    if (decision.kind === 'none') return this.route(req);
    const faulted = (): Outcome => {
      if (decision.kind === 'reset') return { kind: 'drop' };
      const headers: Record<string, string> = decision.retryAfterS === undefined ? {} : { 'retry-after': String(decision.retryAfterS) };
      const body = errorModel(decision.status, req.path, 'fault injected by pipes-emulator');
      return { kind: 'reply', reply: { status: decision.status, body, headers } };
    };
    if (!decision.afterProcessing) return faulted();
    // Processed (and committed) first, then answered with the fault.
    const processed = this.route(req);
    return processed instanceof Promise ? processed.then(faulted) : faulted();
  }

  /**
   * Reads run at once, outside any transaction. API writes are queued and run together at the
   * end of this turn of the event loop in one transaction, and answered once it commits (group
   * commit: one WAL commit for the requests that arrived together, and nothing answered before
   * it is saved). Anything else (controls, the login page) runs alone, in a transaction of its
   * own, after the queued writes.
   */
  private route(req: ApiRequest): Outcome | Promise<Outcome> {
    let route: Route;
    try {
      const matched = this.router.match(req.method, req.path);
      if (req.rawBody.length > 0) checkContentType(req, matched.route.body ?? 'json');
      req.params = matched.params;
      route = matched.route;
    } catch (err) {
      return { kind: 'reply', reply: this.failed(err, req) };
    }
    const isApi = isApiPath(req.path);
    if (!isApi) this.commitPending();
    if (READ_METHODS.has(req.method)) return { kind: 'reply', reply: this.run(route, req) };
    if (!isApi) return { kind: 'reply', reply: this.runInTransaction(route, req) };
    return new Promise((resolve) => {
      if (this.pending.length === 0) setImmediate(() => this.commitPending());
      this.pending.push({ route, req, resolve });
    });
  }

  /** Runs the queued writes in one transaction and answers them once it has committed. */
  commitPending(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    let replies: Reply[];
    try {
      replies = this.runBatch(batch);
    } catch (err) {
      // Nothing of the batch was saved (a failure can take the whole transaction with it).
      this.store.reads.forget();
      this.onError(err);
      replies = batch.map(({ req }) => ({ status: 500, body: errorModel(500, req.path, 'the emulator could not save its changes') }));
    }
    batch.forEach(({ resolve }, i) => resolve({ kind: 'reply', reply: replies[i]! }));
  }

  /**
   * Each request of a batch must make all of its writes or none. Most fail before they write, if
   * at all, so the batch first runs without a savepoint per request (a savepoint costs about a
   * tenth of an invite's time); a request that fails after writing something undoes the whole
   * transaction, and the batch runs again from the start with a savepoint each.
   */
  private runBatch(batch: PendingWrite[]): Reply[] {
    try {
      return this.store.transaction(() => batch.map(({ route, req }) => this.runInBatch(route, req)));
    } catch (err) {
      if (!(err instanceof WroteThenFailed)) throw err;
      this.store.reads.forget();
      return this.store.transaction(() => batch.map(({ route, req }) => this.runInTransaction(route, req, true)));
    }
  }

  /** A handler straight in the batch's transaction; WroteThenFailed when it failed after writing. */
  private runInBatch(route: Route, req: ApiRequest): Reply {
    const before = this.store.totalChanges();
    try {
      return this.handler(route, req);
    } catch (err) {
      if (!this.store.db.inTransaction) throw err;
      if (this.store.totalChanges() !== before) throw new WroteThenFailed();
      return this.failed(err, req);
    }
  }

  /** A handler in a transaction of its own (a savepoint inside a batch): its writes all happen, or none. */
  private runInTransaction(route: Route, req: ApiRequest, inBatch = false): Reply {
    try {
      return this.store.transaction(() => this.handler(route, req));
    } catch (err) {
      // Reads kept during the rolled-back work may describe rows that no longer exist.
      this.store.reads.forget();
      if (inBatch && !this.store.db.inTransaction) throw err;
      return this.failed(err, req);
    }
  }

  private run(route: Route, req: ApiRequest): Reply {
    try {
      return this.handler(route, req);
    } catch (err) {
      return this.failed(err, req);
    }
  }

  private handler(route: Route, req: ApiRequest): Reply {
    const ctx = this.context(req);
    if (route.auth) ctx.actor();
    return route.handler(req, ctx);
  }

  private failed(err: unknown, req: ApiRequest): Reply {
    const reply = errorResponse(err, req.path);
    if (reply.status === 500) this.onError(err);
    return reply;
  }

  private context(req: ApiRequest): RequestContext {
    return new HandlerContext(this, this.auth, this.clock, req.headers);
  }
}

/** A request of a batch failed after it had written: the batch runs again, a savepoint each (Emulator.runBatch). */
class WroteThenFailed extends Error {}

/** What a handler gets besides the request (a class: no closures made per request). */
class HandlerContext implements RequestContext {
  readonly store: Store;
  readonly tenantId: string;
  readonly baseUrl: string;
  readonly controls: Controls;
  private readonly auth: Authenticator;
  private readonly clock: () => Date;
  private readonly headers: IncomingHttpHeaders;
  private caller?: Actor;

  constructor(emulator: Emulator, auth: Authenticator, clock: () => Date, headers: IncomingHttpHeaders) {
    this.store = emulator.store;
    this.tenantId = emulator.tenantId;
    this.baseUrl = emulator.url;
    this.controls = emulator;
    this.auth = auth;
    this.clock = clock;
    this.headers = headers;
  }

  now(): number {
    return this.clock().getTime();
  }

  actor(): Actor {
    return (this.caller ??= this.auth.authenticate(this.headers, this.now()));
  }
}

interface PendingWrite {
  route: Route;
  req: ApiRequest;
  resolve: (outcome: Outcome) => void;
}

function isApiPath(path: string): boolean {
  return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
}

const MEDIA_TYPES = { json: 'application/json', multipart: 'multipart/form-data', form: 'application/x-www-form-urlencoded' } as const;

/** 415 unless the body is of the route's media type (a page cannot send JSON cross-origin without a preflight). */
function checkContentType(req: ApiRequest, kind: keyof typeof MEDIA_TYPES): void {
  const header = req.headers['content-type'] ?? '';
  const type = header.split(';')[0]!.trim().toLowerCase();
  if (type !== MEDIA_TYPES[kind]) {
    const sent = header === '' ? 'no Content-Type' : `Content-Type '${header.slice(0, 100)}'`;
    throw new UnsupportedMediaType(`this request needs Content-Type: ${MEDIA_TYPES[kind]} for its body, not ${sent}`);
  }
}

/** The path and query as the request log shows it; login codes are masked. */
function loggedPath(req: ApiRequest): string {
  if (req.search === '') return req.path;
  const query = new URLSearchParams(req.query);
  if (query.has('code')) query.set('code', '******');
  return `${req.path}?${query.toString()}`;
}
