// Runs one command line against a Context and turns whatever it throws into an exit code and
// a message. The only place errors become exit codes; main.ts and the tests both go through it.
import { ApiError } from '../api/errors';
import { scrubSecrets } from '../api/redact';
import { CliError, EXIT, type ExitCode } from '../errors';
import type { Context, TokenSource } from './context';
import { buildProgram, HelpShown } from './program';

export async function runCli(ctx: Context, argv: readonly string[]): Promise<ExitCode> {
  const program = buildProgram(ctx);
  try {
    // Bare `pipesctl` is a request for help, as with gh.
    await program.parseAsync(argv.length > 0 ? [...argv] : ['--help'], { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    return reportError(ctx, err, { json: ctx.options.json || wantsJson(argv) });
  } finally {
    await ctx.close();
  }
}

/** `{"error": {...}}` as cli.md defines it. */
export interface JsonError {
  error: { code: string; message: string; status: number | null; details: unknown[] };
}

/** Prints the error (human text, or JSON with --json) on stderr and returns its exit code. */
export function reportError(ctx: Context, err: unknown, opts: { json: boolean }): ExitCode {
  if (err instanceof HelpShown) return err.exitCode;
  const secrets = ctx.knownSecrets();
  const scrub = (text: string) => scrubSecrets(text, secrets);
  const stderr = ctx.io.stderr;

  if (err instanceof CliError) {
    if (opts.json) {
      const body: JsonError = { error: { code: err.code, message: scrub(err.message), status: statusOf(err), details: err.details } };
      stderr.write(scrub(JSON.stringify(body)) + '\n');
    } else {
      stderr.write(`${ctx.errColors.red(scrub(err.message))}\n`);
      const hint = hintFor(ctx, err);
      if (hint) stderr.write(`${scrub(hint)}\n`);
    }
    return err.exitCode;
  }

  // Not an error we raise on purpose: say so briefly; the stack only with --debug.
  const message = err instanceof Error ? err.message : String(err);
  if (opts.json) {
    const body: JsonError = { error: { code: 'internal_error', message: scrub(message), status: null, details: [] } };
    stderr.write(scrub(JSON.stringify(body)) + '\n');
  } else {
    stderr.write(`${ctx.errColors.red(`unexpected error: ${scrub(message)}`)}\n`);
  }
  if (ctx.options.debug && err instanceof Error && err.stack) stderr.write(`${scrub(err.stack)}\n`);
  else if (!opts.json) stderr.write('Run again with --debug for details.\n');
  return EXIT.failed;
}

function hintFor(ctx: Context, err: CliError): string | undefined {
  if (err instanceof ApiError && err.status === 401) return ctx.loginHint(tokenSource(ctx));
  if (err instanceof ApiError && err.status === 403 && /\bowner/i.test(`${err.title} ${err.detail ?? ''}`)) {
    return err.hint ?? 'This needs the owner role in the org; ask one of its owners (`pipesctl people list --role owner`).';
  }
  return err.hint;
}

function tokenSource(ctx: Context): TokenSource | undefined {
  try {
    return ctx.credentials()?.source;
  } catch {
    return undefined;
  }
}

function statusOf(err: CliError): number | null {
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number' ? status : null;
}

/** --json before any `--`: known even when parsing failed before the options were applied. */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}
