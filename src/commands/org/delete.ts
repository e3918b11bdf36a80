// `pipesctl org delete [handle]`: DELETE /org/{h}, after the org handle is typed (or given
// with --confirm, which must match, so a wrong $ORG in a script cannot delete the wrong org).
import { Argument, Command } from 'commander';
import type { Org } from '../../api/types';
import type { Context, GetContext } from '../../cli/context';
import { examples } from '../../cli/help';
import { explainOrgChangeError } from '../../core/org/explain';
import { completeOrgHandles } from '../../cli/completion-script';

export interface DeleteOptions {
  org: string;
  confirm?: string;
}

export function deleteCommand(getCtx: GetContext): Command {
  return new Command('delete')
    .description('Delete an organization and everything in it')
    .addArgument(completeOrgHandles(new Argument('[handle]', 'the org to delete (default: --org, PIPES_ORG or the default org)')))
    .option('--confirm <handle>', 'confirm by naming the org (for scripts)')
    .addHelpText(
      'after',
      `
Deletes the org with its workspaces, connections and memberships; it cannot be undone. You
type the org handle to confirm; without a terminal, --confirm <handle> answers, and it must
equal the org being deleted (nothing is sent otherwise). If it was your default org for
this host, there is no default afterwards. Owners only.
--json prints the deleted org record ({"deleted": "<handle>"} if the API returns none).
${examples('pipesctl org delete acme-labs', 'pipesctl org delete "$ORG" --confirm "$ORG" --json')}`,
    )
    .action(async (handle: string | undefined, flags: { confirm?: string }) => {
      const ctx = getCtx();
      return runDelete(ctx, { org: ctx.resolveOrg(handle), ...flags });
    });
}

export async function runDelete(ctx: Context, opts: DeleteOptions): Promise<void> {
  const { org } = opts;
  await ctx.confirmByTyping({
    target: org,
    confirmFlag: opts.confirm,
    action: `delete the org ${org} and everything in it (workspaces, connections, members); this cannot be undone`,
  });
  const deleted: Org | undefined = await ctx
    .spin(`Deleting ${org}`, () => ctx.api().orgs.delete(org))
    .catch((err: unknown) => {
      throw explainOrgChangeError(ctx, org, 'delete it', err);
    });
  ctx.out.success(`Deleted org ${org}`, deleted ?? { deleted: org });

  const host = ctx.host().key;
  if (await ctx.store.replaceDefaultOrg(host, org, undefined)) {
    ctx.out.notice(`${org} was your default org for ${host}; there is no default now (choose one with \`pipesctl org switch\`).`);
  }
}
