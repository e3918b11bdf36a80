import { describe, expect, it } from 'vitest';
import {
  renderUsageBar,
  summarizeUsage,
  usageFilter,
  type DimensionUsage,
} from '../../../src/core/org/usage-summary';
import { makeOrg, makeUsageMetric, makeUsageSeries } from '../../helpers/fixtures';

const JANUARY = { since: new Date('2026-01-01T00:00:00Z'), until: new Date('2026-01-31T00:00:00Z') };

function byDimension(summary: DimensionUsage[]): Record<string, DimensionUsage> {
  return Object.fromEntries(summary.map((d) => [d.dimension, d]));
}

describe('summarizeUsage', () => {
  it('takes the peak head count, sums compute minutes and keeps the latest storage level', () => {
    const metrics = [
      ...makeUsageSeries('user_count', '2026-01-01', [2, 4, 3]),
      ...makeUsageSeries('db_execution_ms', '2026-01-01', [60_000, 120_000, 30_000]),
      ...makeUsageSeries('process_execution_ms', '2026-01-01', [6_000, 0, 0]),
      ...makeUsageSeries('db_volume_bytes', '2026-01-01', [5e9, 6e9, 7e9]),
      ...makeUsageSeries('snapshot_storage_bytes', '2026-01-01', [1e9, 1e9, 1.5e9]),
      ...makeUsageSeries('process_log_bytes', '2026-01-01', [0, 0, 0.25e9]),
      // Part of db_volume_bytes already: must not be added again.
      ...makeUsageSeries('db_volume_used_bytes', '2026-01-01', [4e9, 4e9, 4e9]),
    ];
    const d = byDimension(summarizeUsage(metrics, makeOrg(), JANUARY));
    expect(d.user).toMatchObject({ used: 4, unit: 'users' });
    expect(d.compute).toMatchObject({ used: 3.6, unit: 'minutes' });
    expect(d.storage).toMatchObject({ used: 8.75, unit: 'GB' });
  });

  it('returns the three dimensions in a stable order', () => {
    expect(summarizeUsage([], makeOrg(), JANUARY).map((d) => d.dimension)).toEqual(['user', 'compute', 'storage']);
  });

  it('rounds compute minutes to one decimal', () => {
    const d = byDimension(summarizeUsage([makeUsageMetric('db_execution_ms', '2026-01-05', 100_000)], makeOrg(), JANUARY));
    expect(d.compute!.used).toBe(1.7);
  });

  it('adds up records of the same day (one per workspace)', () => {
    const metrics = [
      makeUsageMetric('user_count', '2026-01-02', 2, { workspace_id: 'w1' }),
      makeUsageMetric('user_count', '2026-01-02', 1, { workspace_id: 'w2' }),
      makeUsageMetric('db_volume_bytes', '2026-01-02', 1e9, { workspace_id: 'w1' }),
      makeUsageMetric('db_volume_bytes', '2026-01-02', 2e9, { workspace_id: 'w2' }),
    ];
    const d = byDimension(summarizeUsage(metrics, makeOrg(), JANUARY));
    expect(d.user!.used).toBe(3);
    expect(d.storage!.used).toBe(3);
  });

  it('ignores records outside the period, and reads timestamps as their day', () => {
    const metrics = [
      makeUsageMetric('db_execution_ms', '2025-12-31', 600_000),
      makeUsageMetric('db_execution_ms', '2026-01-01T00:00:00Z', 60_000),
      makeUsageMetric('db_execution_ms', '2026-01-31', 60_000),
      makeUsageMetric('db_execution_ms', '2026-02-01', 600_000),
      makeUsageMetric('db_volume_bytes', '2026-02-01', 99e9),
      makeUsageMetric('db_volume_bytes', '2026-01-20', 1e9),
    ];
    const d = byDimension(summarizeUsage(metrics, makeOrg(), JANUARY));
    expect(d.compute!.used).toBe(2);
    expect(d.storage!.used).toBe(1);
  });

  it('is all zeros without metrics', () => {
    expect(summarizeUsage([], makeOrg(), JANUARY).map((d) => d.used)).toEqual([0, 0, 0]);
  });

  it('measures against the Team plan inclusions when the org sets no threshold', () => {
    const metrics = [
      makeUsageMetric('user_count', '2026-01-02', 3),
      makeUsageMetric('db_execution_ms', '2026-01-02', 500 * 60_000),
      makeUsageMetric('db_volume_bytes', '2026-01-02', 30e9),
    ];
    expect(summarizeUsage(metrics, makeOrg(), JANUARY)).toEqual([
      { dimension: 'user', used: 3, unit: 'users', threshold: null, action: null, included: 3, percent: 100, status: 'near' },
      { dimension: 'compute', used: 500, unit: 'minutes', threshold: null, action: null, included: 2000, percent: 25, status: 'ok' },
      { dimension: 'storage', used: 30, unit: 'GB', threshold: null, action: null, included: 20, percent: 150, status: 'over' },
    ]);
  });

  it("prefers the org's thresholds and reports their actions", () => {
    const org = makeOrg({
      usage_user_threshold: 10,
      usage_user_action: 'warn',
      usage_compute_threshold: 100,
      usage_compute_action: 'cap_and_warn',
      usage_storage_threshold: 50,
      usage_storage_action: 'warn',
    });
    const metrics = [
      makeUsageMetric('user_count', '2026-01-02', 3),
      makeUsageMetric('db_execution_ms', '2026-01-02', 85 * 60_000),
      makeUsageMetric('db_volume_bytes', '2026-01-02', 30e9),
    ];
    const d = byDimension(summarizeUsage(metrics, org, JANUARY));
    expect(d.user).toMatchObject({ threshold: 10, action: 'warn', included: 3, percent: 30, status: 'ok' });
    expect(d.compute).toMatchObject({ threshold: 100, action: 'cap_and_warn', percent: 85, status: 'near' });
    expect(d.storage).toMatchObject({ threshold: 50, action: 'warn', percent: 60, status: 'ok' });
  });

  it.each([
    [79, 'ok'],
    [80, 'near'],
    [100, 'near'],
    [101, 'over'],
  ])('at %d%% of the threshold the status is %s', (minutes, status) => {
    const org = makeOrg({ usage_compute_threshold: 100, usage_compute_action: 'warn' });
    const metrics = [makeUsageMetric('db_execution_ms', '2026-01-02', minutes * 60_000)];
    expect(byDimension(summarizeUsage(metrics, org, JANUARY)).compute!.status).toBe(status);
  });

  it('treats a zero threshold as exceeded by any use', () => {
    const org = makeOrg({ usage_compute_threshold: 0, usage_compute_action: 'cap_and_warn' });
    const d = byDimension(summarizeUsage([makeUsageMetric('db_execution_ms', '2026-01-02', 60_000)], org, JANUARY));
    expect(d.compute).toMatchObject({ percent: null, status: 'over' });
  });

  it('has nothing to measure against for an org on no paid plan and without thresholds', () => {
    const org = makeOrg({ billing: { status: 'preview' } });
    const d = byDimension(summarizeUsage([makeUsageMetric('user_count', '2026-01-02', 9)], org, JANUARY));
    expect(d.user).toMatchObject({ used: 9, threshold: null, included: null, percent: null, status: 'ok' });
  });
});

describe('usageFilter', () => {
  it('covers both ends of the period by day', () => {
    expect(usageFilter(JANUARY)).toBe("usage_date >= '2026-01-01' and usage_date < '2026-02-01'");
  });

  it('uses the day of a time, across a year end', () => {
    expect(usageFilter({ since: new Date('2025-12-15T18:00:00Z'), until: new Date('2025-12-31T23:59:00Z') })).toBe(
      "usage_date >= '2025-12-15' and usage_date < '2026-01-01'",
    );
  });
});

describe('renderUsageBar', () => {
  it.each([
    [0.7, 10, '███████░░░ 70%'],
    [0, 10, '░░░░░░░░░░ 0%'],
    [1, 4, '████ 100%'],
    [1.5, 4, '████ 150%'],
    [0.04, 10, '░░░░░░░░░░ 4%'],
    [0.06, 10, '█░░░░░░░░░ 6%'],
    [Number.NaN, 3, '░░░ 0%'],
    [-1, 3, '░░░ 0%'],
  ])('renders %s over %d cells', (fraction, width, bar) => {
    expect(renderUsageBar(fraction, width)).toBe(bar);
  });

  it('falls back to ASCII', () => {
    expect(renderUsageBar(0.7, 10, { unicode: false })).toBe('#######... 70%');
  });
});
