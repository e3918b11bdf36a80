// What a handler gets besides the request: the store, the clock, the caller and the
// emulator's test controls.
import type { ApiRequest, Reply } from './http';
import type { FaultInjector } from './faults';
import type { RenderContext } from './records';
import type { RequestLog } from './request-log';
import type { Store } from './store';
import type { TokenRow, UserRow } from './store/rows';

/** The authenticated caller: the user and the token they sent. */
export interface Actor {
  user: UserRow;
  token: TokenRow;
}

/** The test controls behind /_emulator/. */
export interface Controls {
  readonly faults: FaultInjector;
  readonly requests: RequestLog;
  /** Empty the database and apply the seed again (the seed tokens this process serves stay the same). */
  reset(): void;
  /** The seed's users and their tokens, e.g. `{demo: 'tpt_...', jane: 'tpt_...'}`. */
  seedTokens(): Record<string, string>;
}

export interface RequestContext extends RenderContext {
  store: Store;
  /** The emulator clock, in ms since the epoch. */
  now(): number;
  /** The caller; throws Unauthorized (401) when the request carries no valid token. */
  actor(): Actor;
  controls: Controls;
}

/** Synchronous: a mutating request runs in one database transaction. */
export type Handler = (req: ApiRequest, ctx: RequestContext) => Reply;

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Segments starting with `:` are parameters: `/api/v0/org/:org/member/:user`. */
  path: string;
  /** Whether a Bearer token is required (checked before the handler runs). */
  auth: boolean;
  /** The media type a request body must have: JSON (the default), a multipart upload, or a browser form. */
  body?: 'json' | 'multipart' | 'form';
  handler: Handler;
}
