// `pipesctl people list`: the org's members and open invitations (every page of
// GET /org/{h}/member), filtered here by role and status since the API filters only by text.
// JSON is written as the pages arrive, so a large org is never held in memory.
import { Command } from 'commander';
import type { OrgRole, OrgUser, OrgUserStatus } from '../../api/types';
import type { Context, GetContext } from '../../cli/context';
import { choiceOption, examples } from '../../cli/help';
import { readList } from '../../cli/read-list';
import { select } from '../../core/lists';
import { formatRelativeTime } from '../../output/format';
import { MEMBER_STATUSES, parseMemberStatus, parseRole, positiveIntParser, ROLES } from '../../core/validate';
import { explainOrgNotFound } from '../../core/org/get-org';

export interface ListOptions {
  org: string;
  role?: OrgRole;
  status?: OrgUserStatus;
  /** Stop after this many people (in the API's order). */
  limit?: number;
}

interface ListFlags {
  role?: OrgRole;
  status?: OrgUserStatus;
  limit?: number;
}

export function listCommand(getCtx: GetContext): Command {
  return new Command('list')
    .description('List the people in the org and their open invitations')
    .addOption(choiceOption('--role <role>', 'only members with this role', ROLES, parseRole))
    .addOption(choiceOption('--status <status>', 'only invited (not yet accepted) or accepted members', MEMBER_STATUSES, parseMemberStatus))
    .option('--limit <n>', 'list at most this many people (in the order the API lists them)', positiveIntParser('--limit'))
    .addHelpText(
      'after',
      `
On a terminal: a table of handle, name, role, status and last activity, owners first. An
invitation sent to an email address shows the address as the name. Off a terminal, rows are
tab-separated with the same columns and last activity as an ISO 8601 time (empty when
there is none). --json prints the API's OrgUser records.
${examples('pipesctl people list', 'pipesctl people list --role owner', 'pipesctl people list --status invited --json | jq -r \'.[].user_handle\'')}`,
    )
    .action(async (flags: ListFlags) => {
      const ctx = getCtx();
      return runList(ctx, { org: ctx.resolveOrg(), ...flags });
    });
}

export async function runList(ctx: Context, opts: ListOptions): Promise<void> {
  const members = select(ctx.api().members.list(opts.org), {
    wanted: (m) => (opts.role === undefined || m.role === opts.role) && (opts.status === undefined || m.status === opts.status),
    limit: opts.limit,
  });
  // Only what the table shows is kept, not the records.
  const rows = await readList(ctx, `Fetching the people in ${opts.org}`, members, personRow).catch((err: unknown) => {
    throw explainOrgNotFound(ctx, opts.org, err);
  });
  if (rows === undefined) return;
  if (rows.length === 0) {
    ctx.out.notice(opts.role || opts.status ? `No one in ${opts.org} matches ${describeFilters(opts)}.` : `No one is in ${opts.org} yet.`);
    return;
  }
  rows.sort(byRoleThenHandle);
  await printPeople(ctx, rows);
}

interface PersonRow {
  handle: string;
  name: string;
  role: string;
  status: string;
  lastActivity?: string;
}

function personRow(m: OrgUser): PersonRow {
  return { handle: m.user_handle, name: m.user?.display_name ?? '', role: m.role ?? '', status: m.status, lastActivity: m.last_activity_at ?? undefined };
}

/** Owners first, then by handle. */
function byRoleThenHandle(a: PersonRow, b: PersonRow): number {
  const rank = (r: PersonRow) => (r.role === 'owner' ? 0 : 1);
  return rank(a) - rank(b) || (a.handle < b.handle ? -1 : a.handle > b.handle ? 1 : 0);
}

async function printPeople(ctx: Context, rows: readonly PersonRow[]): Promise<void> {
  const columns = [{ header: 'HANDLE' }, { header: 'NAME' }, { header: 'ROLE' }, { header: 'STATUS' }, { header: 'LAST ACTIVE' }];
  if (!ctx.io.stdoutIsTTY) {
    await ctx.out.table({ columns, rows: rows.map((r) => [r.handle, r.name, r.role, r.status, r.lastActivity ?? '']) });
    return;
  }
  const now = ctx.clock.now();
  const c = ctx.colors;
  await ctx.out.table({
    columns,
    rows: rows.map((r) => [r.handle, r.name, r.role, r.status, formatRelativeTime(r.lastActivity, now)]),
    style: (cell, row, column) => {
      if (column === 0) return c.bold(cell);
      if (column === 2 && rows[row]!.role === 'owner') return c.cyan(cell);
      if (column === 3 && rows[row]!.status === 'invited') return c.yellow(cell);
      return column === 4 ? c.dim(cell) : cell;
    },
  });
}

function describeFilters(opts: ListOptions): string {
  return [opts.role && `--role ${opts.role}`, opts.status && `--status ${opts.status}`].filter(Boolean).join(' ');
}
