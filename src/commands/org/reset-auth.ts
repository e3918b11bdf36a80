// `pipesctl org reset-auth`: what the console calls "Reset authentication" — PATCH /org/{h}
// with token_min_issued_at set to now, so every user and temporary token issued until now
// stops working for the org, the caller's own included.
import { Command } from 'commander';
import { ApiError } from '../../api/errors';
import type { Context, Credentials, GetContext } from '../../cli/context';
import { examples } from '../../cli/help';
import { explainOrgChangeError, restate } from '../../core/org/explain';

export interface ResetAuthOptions {
  org: string;
  confirm?: string;
}

export function resetAuthCommand(getCtx: GetContext): Command {
  return new Command('reset-auth')
    .description('Revoke every user and temporary token for the org; everyone must log in again')
    .option('--confirm <handle>', 'confirm by naming the org (for scripts)')
    .addHelpText(
      'after',
      `
Every user token and temporary (login) token issued until now stops working for the org,
for every member — including you: run \`pipesctl login\` again afterwards, and give scripts
new tokens. A browser login stored for this host is forgotten only if the service then
rejects it outright (it may still work for your other orgs); pipesctl says which happened.
You type the org handle to confirm; without a terminal, --confirm <handle> answers (and must
match). Owners only. --json prints the org record.
${examples('pipesctl org reset-auth', 'pipesctl org reset-auth --org acme --confirm acme')}`,
    )
    .action(async (flags: { confirm?: string }) => {
      const ctx = getCtx();
      return runResetAuth(ctx, { org: ctx.resolveOrg(), ...flags });
    });
}

export async function runResetAuth(ctx: Context, opts: ResetAuthOptions): Promise<void> {
  const { org } = opts;
  await ctx.confirmByTyping({
    target: org,
    confirmFlag: opts.confirm,
    action: `revoke every user and temporary token for ${org}: everyone, including you, must log in again, and scripts need new tokens`,
  });
  const credentials = ctx.credentials();
  // Now by our clock: the service refuses a time in its future.
  const now = ctx.clock.now();
  const updated = await ctx
    .spin(`Resetting authentication for ${org}`, () => ctx.api().orgs.update(org, { token_min_issued_at: now.toISOString() }))
    .catch((err: unknown) => {
      throw explainClockAhead(explainOrgChangeError(ctx, org, 'reset its authentication', err));
    });
  const done = `Reset authentication for ${org}: tokens issued before ${now.toISOString()} no longer work for it`;
  if (ctx.out.isJson) {
    // Its notes join the JSON document, so they come first.
    await followReset(ctx, org, credentials);
    ctx.out.json(updated);
    return;
  }
  ctx.out.success(done, updated);
  await followReset(ctx, org, credentials);
}

/** A 400 about token_min_issued_at: the server found our "now" in its future. */
function explainClockAhead(err: unknown): unknown {
  if (!(err instanceof ApiError) || err.status !== 400) return err;
  if (!err.validationErrors.some((v) => v.location?.includes('token_min_issued_at'))) return err;
  return restate(err, err.message, "This computer's clock may be ahead of the server's: check it, then run again.");
}

/**
 * The token just used no longer works for the org. A stored browser (temporary) login is
 * forgotten only when the API now rejects it outright (GET /actor answers 401): the reset is
 * per org, and the same login may still work for the person's other orgs.
 */
async function followReset(ctx: Context, org: string, credentials: Credentials | undefined): Promise<void> {
  const host = ctx.host().key;
  switch (credentials?.source) {
    case 'env':
      ctx.out.warn(`PIPES_TOKEN no longer works for ${org}: set it to a token issued from now on.`);
      return;
    case 'turbot-cli':
      ctx.out.warn(`The login in ${ctx.describeTokenSource('turbot-cli')} no longer works for ${org}. ${ctx.loginHint()}`);
      return;
    case 'config':
      if (credentials.kind !== 'temporary') {
        ctx.out.warn(`The token stored for ${host} no longer works for ${org}. ${ctx.loginHint()}`);
        return;
      }
      switch (await loginStillAccepted(ctx)) {
        case false:
          await ctx.store.clearToken(host);
          ctx.out.warn(`Your login for ${host} is no longer accepted, so it has been forgotten. ${ctx.loginHint()}`);
          return;
        case true:
          ctx.out.warn(`Your login for ${host} no longer works for ${org}; it is kept, as it still works for your other orgs. To use ${org} again: ${ctx.loginHint()}`);
          return;
        default:
          ctx.out.warn(`Your login for ${host} no longer works for ${org}; it is kept (whether it still works elsewhere could not be checked). ${ctx.loginHint()}`);
          return;
      }
    default:
      return;
  }
}

/** true: GET /actor still accepts the token; false: it answers 401; undefined: could not tell. */
async function loginStillAccepted(ctx: Context): Promise<boolean | undefined> {
  try {
    await ctx.api().actor.get();
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return false;
    return undefined;
  }
}
