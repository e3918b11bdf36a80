// `pipesctl org switch [handle]`: sets the default org for the host, after checking with the
// API that you belong to it. Without a handle, a picker on a terminal.
import { Argument, Command } from 'commander';
import type { Org } from '../../api/types';
import type { Context, GetContext } from '../../cli/context';
import { NotFoundError } from '../../errors';
import { examples } from '../../cli/help';
import { UsageError } from '../../errors';
import { parseHandle } from '../../core/validate';
import { getOrg } from '../../core/org/get-org';
import { completeOrgHandles } from '../../cli/completion-script';
import { sanitize } from '../../output/sanitize';

export interface SwitchOptions {
  handle?: string;
}

export function switchCommand(getCtx: GetContext): Command {
  return new Command('switch')
    .description('Set the default org for this host')
    .addArgument(completeOrgHandles(new Argument('[handle]', 'the org to switch to (a picker on a terminal when omitted)')))
    .addHelpText(
      'after',
      `
--org and PIPES_ORG still win over the default for a single command.
${examples('pipesctl org switch acme', 'pipesctl org switch        # pick from a list', 'pipesctl --host http://127.0.0.1:7070 org switch acme')}`,
    )
    .action(async (handle: string | undefined) => {
      const ctx = getCtx();
      return runSwitch(ctx, { handle });
    });
}

export async function runSwitch(ctx: Context, opts: SwitchOptions): Promise<void> {
  const host = ctx.host();
  const org = opts.handle === undefined ? await pickOrg(ctx) : await checkMembership(ctx, parseHandle(opts.handle));
  await ctx.store.setHost(host.key, { org: org.handle });
  ctx.out.success(`Default org for ${host.key} is now ${sanitize(org.handle)}`, org);
  const pinned = ctx.options.org || ctx.env.PIPES_ORG;
  if (pinned && pinned !== org.handle) {
    ctx.out.warn(`${ctx.options.org ? '--org' : 'PIPES_ORG'} is set to ${pinned}, which still wins over the default.`);
  }
}

/** GET /org/{handle}: answers 404 unless you are a member (explained by getOrg). */
function checkMembership(ctx: Context, handle: string): Promise<Org> {
  return ctx.spin(`Checking ${handle}`, () => getOrg(ctx, handle));
}

async function pickOrg(ctx: Context): Promise<Org> {
  if (!ctx.canPrompt()) {
    throw new UsageError('no org given: `pipesctl org switch <handle>` (the picker needs a terminal)', { code: 'org_required' });
  }
  const orgs: Org[] = [];
  await ctx.spin('Fetching your orgs', async () => {
    for await (const userOrg of ctx.api().actor.listOrgs()) if (userOrg.org) orgs.push(userOrg.org);
  });
  if (orgs.length === 0) {
    throw new NotFoundError(`you do not belong to any org on ${ctx.host().key}`, {
      code: 'no_orgs',
      hint: 'Create one with `pipesctl org create <handle>`.',
    });
  }
  const current = ctx.currentOrg();
  const chosen = await ctx.prompter.select({
    message: 'Default org:',
    choices: orgs.map((o) => ({ name: o.display_name ? `${o.handle} (${o.display_name})` : o.handle, value: o.handle })),
    default: orgs.some((o) => o.handle === current) ? current : undefined,
  });
  return orgs.find((o) => o.handle === chosen)!;
}
