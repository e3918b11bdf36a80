// `pipesctl auth status` (and `whoami`): who the token belongs to, on which host, where the
// token came from, and its last 4 characters only.
import { Command } from 'commander';
import { ApiError } from '../../api/errors';
import type { Context, GetContext, TokenSource } from '../../cli/context';
import { examples } from '../../cli/help';
import type { TokenKind } from '../../config/store';
import { AuthError } from '../../errors';
import { sanitize } from '../../output/sanitize';

/** The `--json` document. */
export interface AuthStatus {
  host: string;
  api_url: string;
  user: string;
  user_id: string;
  token_source: TokenSource;
  token_last4: string;
  token_kind: TokenKind | null;
  /** The org commands act on by default (--org, PIPES_ORG or `org switch`), if any. */
  org: string | null;
  /** Why the config file is not trusted (another user owns or can write it); empty when it is. */
  config_problems: string[];
}

const HELP = examples('pipesctl auth status', 'pipesctl auth status --json | jq -r .user', 'PIPES_TOKEN=tpt_... pipesctl whoami');

export function statusCommand(getCtx: GetContext): Command {
  return new Command('status')
    .description('Show who you are logged in as, and where the token comes from')
    .addHelpText('after', `\nExits 4 when not logged in or when the host rejects the token.\n${HELP}`)
    .action(async () => {
      const ctx = getCtx();
      return runAuthStatus(ctx);
    });
}

/** `whoami`: auth status at the top level. */
export function whoamiCommand(getCtx: GetContext): Command {
  return new Command('whoami')
    .description('Show who you are logged in as (same as `auth status`)')
    .addHelpText('after', HELP)
    .action(async () => {
      const ctx = getCtx();
      return runAuthStatus(ctx);
    });
}

export async function runAuthStatus(ctx: Context): Promise<void> {
  const host = ctx.host();
  const api = ctx.api(); // AuthError (exit 4) when there is no token at all
  const creds = ctx.credentials()!;
  let user;
  try {
    user = await ctx.spin(`Checking the token with ${host.key}`, () => api.actor.get());
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      throw new AuthError(`the token from ${ctx.describeTokenSource(creds.source)} was rejected by ${host.key}`, {
        code: 'token_rejected',
        status: 401,
        hint: ctx.loginHint(creds.source),
      });
    }
    throw err;
  }

  const status: AuthStatus = {
    host: host.key,
    api_url: host.apiBase,
    user: user.handle,
    user_id: user.id,
    token_source: creds.source,
    token_last4: creds.token.slice(-4),
    token_kind: creds.kind ?? null,
    org: ctx.currentOrg() ?? null,
    config_problems: ctx.store.unsafe().map((u) => u.problem),
  };
  if (ctx.out.isJson) {
    ctx.out.json(status);
    return;
  }
  const c = ctx.colors;
  ctx.out.line(c.bold(host.key));
  ctx.out.line(`  ${c.green('✓')} Logged in as ${c.bold(sanitize(user.handle))}`);
  ctx.out.line(`  Token: ****${status.token_last4} (from ${ctx.describeTokenSource(creds.source)})`);
  if (status.token_kind) ctx.out.line(`  Token kind: ${status.token_kind}`);
  ctx.out.line(`  Org: ${status.org ?? c.dim('none (set one with `pipesctl org switch`)')}`);
  for (const u of ctx.store.unsafe()) {
    ctx.out.line(`  ${c.red('!')} Config: ${u.problem}; its token is not used (fix: ${u.fix})`);
  }
  if (creds.source === 'env' && ctx.store.getHost(host.key)?.token) {
    ctx.out.notice(`PIPES_TOKEN wins over the login stored in ${ctx.store.path}.`);
  }
}
