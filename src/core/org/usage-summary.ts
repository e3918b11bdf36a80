// What `org usage` reports: the org's daily usage metrics folded into one figure per
// dimension (users, compute minutes, storage GB), set against the org's thresholds or what
// the Team plan includes. Pure: no I/O, so every rule here is tested on hand-made records.
import type { Org, UsageDimension, UsageMetric, UsageMetricName, UsageThresholdAction } from '../../api/types';
import { formatDate } from '../../output/format';

export type UsageStatus = 'ok' | 'near' | 'over';
export type UsageUnit = 'users' | 'minutes' | 'GB';

export interface UsagePeriod {
  since: Date;
  until: Date;
}

export interface DimensionUsage {
  dimension: UsageDimension;
  used: number;
  unit: UsageUnit;
  /** The org's own threshold (`usage_<dimension>_threshold`), in `unit`; null when none is set. */
  threshold: number | null;
  action: UsageThresholdAction | null;
  /** What the org's plan includes, in `unit`; null when the org is on no paid plan. */
  included: number | null;
  /** `used` as a percentage of the threshold, or of what is included when there is no threshold. */
  percent: number | null;
  status: UsageStatus;
}

/** Team plan inclusions (NOTES.md): 3 users, 2,000 compute minutes, 20 GB of storage. */
export const TEAM_PLAN_INCLUDED: Readonly<Record<UsageDimension, number>> = { user: 3, compute: 2000, storage: 20 };

/** From this share of the limit on, a dimension is `near`. */
export const NEAR_LIMIT = 0.8;

const UNITS: Record<UsageDimension, UsageUnit> = { user: 'users', compute: 'minutes', storage: 'GB' };
const COMPUTE_METRICS: UsageMetricName[] = ['db_execution_ms', 'process_execution_ms'];
// Allocated volume, snapshots and logs are what takes space; db_volume_used_bytes is the part
// of the volume in use, already counted inside db_volume_bytes.
const STORAGE_METRICS: UsageMetricName[] = ['db_volume_bytes', 'snapshot_storage_bytes', 'process_log_bytes'];

/** The day a metric belongs to; `usage_date` may be a day or a full timestamp. */
function dayOf(metric: UsageMetric): string {
  return metric.usage_date.slice(0, 10);
}

function nextDay(date: Date): string {
  return formatDate(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1)));
}

/** The `where` filter for GET /org/{h}/usage covering every day of the period, both ends included. */
export function usageFilter(period: UsagePeriod): string {
  return `usage_date >= '${formatDate(period.since)}' and usage_date < '${nextDay(period.until)}'`;
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Totals of the given metrics per day, for the days that have any of them. */
function dailyTotals(metrics: UsageMetric[], names: UsageMetricName[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const m of metrics) {
    if (!names.includes(m.metric)) continue;
    totals.set(dayOf(m), (totals.get(dayOf(m)) ?? 0) + (m.value ?? 0));
  }
  return totals;
}

/**
 * The figure for each dimension over the period:
 * - users: the peak of the daily `user_count` (a head count, not a sum over days);
 * - compute: every `db_execution_ms` and `process_execution_ms` added up, in minutes, one decimal;
 * - storage: the latest day's `db_volume_bytes + snapshot_storage_bytes + process_log_bytes`
 *   in GB (10^9 bytes), two decimals — storage is a level, so the most recent one is what the
 *   org holds now, and summing days would count the same bytes again and again.
 */
function usedAmounts(metrics: UsageMetric[]): Record<UsageDimension, number> {
  const users = Math.max(0, ...dailyTotals(metrics, ['user_count']).values());
  const computeMs = [...dailyTotals(metrics, COMPUTE_METRICS).values()].reduce((a, b) => a + b, 0);
  const storageByDay = dailyTotals(metrics, STORAGE_METRICS);
  const latestDay = [...storageByDay.keys()].sort().at(-1);
  const storageBytes = latestDay === undefined ? 0 : storageByDay.get(latestDay)!;
  return { user: users, compute: round(computeMs / 60_000, 1), storage: round(storageBytes / 1e9, 2) };
}

function statusOf(used: number, limit: number | null): { percent: number | null; status: UsageStatus } {
  if (limit === null) return { percent: null, status: 'ok' };
  if (limit <= 0) return { percent: null, status: used > 0 ? 'over' : 'ok' };
  const fraction = used / limit;
  return { percent: round(fraction * 100, 1), status: fraction > 1 ? 'over' : fraction >= NEAR_LIMIT ? 'near' : 'ok' };
}

/** What the org's plan includes: the Team plan's amounts, unless the org is on no paid plan. */
export function includedUsage(org: Org): Record<UsageDimension, number> | null {
  const status = org.billing?.status;
  return status === undefined || status === 'preview' ? null : { ...TEAM_PLAN_INCLUDED };
}

const DIMENSIONS: UsageDimension[] = ['user', 'compute', 'storage'];

/** One summary per dimension (user, compute, storage), from the metrics of the days in `period`. */
export function summarizeUsage(metrics: UsageMetric[], org: Org, period: UsagePeriod): DimensionUsage[] {
  const first = formatDate(period.since);
  const last = formatDate(period.until);
  const inPeriod = metrics.filter((m) => dayOf(m) >= first && dayOf(m) <= last);
  const used = usedAmounts(inPeriod);
  const included = includedUsage(org);
  return DIMENSIONS.map((dimension) => {
    const threshold = org[`usage_${dimension}_threshold`] ?? null;
    const action = org[`usage_${dimension}_action`] ?? null;
    const includedHere = included?.[dimension] ?? null;
    return {
      dimension,
      used: used[dimension],
      unit: UNITS[dimension],
      threshold,
      action,
      included: includedHere,
      ...statusOf(used[dimension], threshold ?? includedHere),
    };
  });
}

/**
 * A compact meter such as `███████░░░ 70%`; with `unicode: false`, `#######... 70%` for
 * terminals and fonts without block characters. Past 100% the bar stays full.
 */
export function renderUsageBar(fraction: number, width: number, opts: { unicode?: boolean } = {}): string {
  const [full, empty] = opts.unicode === false ? ['#', '.'] : ['█', '░'];
  const safe = Number.isFinite(fraction) && fraction > 0 ? fraction : 0;
  const cells = Math.max(1, Math.floor(width));
  const filled = Math.min(cells, Math.round(safe * cells));
  return `${full.repeat(filled)}${empty.repeat(cells - filled)} ${Math.round(safe * 100)}%`;
}
