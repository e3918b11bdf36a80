// `pipesctl auth status` (and `whoami`): who the token belongs to, on which host, where the
// token came from, and its last 4 characters only.
import { Command } from 'commander';
import { ApiError } from '../../api/errors';
import type { Context, GetContext, TokenSource } from '../../cli/context';
import { examples } from '../../cli/help';
import type { TokenKind } from '../../config/store';
import { AuthError } from '../../errors';
import { formatDateTime, formatRelativeTime } from '../../output/format';
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
  /**
   * Whether the org accepts the token: "accepted", "rejected" (its authentication was reset
   * after the token was issued: exit 4), or null when there is no org or it could not be told.
   */
  org_access: 'accepted' | 'rejected' | null;
  /** When a temporary (browser) login stops working, if the service says. */
  token_expires_at: string | null;
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
    org_access: null,
    token_expires_at: null,
  };
  await ctx.spin(`Checking the token with ${host.key}`, async () => {
    [status.org_access, status.token_expires_at] = await Promise.all([
      status.org ? orgAccess(ctx, status.org) : null,
      creds.kind === 'temporary' ? expiryOf(ctx, user.handle, status.token_last4) : null,
    ]);
  });
  const rejected = status.org_access === 'rejected';
  const rejection = () =>
    new AuthError(`${status.org} no longer accepts this token (its authentication was reset after the token was issued)`, {
      code: 'token_rejected',
      status: 401,
      hint: ctx.loginHint(creds.source),
    });
  if (ctx.out.isJson) {
    ctx.out.json(status);
    if (rejected) throw rejection();
    return;
  }
  const c = ctx.colors;
  ctx.out.line(c.bold(host.key));
  const mark = rejected ? c.red('✗') : c.green('✓');
  ctx.out.line(`  ${mark} Logged in as ${c.bold(sanitize(user.handle))}${rejected ? `, but ${status.org} rejects the token` : ''}`);
  ctx.out.line(`  Token: ****${status.token_last4} (from ${ctx.describeTokenSource(creds.source)})`);
  if (status.token_kind) ctx.out.line(`  Token kind: ${status.token_kind}`);
  if (status.token_expires_at) {
    ctx.out.line(`  Expires: ${formatDateTime(status.token_expires_at)} (${formatRelativeTime(status.token_expires_at, ctx.clock.now())})`);
  }
  ctx.out.line(`  Org: ${status.org ?? c.dim('none (set one with `pipesctl org switch`)')}`);
  for (const u of ctx.store.unsafe()) {
    ctx.out.line(`  ${c.red('!')} Config: ${u.problem}; its token is not used (fix: ${u.fix})`);
  }
  if (creds.source === 'env' && ctx.store.getHost(host.key)?.token) {
    ctx.out.notice(`PIPES_TOKEN wins over the login stored in ${ctx.store.path}.`);
  }
  if (rejected) throw rejection();
}

/** GET /org/{org}: a 401 means the org refuses the token (reset-auth); other failures tell nothing. */
async function orgAccess(ctx: Context, org: string): Promise<'accepted' | 'rejected' | null> {
  try {
    await ctx.api().orgs.get(org);
    return 'accepted';
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return 'rejected';
    if (err instanceof ApiError) return null;
    throw err;
  }
}

/** The expiry of the temporary token in use, found among the user's tokens by its last 4 characters. */
async function expiryOf(ctx: Context, userHandle: string, last4: string): Promise<string | null> {
  try {
    for await (const token of ctx.api().actor.listTokens(userHandle)) {
      if (token.token_type === 'temporary' && token.last4 === last4 && token.status === 'active') return token.expires_at ?? null;
    }
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
  }
  return null;
}
