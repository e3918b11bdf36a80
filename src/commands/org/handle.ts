// `pipesctl org handle <new-handle>`: renames the org (PATCH /org/{h} with If-Match). A
// workspace's database host name embeds the org handle, so every one of them changes: they are
// listed before the typed confirmation, and in the JSON result.
import { Command } from 'commander';
import type { Org, Workspace } from '../../api/types';
import type { Context, GetContext } from '../../cli/context';
import { examples } from '../../cli/help';
import { UsageError } from '../../errors';
import { parseHandle } from '../../core/validate';
import { explainHandleTaken, explainOrgChangeError } from '../../core/org/explain';
import { alignRows } from '../../output/table';
import { sanitize } from '../../output/sanitize';

export interface HandleOptions {
  /** The org to rename (its current handle). */
  org: string;
  newHandle: string;
  confirm?: string;
}

export interface DnsChange {
  workspace: string;
  old: string;
  new: string;
}

/** What `--json` prints. */
export interface HandleJson {
  org: Org;
  dns_changes: DnsChange[];
}

export function handleCommand(getCtx: GetContext): Command {
  return new Command('handle')
    .description('Rename the org (changes the database host name of every workspace)')
    .argument('<new-handle>', 'lowercase letters, digits and single hyphens, at most 39 characters')
    .option('--confirm <current-handle>', 'confirm by naming the org as it is now called (for scripts)')
    .addHelpText(
      'after',
      `
A workspace's database is reached at {org}-{workspace}.{workspace host}, so renaming the
org changes that name for every workspace: connection strings that use it must be updated.
The names that change are listed, then you type the current handle to confirm; without a
terminal, --confirm <current-handle> answers (and must match). If the org was your default
for this host, the default follows the new handle. Owners only.

--json prints {"org": <the renamed org>, "dns_changes": [{"workspace", "old", "new"}]}.
${examples('pipesctl org handle acme-corp', 'pipesctl org handle acme-corp --org acme --confirm acme --json')}`,
    )
    .action(async (newHandle: string, flags: { confirm?: string }) => {
      const ctx = getCtx();
      return runHandle(ctx, { org: ctx.resolveOrg(), newHandle, ...flags });
    });
}

export async function runHandle(ctx: Context, opts: HandleOptions): Promise<void> {
  // Checked before anything is sent: the new handle, and a confirmation a script must give.
  const newHandle = parseHandle(opts.newHandle);
  const current = opts.org;
  if (newHandle === current) {
    throw new UsageError(`${current} is already the org's handle; give a different one`, { code: 'handle_unchanged' });
  }
  const confirmation = { target: current, confirmFlag: opts.confirm, action: `rename the org ${current} to ${newHandle}` };
  const answeredAlready = opts.confirm !== undefined || !ctx.canPrompt();
  if (answeredAlready) await ctx.confirmByTyping(confirmation);

  const api = ctx.api();
  const explain = (err: unknown) => explainHandleTaken(newHandle, explainOrgChangeError(ctx, current, 'rename it', err));
  const [org, workspaces] = await ctx
    .spin(`Reading ${current} and its workspaces`, () =>
      Promise.all([
        api.orgs.get(current),
        (async () => {
          const all: Workspace[] = [];
          for await (const ws of api.orgs.listWorkspaces(current)) all.push(ws);
          return all;
        })(),
      ]),
    )
    .catch((err: unknown) => {
      throw explain(err);
    });
  const dnsChanges = workspaces.map((ws) => ({ workspace: ws.handle, old: workspaceDnsName(current, ws), new: workspaceDnsName(newHandle, ws) }));

  if (!answeredAlready) {
    await printDnsChanges(ctx, { from: current, to: newHandle, changes: dnsChanges, done: false });
    await ctx.confirmByTyping(confirmation);
  }

  const renamed = await ctx
    .spin(`Renaming ${current} to ${newHandle}`, () => api.orgs.update(current, { handle: newHandle }, { ifMatch: org.version_id }))
    .catch((err: unknown) => {
      throw explain(err);
    });

  const result: HandleJson = { org: renamed, dns_changes: dnsChanges };
  if (ctx.out.isJson) {
    // Its notices join the JSON document, so they come first.
    await followRename(ctx, current, renamed.handle);
    ctx.out.json(result);
    return;
  }
  ctx.out.success(`Renamed ${current} to ${sanitize(renamed.handle)}`, result);
  if (answeredAlready) await printDnsChanges(ctx, { from: current, to: renamed.handle, changes: dnsChanges, done: true });
  await followRename(ctx, current, renamed.handle);
}

/** The database host name of a workspace: `{org}-{workspace}.{workspace.host}` (NOTES.md). */
export function workspaceDnsName(org: string, ws: Pick<Workspace, 'handle' | 'host'>): string {
  return ws.host ? `${org}-${ws.handle}.${ws.host}` : `${org}-${ws.handle}`;
}

/** Before the prompt, what will change (on stderr with --json: only a person at a terminal sees a prompt); after, what did. */
async function printDnsChanges(ctx: Context, rename: { from: string; to: string; changes: DnsChange[]; done: boolean }): Promise<void> {
  const { from, to, changes, done } = rename;
  const write = ctx.out.isJson ? (text: string) => ctx.out.aside(text) : (text: string) => ctx.out.line(text);
  if (changes.length === 0) {
    write(`${from} has no workspaces, so no database host names ${done ? 'changed' : 'change'}.`);
    return;
  }
  const c = ctx.out.isJson ? ctx.errColors : ctx.colors;
  const which = changes.length === 1 ? 'its workspace' : `all ${changes.length} workspaces`;
  write(done ? `The database host name of ${which} changed:` : `Renaming ${from} to ${to} changes the database host name of ${which}:`);
  const lines = await alignRows(
    changes.map((d) => [d.old, '→', d.new]),
    { colors: c, indent: 2, style: (cell, _row, column) => (column === 0 ? c.red(cell) : column === 2 ? c.green(cell) : cell) },
  );
  for (const line of lines) write(line);
}

/** The default org for the host follows the rename; --org and PIPES_ORG cannot, so say so. */
async function followRename(ctx: Context, oldHandle: string, newHandle: string): Promise<void> {
  const host = ctx.host().key;
  if (await ctx.store.replaceDefaultOrg(host, oldHandle, newHandle)) {
    ctx.out.notice(`Default org for ${host} is now ${newHandle}.`);
  }
  if (ctx.env.PIPES_ORG === oldHandle) ctx.out.warn(`PIPES_ORG still names ${oldHandle}; set it to ${newHandle}.`);
}
