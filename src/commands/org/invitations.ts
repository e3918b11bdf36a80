// `pipesctl org invitations`: the orgs that have invited you and are waiting for an answer
// (every page of GET /actor/org/invite). Accept one with `pipesctl org join <org>`.
import { Command } from 'commander';
import type { UserOrg } from '../../api/types';
import type { Context, GetContext } from '../../cli/context';
import { examples } from '../../cli/help';
import { readList } from '../../cli/read-list';
import { formatRelativeTime } from '../../output/format';

export function invitationsCommand(getCtx: GetContext): Command {
  return new Command('invitations')
    .description('List the orgs that have invited you')
    .addHelpText(
      'after',
      `
Accept an invitation with \`pipesctl org join <org>\`. Off a terminal, rows are
tab-separated: org handle, display name, role, and when you were invited (ISO 8601).
--json prints the API's UserOrg records (status "pending").
${examples('pipesctl org invitations', "pipesctl org invitations --json | jq -r '.[].org.handle'")}`,
    )
    .action(async () => runInvitations(getCtx()));
}

export async function runInvitations(ctx: Context): Promise<void> {
  const rows = await readList(ctx, 'Fetching your invitations', ctx.api().actor.listOrgInvites(), invitationRow);
  if (rows === undefined) return;
  if (rows.length === 0) {
    ctx.out.notice(`You have no open invitations on ${ctx.host().key}.`);
    return;
  }
  if (!ctx.io.stdoutIsTTY) {
    await ctx.out.table({
      columns: [{ header: 'ORG' }, { header: 'DISPLAY NAME' }, { header: 'ROLE' }, { header: 'INVITED' }],
      rows: rows.map((r) => [r.handle, r.name, r.role, r.invited]),
    });
    return;
  }
  const now = ctx.clock.now();
  const c = ctx.colors;
  await ctx.out.table({
    columns: [{ header: 'ORG' }, { header: 'DISPLAY NAME' }, { header: 'ROLE' }, { header: 'INVITED' }],
    rows: rows.map((r) => [r.handle, r.name, r.role, formatRelativeTime(r.invited, now)]),
    style: (cell, _row, column) => (column === 0 ? c.bold(cell) : column === 3 ? c.dim(cell) : cell),
  });
  const first = rows[0]!.handle;
  ctx.out.notice(`Accept one with \`pipesctl org join ${/^[a-z0-9-]+$/.test(first) ? first : '<org>'}\`.`);
}

function invitationRow(i: UserOrg) {
  return { handle: i.org?.handle ?? i.org_id, name: i.org?.display_name ?? '', role: i.role, invited: i.created_at };
}
