// Runs one command line against a Context and turns whatever it throws into an exit code and
// a message. The only place errors become exit codes; main.ts and the tests both go through it.
import { scrubSecrets } from '../api/redact';
import { sanitize } from '../output/sanitize';
import { describeError, escapeJsonText, exitCodeFor, type ErrorSetting } from './errors';
import { EXIT, errorJson, isKnownError, type ErrorJson, type ExitCode } from '../errors';
import { Context, type ContextDeps, type TokenSource } from './context';
import { buildProgram, HelpShown } from './program';

export async function runCli(deps: ContextDeps, argv: readonly string[]): Promise<ExitCode> {
  const program = buildProgram(deps);
  let fallback: Context | undefined;
  try {
    // Bare `pipesctl` is a request for help, as with gh.
    await program.command.parseAsync(argv.length > 0 ? [...argv] : ['--help'], { from: 'user' });
    program.context()?.out.finish();
    return EXIT.ok;
  } catch (err) {
    // Parsing may have failed before the Context was built: report through one without options.
    const ctx = program.context() ?? (fallback = new Context(deps, { json: wantsJson(argv) }));
    ctx.out.finish({ failed: true });
    return reportError(ctx, err, { json: ctx.options.json || wantsJson(argv) });
  } finally {
    await Promise.all([program.context()?.close(), fallback?.close()]);
  }
}

/** `{"error": {...}}` as cli.md defines it. */
export interface JsonError {
  error: ErrorJson & { details: unknown[] };
}

/** Prints the error (human text, or JSON with --json) on stderr and returns its exit code. */
export function reportError(ctx: Context, err: unknown, opts: { json: boolean }): ExitCode {
  if (err instanceof HelpShown) return err.exitCode;
  const secrets = ctx.knownSecrets();
  const scrub = (text: string) => scrubSecrets(text, secrets);
  // Messages carry what servers and files said: never raw to a terminal (JSON escapes by itself).
  const human = (text: string) => sanitize(scrub(text));
  const stderr = ctx.io.stderr;
  const known = isKnownError(err);

  if (opts.json) {
    const { code, message, status, details, ...rest } = errorJson(err);
    const body: JsonError = { error: { code, message, status, details: details ?? [], ...rest } };
    stderr.write(scrub(escapeJsonText(JSON.stringify(body))) + '\n');
  } else {
    const words = describeError(err, errorSetting(ctx));
    stderr.write(`${ctx.errColors.red(human(words.message))}\n`);
    if (words.hint) stderr.write(`${human(words.hint)}\n`);
  }
  if (!known) {
    // Not an error we raise on purpose: the stack only with --debug.
    if (ctx.options.debug && err instanceof Error && err.stack) stderr.write(`${human(err.stack)}\n`);
    else if (!opts.json) stderr.write('Run again with --debug for details.\n');
  }
  return exitCodeFor(err);
}

/** What the error words need to know: the host and where it came from, how to log in again. */
function errorSetting(ctx: Context): ErrorSetting {
  const setting: ErrorSetting = { loginHint: () => ctx.loginHint(tokenSource(ctx)) };
  try {
    const host = ctx.host();
    const source = ctx.hostSource();
    setting.host = { key: host.key, hostname: host.hostname, source, given: source === 'flag' ? ctx.options.host : source === 'env' ? ctx.env.PIPES_HOST : undefined };
  } catch {
    // an invalid host: the error itself says so
  }
  return setting;
}

function tokenSource(ctx: Context): TokenSource | undefined {
  try {
    return ctx.credentials()?.source;
  } catch {
    return undefined;
  }
}

/** --json before any `--`: known even when parsing failed before the options were applied. */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}
