// The CLI's error classes. Commands throw them; cli/errors.ts turns them (and the Pipes
// client's own errors) into exit codes, messages and JSON (see `pipesctl help exit-codes`).

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
