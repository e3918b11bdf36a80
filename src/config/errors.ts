// The config could not be used or changed. Exit 1 (the command failed, nothing was sent).
import { CliError, EXIT } from '../errors';

export class ConfigError extends CliError {
  readonly exitCode = EXIT.failed;
  constructor(message: string, opts: { code: string; hint?: string }) {
    super(opts.code, message, { hint: opts.hint });
  }
}
