// `pipesctl logout`: forgets the stored token for the host. The default org is kept.
import { Command } from 'commander';
import type { Context, GetContext } from '../../cli/context';
import { examples } from '../../cli/help';
import { readTurbotCliToken, turbotCliTokenPath } from '../../config/turbot-cli';
import { sanitize } from '../../output/sanitize';

export function logoutCommand(getCtx: GetContext): Command {
  return new Command('logout')
    .description('Forget the stored login for the host')
    .addHelpText('after', examples('pipesctl logout', 'pipesctl --host http://127.0.0.1:7070 logout'))
    .action(async () => {
      const ctx = getCtx();
      return runLogout(ctx);
    });
}

export async function runLogout(ctx: Context): Promise<void> {
  const host = ctx.host();
  // Read and cleared under the config's lock: a concurrent login or logout is not lost.
  const stored = await ctx.store.clearToken(host.key);
  if (stored?.token) {
    ctx.out.success(`Logged out of ${host.key}${stored.user ? ` (${sanitize(stored.user)})` : ''}`, { host: host.key, user: stored.user ?? null });
  } else {
    ctx.out.success(`Not logged in to ${host.key}; nothing to forget`, { host: host.key, user: null });
  }
  // Other tokens may still be found; say so rather than let `auth status` surprise.
  if (ctx.env.PIPES_TOKEN?.trim()) ctx.out.warn('PIPES_TOKEN is set: commands still use that token until you unset it.');
  if (readTurbotCliToken(ctx.homeDir, host.key)) {
    ctx.out.warn(`${turbotCliTokenPath(ctx.homeDir, host.key)} (a Steampipe/Powerpipe login) is still used when no other token is set; delete it to stop that.`);
  }
}
