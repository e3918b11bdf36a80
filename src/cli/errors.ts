// The one place errors become exit codes and words for a person. The Pipes client raises its
// own errors (src/api/errors.ts: status, code, request id, "may have been processed") and knows
// nothing of flags; src/errors.ts gives any error its JSON, and here it gets the exit codes of
// `pipesctl help exit-codes` and advice in pipesctl's terms (--host, PIPES_HOST,
// pipes-emulator). Commands raise CliErrors as they are.
import { isLoopback } from '../api/host';
import { ApiError, InvalidInputError, NetworkError, NotPipesApiError, PipesError } from '../api/errors';
import { CliError, EXIT, isKnownError, type ExitCode, type KnownError } from '../errors';
import { sanitizeLine } from '../output/sanitize';

/** Exit code of any error (see `pipesctl help exit-codes`). */
export function exitCodeFor(err: unknown): ExitCode {
  if (err instanceof CliError) return err.exitCode;
  if (err instanceof InvalidInputError) return EXIT.usage;
  if (err instanceof PipesError) return err.status === 401 ? EXIT.auth : EXIT.failed;
  return EXIT.failed;
}

/** Where the host a command talks to came from. */
export type HostSource = 'flag' | 'env' | 'default';

/** What the wording of an error may need to know about the command that failed. */
export interface ErrorSetting {
  /** The host as configured (`--host` or PIPES_HOST, as given), its key and where it came from. */
  host?: { given?: string; key: string; hostname: string; source: HostSource };
  /** How to log in again, for a rejected token. */
  loginHint?: () => string;
}

/** An error in words for a person: one line saying what happened, and maybe one on what to do. */
export interface ErrorWords {
  message: string;
  hint?: string;
}

/** Words for any error. Text that came from the server is made safe for a terminal here. */
export function describeError(err: unknown, setting: ErrorSetting = {}): ErrorWords {
  if (!isKnownError(err)) return { message: `unexpected error: ${safeText(err instanceof Error ? err.message : String(err))}` };
  const words = wordsFor(err, setting);
  return { message: safeText(words.message), hint: words.hint === undefined ? undefined : safeText(words.hint) };
}

function wordsFor(err: KnownError, setting: ErrorSetting): ErrorWords {
  const host = setting.host;
  if (err instanceof NetworkError && host) {
    if (err.reason === 'not_tls') {
      return {
        message: `TLS failed with ${err.host || host.key}: is it a plain-http server? Use ${hostSetting(host, `http://${err.host || host.key}`)}`,
      };
    }
    if (err.reason === 'refused') {
      return { message: err.message, hint: `${isLoopback(host.hostname) ? 'Is pipes-emulator (or the server) running? ' : ''}${checkHost(host)}` };
    }
    if (err.reason === 'unknown_host') return { message: err.message, hint: checkHost(host) };
  }
  if (err instanceof NotPipesApiError) {
    const from = host ? ` (${sourceWords(host)})` : '';
    return {
      message: `${err.host} does not look like a Pipes API${from}: it answered ${err.request.method} ${err.request.path} with ${err.evidence}`,
      hint: host ? checkHost(host) : undefined,
    };
  }
  if (err instanceof ApiError) {
    if (err.status === 401 && setting.loginHint) return { message: err.message, hint: setting.loginHint() };
    if (err.status === 403 && /\bowner/i.test(`${err.title} ${err.detail ?? ''}`)) {
      return { message: err.message, hint: err.hint ?? 'This needs the owner role in the org; ask one of its owners (`pipesctl people list --role owner`).' };
    }
    if (err.status >= 300 && err.status < 400) {
      const to = err.location ? `The server redirected to ${err.location}; ` : 'The server answered with a redirect; ';
      return { message: err.message, hint: `${to}${host ? `point ${host.source === 'env' ? 'PIPES_HOST' : '--host'}` : 'point --host'} at the API host itself.` };
    }
  }
  return { message: err.message, hint: err.hint };
}

function sourceWords(host: NonNullable<ErrorSetting['host']>): string {
  switch (host.source) {
    case 'flag':
      return 'from --host';
    case 'env':
      return 'from PIPES_HOST';
    case 'default':
      return 'the default host';
  }
}

function checkHost(host: NonNullable<ErrorSetting['host']>): string {
  switch (host.source) {
    case 'flag':
      return `Check --host ${host.given ?? host.key}.`;
    case 'env':
      return `Check PIPES_HOST (${host.given ?? host.key}), or unset it to use the default host.`;
    case 'default':
      return 'Check your network, or give the host with --host or PIPES_HOST.';
  }
}

/** `--host X` or `PIPES_HOST=X`, as the user set the host. */
function hostSetting(host: NonNullable<ErrorSetting['host']>, value: string): string {
  return host.source === 'env' ? `PIPES_HOST=${value}` : `--host ${value}`;
}

/** Text from outside as one line safe for a terminal (output/'s sanitiser: controls in caret notation, bidi controls by name). */
export function safeText(text: string): string {
  return sanitizeLine(text);
}

/** JSON text for a terminal: characters JSON.stringify leaves raw (C1, bidi) as \u escapes; still the same JSON. */
export function escapeJsonText(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
