// Errors of the Pipes client. None of them ever carries the token: requests are described by
// method and path only.
import { CliError, EXIT, type ExitCode } from '../errors';
import type { ErrorDetailModel, ErrorModel } from './types';

export interface RequestInfo {
  method: string;
  /** Path below the API base, with its query string. */
  path: string;
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

/** A non-2xx answer from the API, carrying its ErrorModel. A 401 exits 4, anything else 1. */
export class ApiError extends CliError {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly validationErrors: ErrorDetailModel[];
  readonly request: RequestInfo;
  readonly body?: ErrorModel;
  /** True when the request may have taken effect anyway (a POST, PATCH or DELETE answered 5xx). */
  readonly maybeProcessed: boolean;

  /** `statusText` names the status when the body is not an ErrorModel (`HTTP 502 Bad Gateway`). */
  constructor(
    status: number,
    request: RequestInfo,
    body?: ErrorModel,
    opts: { maybeProcessed?: boolean; statusText?: string; hint?: string } = {},
  ) {
    const title = body?.title ?? (opts.statusText ? `HTTP ${status} ${opts.statusText}` : `HTTP ${status}`);
    const detail = body?.detail;
    super(codeForStatus(status), detail ? `${title}: ${detail}` : title, {
      details: body?.validation_errors ?? [],
      hint: opts.hint,
    });
    this.status = status;
    this.maybeProcessed = opts.maybeProcessed ?? false;
    this.title = title;
    this.detail = detail;
    this.validationErrors = body?.validation_errors ?? [];
    this.request = request;
    this.body = body;
  }

  get exitCode(): ExitCode {
    return this.status === 401 ? EXIT.auth : EXIT.failed;
  }
}

/** The server could not be reached, the connection broke, or the request timed out. */
export class NetworkError extends CliError {
  readonly exitCode = EXIT.failed;
  readonly request: RequestInfo;
  /** True when the request may have reached the server and taken effect (a POST reset or timed out). */
  readonly maybeProcessed: boolean;
  constructor(
    message: string,
    request: RequestInfo,
    opts: { code?: 'network_error' | 'timeout'; cause?: unknown; maybeProcessed?: boolean; hint?: string } = {},
  ) {
    super(opts.code ?? 'network_error', message, { cause: opts.cause, hint: opts.hint });
    this.request = request;
    this.maybeProcessed = opts.maybeProcessed ?? false;
  }
}

/** The server answered, but not with the JSON the contract promises (an HTML error page, truncated JSON). */
export class InvalidResponseError extends CliError {
  readonly exitCode = EXIT.failed;
  readonly status: number;
  readonly request: RequestInfo;
  /** True when the server may have acted on the request (a mutation answered 2xx with a bad body). */
  readonly maybeProcessed: boolean;
  constructor(message: string, status: number, request: RequestInfo, opts: { maybeProcessed?: boolean; hint?: string } = {}) {
    super('invalid_response', message, { hint: opts.hint });
    this.status = status;
    this.request = request;
    this.maybeProcessed = opts.maybeProcessed ?? false;
  }
}
