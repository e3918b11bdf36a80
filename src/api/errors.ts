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

  constructor(status: number, request: RequestInfo, body?: ErrorModel) {
    const title = body?.title ?? `HTTP ${status}`;
    const detail = body?.detail;
    super(codeForStatus(status), detail ? `${title}: ${detail}` : title, { details: body?.validation_errors ?? [] });
    this.status = status;
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
  constructor(message: string, request: RequestInfo, opts: { code?: 'network_error' | 'timeout'; cause?: unknown } = {}) {
    super(opts.code ?? 'network_error', message, { cause: opts.cause });
    this.request = request;
  }
}

/** The server answered, but not with the JSON the contract promises (an HTML error page, truncated JSON). */
export class InvalidResponseError extends CliError {
  readonly exitCode = EXIT.failed;
  readonly status: number;
  readonly request: RequestInfo;
  constructor(message: string, status: number, request: RequestInfo) {
    super('invalid_response', message);
    this.status = status;
    this.request = request;
  }
}
