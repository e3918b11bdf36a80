// The shapes handlers see and return. Handlers never touch the socket: they get an
// ApiRequest and return a Reply; server.ts writes it.
import type { IncomingHttpHeaders } from 'node:http';
import type { ErrorModel } from '../api/types';
import { BadRequest, EmulatorError, MethodNotAllowed } from './errors';

export interface ApiRequest {
  method: string;
  /** The path without the query string, e.g. `/api/v0/org/acme`. */
  path: string;
  /** The query string as sent, without the `?` (empty when there is none). */
  search: string;
  query: URLSearchParams;
  /** Path parameters named in the route pattern (`:org` → `params.org`). */
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  clientIp: string;
}

export interface Reply {
  status: number;
  /** An object is sent as JSON; a string or Buffer as is (set content-type in headers). */
  body?: unknown;
  headers?: Record<string, string>;
}

export function ok(body: unknown): Reply {
  return { status: 200, body };
}

export function created(body: unknown): Reply {
  return { status: 201, body };
}

export function noContent(): Reply {
  return { status: 204 };
}

export function html(status: number, page: string): Reply {
  return { status, body: page, headers: { 'content-type': 'text/html; charset=utf-8' } };
}

/** The request body as a JSON object; 400 when it is missing, malformed or not an object. */
export function jsonBody(req: ApiRequest, opts: { optional?: boolean } = {}): Record<string, unknown> {
  const text = req.rawBody.toString('utf8').trim();
  if (text === '') {
    if (opts.optional) return {};
    throw new BadRequest('a JSON request body is required');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequest('the request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadRequest('the request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  421: 'Misdirected Request',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function statusTitle(status: number): string {
  return TITLES[status] ?? `HTTP ${status}`;
}

export function errorModel(status: number, instance: string, detail?: string, extra: Partial<ErrorModel> = {}): ErrorModel {
  const model: ErrorModel = { type: 'about:blank', title: statusTitle(status), status, instance };
  if (detail) model.detail = detail;
  return { ...model, ...extra };
}

/** The one place a thrown error becomes an HTTP answer. */
export function errorResponse(err: unknown, instance: string): Reply {
  if (err instanceof EmulatorError) {
    const extra = err.validationErrors ? { validation_errors: err.validationErrors } : {};
    const headers = err instanceof MethodNotAllowed ? { allow: err.allow.join(', ') } : undefined;
    return { status: err.status, body: errorModel(err.status, instance, err.message, extra), headers };
  }
  return { status: 500, body: errorModel(500, instance, 'the emulator hit an unexpected error') };
}
