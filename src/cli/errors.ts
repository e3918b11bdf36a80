// Errors raised by the CLI layer itself, beside the shared ones in src/errors.ts.
import { CliError, EXIT } from '../errors';

/** Something named on the command line does not exist (or is not visible to you). Exit 1. */
export class NotFoundError extends CliError {
  readonly exitCode = EXIT.failed;
  readonly status: number | null;
  constructor(message: string, opts: { code?: string; hint?: string; status?: number | null } = {}) {
    super(opts.code ?? 'not_found', message, { hint: opts.hint });
    this.status = opts.status ?? null;
  }
}
