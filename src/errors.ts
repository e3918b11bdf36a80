// The CLI's error classes and the facts about any error that commands and the engines in
// src/core share: whether it may have been processed, whether it fails every request, and its
// one JSON form. Commands and engines throw these; cli/errors.ts gives them (and the Pipes
// client's own errors) exit codes and words for a person (see `pipesctl help exit-codes`).
import { ApiError, NetworkError, NotPipesApiError, PipesError } from './api/errors';

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  cancelled: 3,
  auth: 4,
  partial: 5,
  /** Ctrl-C (SIGINT): 128 + 2, as shells report it. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Base class: every error pipesctl reports on purpose. `code` is stable snake_case for --json. */
export abstract class CliError extends Error {
  abstract readonly exitCode: ExitCode;
  readonly code: string;
  /** The HTTP status behind the error, when an answer from the API caused it; null otherwise. */
  readonly status: number | null;
  readonly details: unknown[];
  /** A line on how to get past this error, printed after the message. */
  readonly hint?: string;

  constructor(code: string, message: string, opts: { hint?: string; details?: unknown[]; cause?: unknown; status?: number | null } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = opts.status ?? null;
    this.details = opts.details ?? [];
    this.hint = opts.hint;
  }
}

/** Bad input, a bad flag, or a confirmation that is missing without a terminal. Nothing was sent. */
export class UsageError extends CliError {
  readonly exitCode = EXIT.usage;
  constructor(message: string, opts: { code?: string; hint?: string; details?: unknown[] } = {}) {
    super(opts.code ?? 'invalid_input', message, opts);
  }
}

/** The user said no at a prompt, or typed the wrong confirmation. */
export class CancelledError extends CliError {
  readonly exitCode = EXIT.cancelled;
  constructor(message = 'Cancelled.') {
    super('cancelled', message);
  }
}

/** No token, or the server rejected it. */
export class AuthError extends CliError {
  readonly exitCode = EXIT.auth;
  constructor(message: string, opts: { code?: string; hint?: string; status?: number | null; cause?: unknown } = {}) {
    super(opts.code ?? 'not_authenticated', message, opts);
  }
}

/** A bulk command finished some items and failed others; the results were already printed. */
export class PartialFailure extends CliError {
  readonly exitCode = EXIT.partial;
  constructor(message: string, details: unknown[] = []) {
    super('partial_failure', message, { details });
  }
}

/** A bulk command stopped by Ctrl-C: what was done is reported, what was not is listed for a retry. */
export class InterruptedError extends CliError {
  readonly exitCode = EXIT.interrupted;
  /** True after a second Ctrl-C: requests in flight were abandoned, not waited for. */
  readonly abandoned: boolean;
  constructor(message: string, opts: { hint?: string; abandoned?: boolean; details?: unknown[] } = {}) {
    super('interrupted', message, opts);
    this.abandoned = opts.abandoned ?? false;
  }
}

/** Something named on the command line does not exist (or is not visible to you). Exit 1. */
export class NotFoundError extends CliError {
  readonly exitCode = EXIT.failed;
  constructor(message: string, opts: { code?: string; hint?: string; status?: number | null } = {}) {
    super(opts.code ?? 'not_found', message, { hint: opts.hint, status: opts.status });
  }
}

/** An error raised on purpose, by pipesctl or by the Pipes client: reported as it is. */
export type KnownError = CliError | PipesError;

export function isKnownError(err: unknown): err is KnownError {
  return err instanceof CliError || err instanceof PipesError;
}

/** True when a failed request may have taken effect anyway: look before sending it again. */
export function mayHaveBeenProcessed(err: unknown): boolean {
  return err instanceof PipesError && err.maybeProcessed;
}

/**
 * Errors that would fail every further request the same way (not signed in, not allowed, the
 * host is not a Pipes API, the host cannot be reached): a bulk run stops at the first.
 */
export function failsEveryRequest(err: unknown): boolean {
  if (err instanceof ApiError) return err.status === 401 || err.status === 403;
  if (err instanceof NotPipesApiError) return true;
  if (err instanceof NetworkError) return err.reason === 'refused' || err.reason === 'unknown_host' || err.reason === 'not_tls' || err.reason === 'certificate';
  if (err instanceof CliError) return err.exitCode === EXIT.auth;
  return err instanceof PipesError && err.status === 401;
}

/** The `error` object of cli.md's JSON: for `--json` failures and for each failed bulk result. */
export interface ErrorJson {
  code: string;
  message: string;
  status: number | null;
  /** Validation errors and the like; left out when there are none. */
  details?: unknown[];
  /** Present (true) when the request may have been carried out although it failed. */
  maybe_processed?: true;
  /** The server's request id, when it sent one. */
  request_id?: string;
}

/**
 * The one error-to-JSON function. The message is the API's own explanation when it gave one
 * (`detail`), without the HTTP framing that `code` and `status` already carry. JSON output is
 * exact: it is not sanitised (JSON escapes control characters itself).
 */
export function errorJson(err: unknown): ErrorJson {
  if (!isKnownError(err)) return { code: 'internal_error', message: err instanceof Error ? err.message : String(err), status: null };
  const json: ErrorJson = { code: err.code, message: plainMessage(err), status: err.status ?? null };
  if (err.details.length > 0) json.details = err.details;
  if (err instanceof PipesError) {
    if (err.maybeProcessed) json.maybe_processed = true;
    if (err.requestId) json.request_id = err.requestId;
  }
  return json;
}

function plainMessage(err: KnownError): string {
  if (err instanceof ApiError && err.detail && err.message === `${err.title}: ${err.detail}`) return err.detail;
  return err.message;
}
