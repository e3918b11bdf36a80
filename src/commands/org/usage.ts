// `pipesctl org usage`: users, compute minutes and storage over a period (this month so far by
// default), against the org's thresholds or what its plan includes.
import { Command } from 'commander';
import type { Context, GetContext } from '../../cli/context';
import { examples } from '../../cli/help';
import type { Colors } from '../../io/colors';
import { formatDate, formatNumber } from '../../output/format';
import { parseDateRange } from '../../core/validate';
import { explainOrgNotFound } from '../../core/org/get-org';
import { fetchUsage } from '../../core/org/usage';
import { renderUsageBar, summarizeUsage, type DimensionUsage } from '../../core/org/usage-summary';
import { sanitize } from '../../output/sanitize';
import { alignRows } from '../../output/table';

export interface UsageOptions {
  org: string;
  since?: string;
  until?: string;
}

export function usageCommand(getCtx: GetContext): Command {
  return new Command('usage')
    .description('Show users, compute minutes and storage against the org’s thresholds')
    .option('--since <date>', 'first day to count, YYYY-MM-DD or ISO 8601 (default: the 1st of this month)')
    .option('--until <date>', 'last day to count, included (default: today)')
    .addHelpText(
      'after',
      `
Users is the peak head count in the period; compute, the minutes used by queries and
pipelines; storage, the latest day's database volumes, snapshots and logs (1 GB = 10^9 bytes).
Each is set against the org's threshold, or what the Team plan includes (3 users, 2,000
minutes, 20 GB) when the org sets none. Dates are UTC days.
${examples('pipesctl org usage', 'pipesctl org usage --since 2026-01-01 --until 2026-01-31', "pipesctl org usage --json | jq '.dimensions[] | select(.status == \"over\")'")}`,
    )
    .action(async (flags: { since?: string; until?: string }) => {
      const ctx = getCtx();
      return runUsage(ctx, { org: ctx.resolveOrg(), ...flags });
    });
}

export async function runUsage(ctx: Context, opts: UsageOptions): Promise<void> {
  // Checked before anything is sent.
  const period = parseDateRange({ since: opts.since, until: opts.until }, ctx.clock.now());
  const { org, metrics } = await ctx
    .spin(`Fetching usage for ${opts.org}`, () => fetchUsage(ctx.api(), opts.org, period))
    .catch((err: unknown) => {
      throw explainOrgNotFound(ctx, opts.org, err);
    });
  const dimensions = summarizeUsage(metrics, org, period);
  const shownPeriod = { since: formatDate(period.since), until: formatDate(period.until) };

  if (ctx.out.isJson) {
    ctx.out.json({ org: org.handle, period: shownPeriod, dimensions, metrics });
    return;
  }
  ctx.out.line(`Usage of ${sanitize(org.handle)} from ${shownPeriod.since} to ${shownPeriod.until}:`);
  ctx.out.line();
  for (const line of await usageLines(dimensions, { bars: ctx.io.stdoutIsTTY, colors: ctx.colors })) ctx.out.line(line);
  for (const d of dimensions) {
    const warning = overWarning(org.handle, d);
    if (warning) ctx.out.warn(warning);
  }
}

const LABELS: Record<DimensionUsage['dimension'], string> = { user: 'Users', compute: 'Compute', storage: 'Storage' };
const BAR_WIDTH = 20;

/** "4 / 10 users (threshold)", "9 users" when there is nothing to measure against. */
function amountText(d: DimensionUsage): string {
  const limit = d.threshold ?? d.included;
  if (limit === null) return `${formatNumber(d.used)} ${d.unit}`;
  return `${formatNumber(d.used)} / ${formatNumber(limit)} ${d.unit} (${d.threshold !== null ? 'threshold' : 'included'})`;
}

/** One aligned line per dimension; a bar on a terminal (ASCII when colour is off), the percentage otherwise. */
export async function usageLines(dimensions: DimensionUsage[], opts: { bars: boolean; colors: Colors }): Promise<string[]> {
  const c = opts.colors;
  const rows = dimensions.map((d) => {
    const meter = d.percent === null ? '' : opts.bars ? renderUsageBar(d.percent / 100, BAR_WIDTH, { unicode: c.level > 0 }) : `${Math.round(d.percent)}%`;
    return [LABELS[d.dimension], amountText(d), meter];
  });
  return alignRows(rows, {
    colors: c,
    indent: 2,
    style: (cell, row, column) => {
      if (column !== 2) return cell;
      const d = dimensions[row]!;
      return (d.status === 'over' ? c.red : d.status === 'near' ? c.yellow : c.green)(cell);
    },
  });
}

/** The warning for a dimension past its threshold (or past what the plan includes, when there is none). */
export function overWarning(org: string, d: DimensionUsage): string | undefined {
  if (d.status !== 'over') return undefined;
  if (d.threshold !== null) {
    const consequence = d.action === 'cap_and_warn' ? 'action cap_and_warn: usage is capped' : 'action warn';
    return `${org} is over its ${d.dimension} threshold: ${formatNumber(d.used)} of ${formatNumber(d.threshold)} ${d.unit} (${consequence})`;
  }
  return `${org} is over the ${formatNumber(d.included ?? 0)} ${d.unit} its plan includes: ${formatNumber(d.used)} ${d.unit} (the rest is billed as used)`;
}
