// Errors of the Pipes client. They say what happened in the API's terms (status, code, request
// id, whether the request may have been processed) and leave exit codes and advice about flags
// to the program using the client. None of them ever carries the token: requests are described
// by method and path only.
import type { ErrorDetailModel, ErrorModel } from './types';

export interface RequestInfo {
  method: string;
  /** Path below the API base, with its query string (secrets redacted). */
  path: string;
}

export interface PipesErrorOptions {
  status?: number | null;
  request?: RequestInfo;
  /** The server's `x-request-id`, when it sent one: what its operators ask for. */
  requestId?: string;
  maybeProcessed?: boolean;
  /** A neutral line on how to get past the error (no program-specific wording). */
  hint?: string;
  details?: unknown[];
  cause?: unknown;
}

/** Base class of every error the client raises on purpose. `code` is stable snake_case. */
export class PipesError extends Error {
  readonly code: string;
  /** The HTTP status of the answer behind the error; null when there was no answer. */
  readonly status: number | null;
  readonly request?: RequestInfo;
  readonly requestId?: string;
  /**
   * True when the request may have taken effect although it failed (a POST answered 5xx, a
   * connection lost after sending it, a timeout): look the record up before sending it again.
   */
  readonly maybeProcessed: boolean;
  readonly hint?: string;
  readonly details: unknown[];

  constructor(code: string, message: string, opts: PipesErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = opts.status ?? null;
    this.request = opts.request;
    this.requestId = opts.requestId;
    this.maybeProcessed = opts.maybeProcessed ?? false;
    this.hint = opts.hint;
    this.details = opts.details ?? [];
  }
}

/** The caller gave the client something it will not send (a bad host, an empty path segment). Nothing was sent. */
export class InvalidInputError extends PipesError {
  constructor(message: string, opts: { code?: string; hint?: string; details?: unknown[] } = {}) {
    super(opts.code ?? 'invalid_input', message, opts);
  }
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  402: 'payment_required',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  412: 'precondition_failed',
  429: 'rate_limited',
};

export function codeForStatus(status: number): string {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'server_error' : 'http_error');
}

export interface ApiErrorOptions {
  maybeProcessed?: boolean;
  /** Names the status when the body is not an ErrorModel (`HTTP 502 Bad Gateway`). */
  statusText?: string;
  hint?: string;
  requestId?: string;
  /** Where a redirect pointed (redirects are never followed). */
  location?: string;
  /** Replaces the default "title: detail" message. */
  message?: string;
}

/** A non-2xx answer from the API (HTTP error), carrying its ErrorModel when it sent one. */
export class ApiError extends PipesError {
  declare readonly status: number;
  declare readonly request: RequestInfo;
  readonly title: string;
  readonly detail?: string;
  readonly validationErrors: ErrorDetailModel[];
  readonly body?: ErrorModel;
  /** Where a 3xx answer pointed; the client does not follow redirects (they would carry the token). */
  readonly location?: string;

  constructor(status: number, request: RequestInfo, body?: ErrorModel, opts: ApiErrorOptions = {}) {
    const title = body?.title ?? (opts.statusText ? `HTTP ${status} ${opts.statusText}` : `HTTP ${status}`);
    const detail = body?.detail;
    super(codeForStatus(status), opts.message ?? (detail ? `${title}: ${detail}` : title), {
      status,
      request,
      requestId: opts.requestId,
      maybeProcessed: opts.maybeProcessed,
      hint: opts.hint,
      details: body?.validation_errors ?? [],
    });
    this.title = title;
    this.detail = detail;
    this.validationErrors = body?.validation_errors ?? [];
    this.body = body;
    this.location = opts.location;
  }
}

/** The HTTP error class under its plain name. */
export { ApiError as HttpError };

/**
 * The service kept answering 429 until the attempts or the request's deadline ran out. A 429
 * means the request was not processed, so it is always safe to send again later.
 */
export class RateLimitError extends ApiError {
  /** How many times the request was sent. */
  readonly attempts: number;
  /** What the last Retry-After asked for, in ms, when it said. */
  readonly retryAfterMs?: number;

  constructor(request: RequestInfo, body: ErrorModel | undefined, opts: { host: string; attempts: number; retryAfterMs?: number; requestId?: string }) {
    const wait = opts.retryAfterMs === undefined ? '' : `; it asked to wait ${formatDuration(opts.retryAfterMs)}`;
    const times = opts.attempts === 1 ? 'once' : `${opts.attempts} times`;
    super(429, request, body, {
      requestId: opts.requestId,
      maybeProcessed: false,
      message: `rate limited: ${opts.host} refused ${request.method} ${request.path} with HTTP 429 Too Many Requests ${times}${wait}`,
      hint: 'The service is limiting requests; nothing was changed by this request. Wait a minute and try again.',
    });
    this.attempts = opts.attempts;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

/** Why a connection failed, in terms a caller can act on. */
export type NetworkFailure =
  /** Nothing listens on the port. */
  | 'refused'
  /** The host name did not resolve. */
  | 'unknown_host'
  | 'unreachable'
  /** The connection broke before or while the answer came. */
  | 'reset'
  /** The TLS certificate could not be verified. */
  | 'certificate'
  /** A TLS handshake met something that is not TLS: most likely a plain-http server. */
  | 'not_tls'
  | 'timeout'
  | 'other';

/** The server could not be reached, or the connection broke. `status` is null. */
export class NetworkError extends PipesError {
  readonly reason: NetworkFailure;
  /** `host[:port]` the client was talking to. */
  readonly host: string;
  constructor(
    message: string,
    request: RequestInfo,
    opts: { code?: string; reason?: NetworkFailure; host?: string; cause?: unknown; maybeProcessed?: boolean; hint?: string } = {},
  ) {
    super(opts.code ?? 'network_error', message, { request, cause: opts.cause, maybeProcessed: opts.maybeProcessed, hint: opts.hint });
    this.reason = opts.reason ?? 'other';
    this.host = opts.host ?? '';
  }
}

/** No complete answer within the time allowed (connect, headers and body, or the request's deadline). */
export class TimeoutError extends NetworkError {
  constructor(message: string, request: RequestInfo, opts: { host?: string; cause?: unknown; maybeProcessed?: boolean; hint?: string } = {}) {
    super(message, request, { ...opts, code: 'timeout', reason: 'timeout' });
  }
}

/** The server answered, but not with what the contract promises (an HTML page, truncated JSON, a runaway list). */
export class InvalidResponseError extends PipesError {
  declare readonly status: number;
  declare readonly request: RequestInfo;
  constructor(message: string, status: number, request: RequestInfo, opts: { code?: string; maybeProcessed?: boolean; hint?: string; requestId?: string } = {}) {
    super(opts.code ?? 'invalid_response', message, { status, request, maybeProcessed: opts.maybeProcessed, hint: opts.hint, requestId: opts.requestId });
  }
}

/**
 * The host answers HTTP but not as a Pipes API does: web pages, errors without the API's JSON
 * error model, 404/501 for API paths. Every other request to it will fail the same way.
 */
export class NotPipesApiError extends InvalidResponseError {
  /** `host[:port]` that answered. */
  readonly host: string;
  /** What the answer looked like, e.g. `HTTP 404 with a web page`. */
  readonly evidence: string;
  constructor(host: string, evidence: string, status: number, request: RequestInfo, opts: { maybeProcessed?: boolean } = {}) {
    super(`${host} does not look like a Pipes API: ${request.method} ${request.path} was answered with ${evidence}`, status, request, {
      code: 'not_pipes_api',
      maybeProcessed: opts.maybeProcessed,
    });
    this.host = host;
    this.evidence = evidence;
  }
}

/** One answer was larger than the client accepts (it stopped reading there). */
export class ResponseTooLargeError extends InvalidResponseError {
  readonly limitBytes: number;
  constructor(host: string, limitBytes: number, status: number, request: RequestInfo, opts: { maybeProcessed?: boolean } = {}) {
    super(
      `the answer from ${host} to ${request.method} ${request.path} is larger than ${formatBytes(limitBytes)}; stopped reading it`,
      status,
      request,
      { code: 'response_too_large', maybeProcessed: opts.maybeProcessed },
    );
    this.limitBytes = limitBytes;
  }
}

/** A list that would not end: a repeated or empty-page cursor, or more items than any real list holds. */
export class PagingError extends InvalidResponseError {
  constructor(message: string, request: RequestInfo) {
    super(message, 200, request, { code: 'paging_stopped' });
  }
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)}s`;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 && n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}
