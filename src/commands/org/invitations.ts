// `pipesctl org invitations`: the orgs that have invited you and are waiting for an answer
// (every page of GET /actor/org/invite). Accept one with `pipesctl org join <org>`.
import { Command } from 'commander';
import type { UserOrg } from '../../api/types';
import type { Context, GetContext } from '../../cli/context';
import { examples } from '../../cli/help';
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
  const api = ctx.api();
  if (ctx.out.isJson) {
    const writer = ctx.out.jsonArray();
    const stream = async () => {
      for await (const invite of api.actor.listOrgInvites()) await writer.write(invite);
    };
    await (ctx.io.stdoutIsTTY ? stream() : ctx.spin('Fetching your invitations', stream));
    await writer.close();
    return;
  }
  const invites = await ctx.spin('Fetching your invitations', async () => {
    const all: UserOrg[] = [];
    for await (const invite of api.actor.listOrgInvites()) all.push(invite);
    return all;
  });
  if (invites.length === 0) {
    ctx.out.notice(`You have no open invitations on ${ctx.host().key}.`);
    return;
  }
  const rows = invites.map((i) => ({ handle: i.org?.handle ?? i.org_id, name: i.org?.display_name ?? '', role: i.role, invited: i.created_at }));
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
