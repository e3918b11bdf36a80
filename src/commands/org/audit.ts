// `pipesctl org audit`: the org's audit log (GET /org/{h}/audit_log, every page, newest
// first): who changed what. The API filters nothing, so --since, --actor and --action are
// applied here; as the log comes newest first, --since stops the paging at the first older
// record. JSON is written as the pages arrive, like `people list`.
import { Command } from 'commander';
import type { AuditRecord } from '../../api/types';
import type { Context, GetContext } from '../../cli/context';
import { examples } from '../../cli/help';
import { readList } from '../../cli/read-list';
import { select } from '../../core/lists';
import { explainOrgNotFound } from '../../core/org/get-org';
import { parseDate, positiveIntParser } from '../../core/validate';
import { UsageError } from '../../errors';
import { formatDateTime, formatRelativeTime } from '../../output/format';

export interface AuditOptions {
  org: string;
  /** Only records at or after this time. */
  since?: Date;
  /** Only what this user did (their handle). */
  actor?: string;
  /** Only this action type (`org.member.invite`), or a family of them (`org.member`). */
  action?: string;
  /** Stop after this many records. */
  limit?: number;
}

interface AuditFlags {
  since?: string;
  actor?: string;
  action?: string;
  limit?: number;
}

const ACTION_PATTERN = /^[a-z0-9_]+(?:\.[a-z0-9_]+)*$/;

export function auditCommand(getCtx: GetContext): Command {
  return new Command('audit')
    .description("Show the org's audit log: who changed what, newest first")
    .option('--since <date>', 'only entries at or after this date, YYYY-MM-DD or ISO 8601')
    .option('--actor <handle>', 'only what this user did')
    .option('--action <type>', 'only this action type, or a family of them (org.member matches org.member.invite)')
    .option('--limit <n>', 'show at most this many entries', positiveIntParser('--limit'))
    .addHelpText(
      'after',
      `
Owners only: the log names members' IP addresses. On a terminal: a table of when, actor,
action and target. Off a terminal, the same columns tab-separated, the time as ISO 8601.
--json prints the API's AuditRecord entries, newest first.
${examples(
  'pipesctl org audit',
  'pipesctl org audit --since 2026-01-01 --action org.member',
  'pipesctl org audit --actor jane --json | jq -r \'.[].action_type\'',
)}`,
    )
    .action(async (flags: AuditFlags) => {
      const ctx = getCtx();
      return runAudit(ctx, { org: ctx.resolveOrg(), ...parseAuditFlags(flags, ctx.clock.now()) });
    });
}

export function parseAuditFlags(flags: AuditFlags, now: Date): Omit<AuditOptions, 'org'> {
  const since = flags.since === undefined ? undefined : parseDate(flags.since);
  if (since && since.getTime() > now.getTime()) throw new UsageError(`--since ${flags.since} is in the future: the log holds only what has happened`);
  const actor = flags.actor?.trim().toLowerCase();
  if (actor !== undefined && !/^[a-z0-9-]{1,39}$/.test(actor)) {
    throw new UsageError(`invalid --actor ${JSON.stringify(flags.actor)}: give a user handle, such as jane`);
  }
  const action = flags.action?.trim().toLowerCase();
  if (action !== undefined && (action.length > 100 || !ACTION_PATTERN.test(action))) {
    throw new UsageError(`invalid --action ${JSON.stringify(flags.action)}: give an action type such as org.member.invite, or a family such as org.member`);
  }
  return { since, actor, action, limit: flags.limit };
}

export async function runAudit(ctx: Context, opts: AuditOptions): Promise<void> {
  const since = opts.since?.getTime();
  const records = select(ctx.api().orgs.listAuditLog(opts.org), {
    wanted: (r) =>
      (opts.actor === undefined || r.actor_handle === opts.actor) &&
      (opts.action === undefined || r.action_type === opts.action || r.action_type.startsWith(`${opts.action}.`)),
    // Newest first: the first record before --since ends the walk (and the paging).
    endsAt: (r) => since !== undefined && Date.parse(r.created_at) < since,
    limit: opts.limit,
  });
  const rows = await readList(ctx, `Fetching the audit log of ${opts.org}`, records, auditRow).catch((err: unknown) => {
    // A member who is not an owner gets the API's 403, which names the owner role.
    throw explainOrgNotFound(ctx, opts.org, err);
  });
  if (rows === undefined) return;
  if (rows.length === 0) {
    const filtered = opts.since || opts.actor || opts.action;
    ctx.out.notice(filtered ? `No entries in the audit log of ${opts.org} match ${describeFilters(opts)}.` : `The audit log of ${opts.org} is empty.`);
    return;
  }
  await printAudit(ctx, rows);
}

interface AuditRow {
  when: string;
  actor: string;
  action: string;
  target: string;
}

function auditRow(r: AuditRecord): AuditRow {
  return { when: r.created_at, actor: r.actor_handle, action: r.action_type, target: r.target_handle ?? '' };
}

async function printAudit(ctx: Context, rows: readonly AuditRow[]): Promise<void> {
  const columns = [{ header: 'WHEN' }, { header: 'ACTOR' }, { header: 'ACTION' }, { header: 'TARGET' }];
  if (!ctx.io.stdoutIsTTY) {
    await ctx.out.table({ columns, rows: rows.map((r) => [r.when, r.actor, r.action, r.target]) });
    return;
  }
  const now = ctx.clock.now();
  const c = ctx.colors;
  await ctx.out.table({
    columns,
    // Within a day the relative time says more; older entries show when exactly.
    rows: rows.map((r) => [now.getTime() - Date.parse(r.when) < 86_400_000 ? formatRelativeTime(r.when, now) : formatDateTime(r.when), r.actor, r.action, r.target]),
    style: (cell, _row, column) => (column === 0 ? c.dim(cell) : column === 1 ? c.bold(cell) : cell),
  });
}

function describeFilters(opts: AuditOptions): string {
  return [opts.since && `--since ${opts.since.toISOString()}`, opts.actor && `--actor ${opts.actor}`, opts.action && `--action ${opts.action}`]
    .filter(Boolean)
    .join(' ');
}
