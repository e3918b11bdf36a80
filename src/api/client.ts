// The HTTP layer of the Pipes client: a keep-alive pool (http-transport.ts), bearer auth, retries
// with backoff, a timeout, and errors that say what happened without ever showing the token.
// node:http is imported on the first request only, so commands that send nothing start fast.
import {
  ApiError,
  formatDuration,
  InvalidResponseError,
  NetworkError,
  NotPipesApiError,
  RateLimitError,
  ResponseTooLargeError,
  TimeoutError,
  type NetworkFailure,
  type RequestInfo,
} from './errors';
import { isLoopback } from './host';
import { paginate as paginateList } from './paginate';
import { CONNECT_TIMEOUT, createPool, type HttpPool, type HttpResponse } from './http-transport';
import { redactHeader, redactJsonText, redactQuery, scrubSecrets } from './redact';
import type { ErrorModel, ListResponse } from './types';

export interface ClientOptions {
  /** The API base, e.g. `https://pipes.turbot.com/api/v0` (see resolveHost). */
  baseUrl: string;
  token?: string;
  /** Sent as User-Agent, e.g. `pipesctl/1.2.3`: the program using the client names itself. */
  userAgent: string;
  /** Limit of one attempt: connect, headers and body. Default 30 s. */
  timeoutMs?: number;
  /**
   * Limit of one call, all its attempts and waits included. Default 60 s: a Retry-After that
   * would end past it is not waited for.
   */
  deadlineMs?: number;
  /** Extra attempts after the first, for answers and failures that are safe to retry. Default and most: 5 (6 sends in all). */
  maxRetries?: number;
  /** Lists stop (with an error) once pages × page size reaches this. Default 1,000,000. */
  maxListItems?: number;
  /** The most bytes one answer may have; reading stops there. Default 32 MiB. */
  maxResponseBytes?: number;
  /** Monotonic milliseconds, for the deadline (tests pass a clock that their sleep advances). */
  now?: () => number;
  /** Receives the request/response trace, secrets redacted. */
  debug?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter source for backoff. */
  random?: () => number;
  /** Keep-alive pool size per origin. Default 16. */
  connections?: number;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | undefined>;

export interface HttpRequest {
  method: HttpMethod;
  /** Below the API base, starting with `/`; path segments already encoded (see apiPath). */
  path: string;
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data. */
  form?: FormData;
  headers?: Record<string, string>;
  /** Send the bearer token. Default true. */
  auth?: boolean;
  /** The contract allows a 204 or empty body here: resolve to undefined instead of failing. */
  allowEmpty?: boolean;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_DEADLINE_MS = 60_000;
const DEFAULT_MAX_RETRIES = 5;
/** However a caller configures it, one call sends at most this many requests. */
export const MAX_SENDS = 6;
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const DEFAULT_CONNECTIONS = 16;
const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 5_000;
const EXCERPT_CHARS = 500;

/** Methods the server treats as idempotent: replaying them after a failure does no harm. */
const IDEMPOTENT = new Set<HttpMethod>(['GET', 'PATCH', 'DELETE']);
const RETRYABLE_STATUSES = new Set([502, 503, 504]);
/** Failures that prove the request never reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', CONNECT_TIMEOUT]);
const TIMEOUT_CODES = new Set([CONNECT_TIMEOUT, 'ETIMEDOUT']);

interface Transport {
  pool: HttpPool;
  statusText: (status: number) => string | undefined;
}

interface RawResponse {
  status: number;
  statusText?: string;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Why an attempt produced no response; `responded` tells whether headers had arrived. */
class SendFailure extends Error {
  constructor(
    readonly error: unknown,
    readonly responded: boolean,
    readonly timedOut: boolean,
    readonly timeoutMs: number,
  ) {
    super('request failed');
  }
}

export class HttpClient {
  readonly #opts: ClientOptions;
  readonly #baseUrl: string;
  readonly #origin: string;
  /** Nothing listening on this machine means nothing is running there: no point in waiting. */
  readonly #loopback: boolean;
  #transport?: Promise<Transport>;

  constructor(opts: ClientOptions) {
    this.#opts = opts;
    this.#baseUrl = opts.baseUrl.replace(/\/+$/, '');
    const base = new URL(this.#baseUrl);
    this.#origin = base.host;
    this.#loopback = isLoopback(base.hostname.replace(/^\[(.*)\]$/, '$1'));
  }

  async request<T>(req: HttpRequest): Promise<T> {
    const pathAndQuery = req.path + queryString(req.query);
    const url = this.#baseUrl + pathAndQuery;
    const info: RequestInfo = { method: req.method, path: redactQuery(pathAndQuery) };
    const maxSends = Math.min(MAX_SENDS, 1 + Math.max(0, this.#opts.maxRetries ?? DEFAULT_MAX_RETRIES));
    const now = this.#opts.now ?? (() => performance.now());
    const deadline = now() + (this.#opts.deadlineMs ?? DEFAULT_DEADLINE_MS);
    const payload = req.body === undefined ? undefined : JSON.stringify(req.body);

    for (let sends = 1; ; sends++) {
      const remaining = deadline - now();
      const last = sends >= maxSends;
      let res: RawResponse;
      try {
        res = await this.#send(req, url, payload, Math.max(1, Math.min(this.#opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, remaining)));
      } catch (err) {
        if (!(err instanceof SendFailure)) throw err;
        const failure = this.#networkError(err, req.method, info);
        if (!last && isRetryableFailure(err, req.method, this.#loopback)) {
          if (await this.#backoff(sends, maxSends, info, describeFailure(err), undefined, deadline - now())) continue;
        }
        throw failure;
      }

      if (res.status >= 200 && res.status < 300) return this.#decodeSuccess<T>(res, req, info);

      if (res.status === 429) {
        const retryAfter = retryAfterMs(res.headers['retry-after']);
        if (!last && (await this.#backoff(sends, maxSends, info, '429 Too Many Requests', retryAfter, deadline - now()))) continue;
        throw new RateLimitError(info, parseErrorModel(res.text), { host: this.#origin, attempts: sends, retryAfterMs: retryAfter, requestId: requestIdOf(res) });
      }
      const error = this.#apiError(res, req.method, info);
      if (!last && error instanceof ApiError && IDEMPOTENT.has(req.method) && RETRYABLE_STATUSES.has(res.status)) {
        if (await this.#backoff(sends, maxSends, info, `${res.status} ${res.statusText ?? ''}`.trim(), retryAfterMs(res.headers['retry-after']), deadline - now())) continue;
      }
      throw error;
    }
  }

  /** Every item of a list endpoint, fetched 100 at a time by following `next_token`. */
  paginate<T>(path: string, query?: Query, opts?: { max?: number }): AsyncIterable<T> {
    return paginateList<T>((q) => this.request<ListResponse<T>>({ method: 'GET', path, query: q }), path, query, { ...opts, host: this.#origin, maxListItems: this.#opts.maxListItems });
  }

  async close(): Promise<void> {
    const transport = this.#transport;
    this.#transport = undefined;
    if (transport) await (await transport).pool.close();
  }

  #loadTransport(): Promise<Transport> {
    this.#transport ??= (async () => {
      const timeout = this.#opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const [pool, { STATUS_CODES }] = await Promise.all([
        createPool({ connections: this.#opts.connections ?? DEFAULT_CONNECTIONS, idleTimeoutMs: 10_000, connectTimeoutMs: Math.min(timeout, 10_000) }),
        import('node:http'),
      ]);
      return { pool, statusText: (status: number) => STATUS_CODES[status] };
    })();
    return this.#transport;
  }

  async #send(req: HttpRequest, url: string, payload: string | undefined, timeoutMs: number): Promise<RawResponse> {
    const transport = await this.#loadTransport();
    const headers = this.#headers(req, payload !== undefined);
    this.#traceRequest(req, url, headers, payload);

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const started = performance.now();
    let responded = false;
    try {
      const res = await transport.pool.request({ url: new URL(url), method: req.method, headers, body: payload ?? req.form, signal: controller.signal });
      responded = true;
      const text = await this.#readBody(res, req, url);
      const response: RawResponse = { status: res.statusCode, statusText: transport.statusText(res.statusCode), headers: res.headers, text };
      this.#traceResponse(response, performance.now() - started);
      return response;
    } catch (err) {
      if (err instanceof ResponseTooLargeError) throw err;
      const timeout = timedOut || TIMEOUT_CODES.has(errorCode(err) ?? '');
      this.#trace(`! ${req.method} ${redactQuery(url)} failed after ${Math.round(performance.now() - started)}ms: ${timeout ? 'timeout' : (errorCode(err) ?? String(err))}`);
      throw new SendFailure(err, responded, timeout, timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The body as text, read chunk by chunk and abandoned once it passes the size limit. */
  async #readBody(res: HttpResponse, req: HttpRequest, url: string): Promise<string> {
    const limit = this.#opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const tooLarge = () => {
      res.body.destroy();
      const pathAndQuery = url.slice(this.#baseUrl.length);
      return new ResponseTooLargeError(this.#origin, limit, res.statusCode, { method: req.method, path: redactQuery(pathAndQuery) }, { maybeProcessed: req.method !== 'GET' });
    };
    const declared = Number(firstHeader(res.headers['content-length']));
    if (Number.isFinite(declared) && declared > limit) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw tooLarge();
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, size).toString('utf8');
  }

  #headers(req: HttpRequest, hasJson: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.#opts.userAgent,
    };
    if ((req.auth ?? true) && this.#opts.token) headers.authorization = `Bearer ${this.#opts.token}`;
    if (hasJson) headers['content-type'] = 'application/json';
    for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
    return headers;
  }

  #networkError(failure: SendFailure, method: HttpMethod, info: RequestInfo): NetworkError {
    const code = errorCode(failure.error);
    const host = this.#origin;
    const notSent = NOT_SENT_CODES.has(code ?? '') || isNotTls(failure.error);
    const maybeProcessed = method !== 'GET' && !notSent;
    const request = `${info.method} ${info.path}`;
    const hint = mayHaveHappened(maybeProcessed);
    if (failure.timedOut) {
      const what =
        code === CONNECT_TIMEOUT
          ? `could not connect to ${host}: connection timed out`
          : `${host} did not answer ${request} within ${formatDuration(failure.timeoutMs)}`;
      return new TimeoutError(what, info, { host, cause: failure.error, maybeProcessed, hint });
    }
    const { reason, message } = describeNetworkFailure(code, host, request, failure);
    return new NetworkError(message, info, { reason, host, cause: failure.error, maybeProcessed, hint });
  }

  /** Waits before the next send; false (no wait) when the wait would end past the call's deadline. */
  async #backoff(sends: number, maxSends: number, info: RequestInfo, reason: string, retryAfter: number | undefined, remainingMs: number): Promise<boolean> {
    const random = this.#opts.random ?? Math.random;
    const ms = Math.round(retryAfter ?? random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (sends - 1)));
    if (ms >= remainingMs) {
      this.#trace(`* ${reason}: not retrying ${info.method} ${info.path}: waiting ${formatDuration(ms)} would pass the request's deadline`);
      return false;
    }
    this.#trace(`* ${reason}: retrying ${info.method} ${info.path} in ${formatDuration(ms)} (attempt ${sends + 1} of ${maxSends})`);
    await (this.#opts.sleep ?? defaultSleep)(ms);
    return true;
  }

  #decodeSuccess<T>(res: RawResponse, req: HttpRequest, info: RequestInfo): T {
    const where = `${info.method} ${info.path}`;
    const maybeProcessed = req.method !== 'GET';
    const requestId = requestIdOf(res);
    const fail = (message: string, hint?: string) => new InvalidResponseError(message, res.status, info, { maybeProcessed, hint, requestId });
    if (res.status === 204 || res.text.trim() === '') {
      if (req.allowEmpty) return undefined as T;
      throw fail(`expected JSON from ${where}, got an empty body (HTTP ${res.status})`);
    }
    const type = contentType(res.headers);
    if (type === 'text/html') throw new NotPipesApiError(this.#origin, `HTTP ${res.status} and a web page`, res.status, info, { maybeProcessed });
    if (type && !isJsonType(type)) throw fail(`expected JSON from ${where}, got ${type} (HTTP ${res.status})`);
    let value: unknown;
    try {
      value = JSON.parse(res.text);
    } catch {
      throw fail(`the JSON from ${where} is malformed or cut short (HTTP ${res.status}, ${Buffer.byteLength(res.text)} bytes)`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw fail(`expected a JSON object from ${where}, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value} (HTTP ${res.status})`);
    }
    return value as T;
  }

  /** A non-2xx answer as an error: the API's own (ApiError), or a sign that the host is not a Pipes API. */
  #apiError(res: RawResponse, method: HttpMethod, info: RequestInfo): ApiError | NotPipesApiError {
    const body = parseErrorModel(res.text);
    const type = contentType(res.headers);
    if (!body && answersUnlikePipes(res.status)) {
      const evidence = type === 'text/html' ? 'a web page' : type && isJsonType(type) ? "JSON that is not the API's error model" : `no API error (${type ?? 'no content type'})`;
      return new NotPipesApiError(this.#origin, `HTTP ${res.status} and ${evidence}`, res.status, info);
    }
    const maybeProcessed = method !== 'GET' && res.status >= 500;
    let hint: string | undefined;
    if (!body && type === 'text/html') hint = 'The server answered with a web page instead of an API error: a proxy or load balancer in front of the API may be failing.';
    else if (res.status >= 300 && res.status < 400) hint = redirectHint(res.headers.location);
    if (maybeProcessed) hint = mayHaveHappened(true);
    const location = res.status >= 300 && res.status < 400 ? firstHeader(res.headers.location) : undefined;
    return new ApiError(res.status, info, body, {
      maybeProcessed,
      statusText: res.statusText,
      hint,
      requestId: requestIdOf(res),
      location: location === undefined ? undefined : redactQuery(location),
    });
  }

  #traceRequest(req: HttpRequest, url: string, headers: Record<string, string>, payload: string | undefined): void {
    if (!this.#opts.debug) return;
    this.#trace(`> ${req.method} ${redactQuery(url)}`);
    for (const [name, value] of Object.entries(headers)) this.#trace(`> ${name}: ${redactHeader(name, value)}`);
    if (payload !== undefined) this.#trace(`> ${excerpt(redactJsonText(payload))}`);
    if (req.form) this.#trace(`> ${describeForm(req.form)}`);
  }

  #traceResponse(res: RawResponse, elapsedMs: number): void {
    if (!this.#opts.debug) return;
    this.#trace(`< ${[res.status, res.statusText, `${Math.round(elapsedMs)}ms`].filter(Boolean).join(' ')}`);
    for (const [name, value] of Object.entries(res.headers)) {
      for (const v of [value ?? []].flat()) this.#trace(`< ${name}: ${redactHeader(name, v)}`);
    }
    if (res.text) this.#trace(`< ${excerpt(redactJsonText(res.text))}`);
  }

  #trace(line: string): void {
    this.#opts.debug?.(scrubSecrets(line, [this.#opts.token]));
  }
}

/**
 * Statuses a Pipes API answers with its JSON error model: without one, the answer came from
 * something else (a static file server: 404 for every API path, 501 for POST). Gateway errors
 * (502-504), rate limits, auth refusals and redirects are left to the usual handling.
 */
function answersUnlikePipes(status: number): boolean {
  if (status === 401 || status === 403 || status === 408 || status === 429) return false; // a gateway may say these for the API
  return (status >= 400 && status < 500) || status === 501 || status === 505;
}

function requestIdOf(res: RawResponse): string | undefined {
  const id = firstHeader(res.headers['x-request-id']);
  return id && id.length <= 200 ? id : undefined;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Redirects are not followed (they would carry the token elsewhere); say where it pointed. */
function redirectHint(location: string | string[] | undefined): string {
  const target = Array.isArray(location) ? location[0] : location;
  return target
    ? `The server redirected to ${redactQuery(target)}; use the API host itself.`
    : 'The server answered with a redirect; use the API host itself.';
}

function parseErrorModel(text: string): ErrorModel | undefined {
  try {
    const value = JSON.parse(text) as Partial<ErrorModel> | null;
    if (value && typeof value === 'object' && typeof value.title === 'string') return value as ErrorModel;
  } catch {
    // Not JSON: the caller falls back to the status line.
  }
  return undefined;
}

function isRetryableFailure(failure: SendFailure, method: HttpMethod, loopback: boolean): boolean {
  if (failure.timedOut || !IDEMPOTENT.has(method)) return false;
  const code = errorCode(failure.error);
  // A remote server may be restarting; on this machine a refusal means nothing runs there.
  if (code === 'ECONNREFUSED') return !loopback;
  if (!isResetCode(code)) return false;
  // A reset while reading the body of a GET is safe to replay; a PATCH or DELETE that was answered took effect.
  return !failure.responded || method === 'GET';
}

function isResetCode(code: string | undefined): boolean {
  return code === 'ECONNRESET' || code === 'EPIPE';
}

/** A TLS handshake that met something else, most likely a plain-http server on the port. */
function isNotTls(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && /^ERR_SSL_(WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST|UNKNOWN_PROTOCOL|RECORD_LAYER_FAILURE)/.test(code)) return true;
    if (typeof message === 'string' && /wrong version number|packet length too long|http request|unknown protocol/i.test(message) && /ssl|tls/i.test(message)) return true;
  }
  return false;
}

function describeNetworkFailure(code: string | undefined, host: string, request: string, failure: SendFailure): { reason: NetworkFailure; message: string } {
  switch (code) {
    case 'ECONNREFUSED':
      return { reason: 'refused', message: `could not connect to ${host}: connection refused` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { reason: 'unknown_host', message: `could not connect to ${host}: the host name could not be resolved` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { reason: 'unreachable', message: `could not connect to ${host}: the network or host is unreachable` };
  }
  if (isNotTls(failure.error)) {
    return { reason: 'not_tls', message: `could not connect to ${host} over https: the TLS handshake failed (the server does not seem to speak TLS)` };
  }
  if (isResetCode(code)) {
    return {
      reason: 'reset',
      message: failure.responded
        ? `the connection to ${host} was closed while reading the answer to ${request}`
        : `the connection to ${host} was closed before it answered ${request} (connection reset)`,
    };
  }
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return { reason: 'certificate', message: `could not connect to ${host}: its TLS certificate could not be verified (${code})` };
  }
  const cause = failure.error instanceof Error ? failure.error.message : String(failure.error);
  return { reason: 'other', message: `request to ${host} failed: ${request}: ${cause}` };
}

function describeFailure(failure: SendFailure): string {
  const code = errorCode(failure.error);
  return code === 'ECONNREFUSED' ? 'connection refused' : isResetCode(code) ? 'connection reset' : (code ?? 'network error');
}

function mayHaveHappened(maybeProcessed: boolean): string | undefined {
  return maybeProcessed ? 'The server may have carried out the request before it failed: check the current state before trying again.' : undefined;
}

function errorCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** `Retry-After` as seconds or an HTTP date, in ms (the caller weighs it against its deadline). */
export function retryAfterMs(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const raw = firstHeader(value);
  if (!raw) return undefined;
  const trimmed = raw.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed) * 1000;
  if (trimmed.length > 64) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

function contentType(headers: RawResponse['headers']): string | undefined {
  const raw = headers['content-type'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value?.split(';')[0]?.trim().toLowerCase() || undefined;
}

function isJsonType(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

function describeForm(form: FormData): string {
  const parts: string[] = [];
  for (const [name, value] of form.entries()) {
    parts.push(typeof value === 'string' ? `${name}=(${value.length} chars)` : `${name}=${value.name} (${value.type || 'application/octet-stream'}, ${value.size} bytes)`);
  }
  return `[multipart/form-data: ${parts.join(', ')}]`;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}… (${flat.length} chars)` : flat;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
