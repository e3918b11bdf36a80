// `pipesctl org list`: the orgs you belong to (every page of GET /actor/org), your role in
// each, and which one commands act on by default.
import { Command } from 'commander';
import type { UserOrg } from '../../api/types';
import type { Context, GetContext } from '../../cli/context';
import { examples } from '../../cli/help';
import { rememberOrgs } from '../../cli/org-cache';

export function listCommand(getCtx: GetContext): Command {
  return new Command('list')
    .description('List your orgs and your role in each')
    .addHelpText(
      'after',
      `
The current org (marked *) is the one commands act on: --org, else PIPES_ORG, else the
default set with \`pipesctl org switch\`. Off a terminal, rows are tab-separated:
handle, display name, role, and "current" on the current org's row.
${examples('pipesctl org list', "pipesctl org list --json | jq -r '.[].org.handle'")}`,
    )
    .action(async () => {
      const ctx = getCtx();
      return runList(ctx);
    });
}

export async function runList(ctx: Context): Promise<void> {
  const api = ctx.api();
  const orgs = await ctx.spin('Fetching your orgs', async () => {
    const all: UserOrg[] = [];
    for await (const userOrg of api.actor.listOrgs()) all.push(userOrg);
    return all;
  });
  // For shell completion of org handles, which never asks the network.
  await rememberOrgs(ctx.store.path, ctx.host().key, orgs.flatMap((o) => (o.org?.handle ? [o.org.handle] : [])));
  if (ctx.out.isJson) {
    ctx.out.json(orgs); // as the API returned them: the current marker is for people only
    return;
  }
  if (orgs.length === 0) {
    ctx.out.notice(`You do not belong to any org on ${ctx.host().key} yet. Create one with \`pipesctl org create <handle>\`.`);
    return;
  }
  const current = ctx.currentOrg();
  const rows = orgs.map((o) => ({ handle: o.org?.handle ?? o.org_id, name: o.org?.display_name ?? '', role: o.role }));
  const c = ctx.colors;
  if (ctx.io.stdoutIsTTY) {
    await ctx.out.table({
      columns: [{ header: '' }, { header: 'HANDLE' }, { header: 'DISPLAY NAME' }, { header: 'ROLE' }],
      rows: rows.map((r) => [r.handle === current ? '*' : '', r.handle, r.name, r.role]),
      style: (cell, row, column) => {
        if (rows[row]!.handle === current) return column <= 1 ? c.green.bold(cell) : c.green(cell);
        return column === 3 ? c.dim(cell) : cell;
      },
    });
  } else {
    await ctx.out.table({
      columns: [{ header: 'HANDLE' }, { header: 'DISPLAY NAME' }, { header: 'ROLE' }, { header: 'CURRENT' }],
      rows: rows.map((r) => [r.handle, r.name, r.role, r.handle === current ? 'current' : '']),
    });
  }
}
