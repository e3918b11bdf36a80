// `pipesctl login`: the browser + 6-digit code flow of Turbot's own CLIs, or `--with-token`
// for a token on stdin. Either way the token is checked with GET /actor before it is stored.
import { Command } from 'commander';
import { ApiError } from '../../api/errors';
import type { HostTarget } from '../../api/host';
import type { User } from '../../api/types';
import type { Context, GetContext } from '../../cli/context';
import { examples } from '../../cli/help';
import type { TokenKind } from '../../config/store';
import { AuthError, UsageError } from '../../errors';
import { readAll } from '../../io/streams';
import { parseVerificationCode } from '../../core/validate';
import { sanitize } from '../../output/sanitize';

export interface LoginOptions {
  withToken: boolean;
}

/** Wrong codes allowed before giving up, as Turbot's CLIs do. */
export const CODE_ATTEMPTS = 3;

export function loginCommand(getCtx: GetContext): Command {
  return new Command('login')
    .description('Log in to a Pipes host')
    .option('--with-token', 'read a token from stdin instead of using the browser')
    .addHelpText(
      'after',
      `
Without --with-token, pipesctl opens the Pipes console in your browser; sign in, press
Verify, and type the 6-digit code it shows. The login is stored per host in the config
file (mode 0600). PIPES_TOKEN, when set, is used instead of any stored login.
${examples(
  'pipesctl login',
  'pipesctl login --with-token < token.txt',
  'pipesctl --host http://127.0.0.1:7070 login --with-token <<< "$PIPES_EMULATOR_TOKEN"',
)}`,
    )
    .action(async (flags: { withToken?: boolean }) => {
      const ctx = getCtx();
      return runLogin(ctx, { withToken: Boolean(flags.withToken) });
    });
}

export async function runLogin(ctx: Context, opts: LoginOptions): Promise<void> {
  const host = ctx.host();
  const { token, kind } = opts.withToken ? await tokenFromStdin(ctx) : await tokenFromBrowser(ctx, host);
  const user = await verifyToken(ctx, host, token);
  await ctx.store.setHost(host.key, { token, user: user.handle, token_kind: kind });
  ctx.out.success(`Logged in to ${host.key} as ${sanitize(user.handle)}`, {
    host: host.key,
    user: user.handle,
    token_kind: kind,
    token_last4: token.slice(-4),
  });
  if (ctx.env.PIPES_TOKEN?.trim()) ctx.out.warn('PIPES_TOKEN is set: it is still used instead of this login until you unset it.');
}

async function tokenFromStdin(ctx: Context): Promise<{ token: string; kind: TokenKind }> {
  if (ctx.io.stdinIsTTY) ctx.out.notice('Paste the token, then press Enter and Ctrl-D:');
  const token = (await readAll(ctx.io.stdin)).trim();
  if (!token) {
    throw new UsageError('no token on stdin: pipe one in, e.g. `pipesctl login --with-token < token.txt`', { code: 'token_missing' });
  }
  if (/\s/.test(token)) {
    throw new UsageError('the text on stdin is not a single token (it contains spaces or several lines)', { code: 'token_invalid' });
  }
  return { token, kind: 'user' };
}

async function tokenFromBrowser(ctx: Context, host: HostTarget): Promise<{ token: string; kind: TokenKind }> {
  if (!ctx.canPrompt()) {
    throw new UsageError('`pipesctl login` needs a terminal to type the verification code into', {
      code: 'terminal_required',
      hint: 'In scripts, use `pipesctl login --with-token < token.txt` or set PIPES_TOKEN.',
    });
  }
  const login = ctx.anonymousApi().login;
  const request = await ctx.spin('Starting login', () => login.createRequest());
  const url = `${host.webBase}/login/token?r=${encodeURIComponent(request.id)}`;
  ctx.out.notice(`Open this page to log in to ${host.key}, then press Verify:\n  ${url}`);
  ctx.out.notice((await ctx.openBrowser(url)) ? '(opened in your browser)' : '(no browser could be opened here: open this URL in a browser)');

  for (let attempt = 1; attempt <= CODE_ATTEMPTS; attempt++) {
    const answer = await ctx.prompter.input({ message: 'Enter verification code:', validate: codeProblem });
    const left = CODE_ATTEMPTS - attempt;
    const retry = left > 0 ? ` ${left} ${left === 1 ? 'try' : 'tries'} left.` : '';
    let code: string;
    try {
      code = parseVerificationCode(answer);
    } catch {
      ctx.out.warn(`The verification code is the 6 digits the page shows after Verify.${retry}`);
      continue;
    }
    try {
      const redeemed = await ctx.spin('Checking the code', () => login.redeem(request.id, code));
      if (redeemed.token) return { token: redeemed.token, kind: 'temporary' };
      ctx.out.warn(`The login is not verified yet: press Verify on the page first.${retry}`);
    } catch (err) {
      // A wrong or expired code is a 4xx; anything else (server, network) ends the login.
      if (!(err instanceof ApiError) || err.status < 400 || err.status >= 500 || err.status === 429) throw err;
      ctx.out.warn(`That code was not accepted.${retry}`);
    }
  }
  throw new AuthError(`login to ${host.key} failed: no valid verification code after ${CODE_ATTEMPTS} tries`, {
    code: 'login_failed',
    hint: 'Run `pipesctl login` to start again.',
  });
}

/** GET /actor with the new token: proves it works and says whose it is. */
async function verifyToken(ctx: Context, host: HostTarget, token: string): Promise<User> {
  try {
    return await ctx.spin('Checking the token', () => ctx.apiWithToken(token).actor.get());
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      throw new AuthError(`${host.key} did not accept the token; nothing was stored`, {
        code: 'token_rejected',
        status: 401,
        hint: 'Check the token (Pipes console → your profile → Tokens), or run `pipesctl login` to log in with the browser.',
      });
    }
    throw err;
  }
}

function codeProblem(value: string): true | string {
  return /^\s*\d{6}\s*$/.test(value) || 'Enter the 6 digits the page shows after Verify';
}
