import { describe, expect, it } from 'vitest';
import type { UsageMetric } from '../../../src/api/types';
import { useCommandTests } from '../../helpers/command-tests';
import type { TestContext } from '../../helpers/context';

// The demo seed dates its 60 days of usage from the emulator's clock, the real one; the
// command's clock must agree, so these tests run at the real now.
const NOW = new Date();
const today = NOW.toISOString().slice(0, 10);
const firstOfMonth = `${today.slice(0, 8)}01`;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString().slice(0, 10);
const daysInPeriod = (since: string, until: string) => (Date.parse(until) - Date.parse(since)) / 86_400_000 + 1;
// Per day the seed has 1 user_count, 2 workspaces x (db_execution_ms + db_volume_bytes),
// 1 process_execution_ms and 1 snapshot_storage_bytes.
const METRICS_PER_DAY = 7;

interface UsageJson {
  org: string;
  period: { since: string; until: string };
  dimensions: { dimension: string; used: number; unit: string; threshold: number | null; action: string | null; percent: number | null; status: string }[];
  metrics: UsageMetric[];
}

const { api, emu, make } = useCommandTests({ now: () => NOW });

async function usageJson(t: TestContext, args: string[]): Promise<UsageJson> {
  expect(await t.run(['org', 'usage', '--json', ...args])).toBe(0);
  return JSON.parse(t.stdout()) as UsageJson;
}

/** Sets a threshold the way the console does: PATCH /org/{h}. */
async function setThresholds(body: Record<string, unknown>): Promise<void> {
  expect((await api('PATCH', '/org/acme', { body })).status).toBe(200);
}

describe('org usage --json', () => {
  it("gives the month so far per dimension against acme's thresholds, and the records as returned", async () => {
    const t = make();
    const out = await usageJson(t, ['--org', 'acme']);
    expect(out.org).toBe('acme');
    expect(out.period).toEqual({ since: firstOfMonth, until: today });
    expect(out.dimensions.map((d) => Object.keys(d).sort())).toEqual(
      Array(3).fill(['action', 'dimension', 'included', 'percent', 'status', 'threshold', 'unit', 'used']),
    );
    const [users, compute, storage] = out.dimensions;
    // The seed: 4 users over the last 3 weeks, thresholds 10 users (cap_and_warn), 3,000 minutes and 25 GB (warn).
    expect(users).toMatchObject({ dimension: 'user', used: 4, unit: 'users', threshold: 10, action: 'cap_and_warn', percent: 40, status: 'ok' });
    expect(compute).toMatchObject({ dimension: 'compute', unit: 'minutes', threshold: 3000, action: 'warn' });
    expect(compute!.used).toBeGreaterThan(0);
    expect(storage).toMatchObject({ dimension: 'storage', unit: 'GB', threshold: 25, action: 'warn' });
    expect(storage!.used).toBeGreaterThan(10);

    expect(out.metrics).toHaveLength(METRICS_PER_DAY * daysInPeriod(firstOfMonth, today));
    for (const m of out.metrics) expect(m.usage_date.slice(0, 10) >= firstOfMonth && m.usage_date.slice(0, 10) <= today).toBe(true);
    expect(out.metrics[0]).toHaveProperty('billing_mode', 'billable');
  });

  it('reads every page, filtered on usage_date for the period', async () => {
    const t = make();
    const since = daysAgo(40);
    const until = daysAgo(10);
    const out = await usageJson(t, ['--org', 'acme', '--since', since, '--until', until]);
    expect(out.period).toEqual({ since, until });
    expect(out.metrics).toHaveLength(METRICS_PER_DAY * 31);

    const requests = await emu().requests();
    const usageRequests = requests.filter((r) => r.path.startsWith('/api/v0/org/acme/usage'));
    expect(usageRequests.length).toBe(3); // 217 records, 100 a page
    const first = new URL(usageRequests[0]!.path, emu().url);
    expect(first.searchParams.get('where')).toBe(`usage_date >= '${since}' and usage_date < '${daysAgo(9)}'`);
    expect(first.searchParams.get('limit')).toBe('100');
    expect(usageRequests.slice(1).every((r) => new URL(r.path, emu().url).searchParams.has('next_token'))).toBe(true);
    expect(requests.some((r) => r.method === 'GET' && r.path === '/api/v0/org/acme')).toBe(true);
  });

  it('reports a dimension over the threshold set with PATCH', async () => {
    await setThresholds({ usage_compute_threshold: 10, usage_compute_action: 'cap_and_warn' });
    const t = make();
    const out = await usageJson(t, ['--org', 'acme']);
    const compute = out.dimensions.find((d) => d.dimension === 'compute')!;
    expect(compute).toMatchObject({ threshold: 10, action: 'cap_and_warn', status: 'over' });
    expect(compute.percent).toBeGreaterThan(100);
    // Machine output stays machine output: no warning lines.
    expect(t.stderr()).toBe('');
  });

  it('has nothing to measure against for hobby (no plan, no thresholds, no usage)', async () => {
    const out = await usageJson(make(), ['--org', 'hobby']);
    expect(out.dimensions).toEqual([
      { dimension: 'user', used: 0, unit: 'users', threshold: null, action: null, included: null, percent: null, status: 'ok' },
      { dimension: 'compute', used: 0, unit: 'minutes', threshold: null, action: null, included: null, percent: null, status: 'ok' },
      { dimension: 'storage', used: 0, unit: 'GB', threshold: null, action: null, included: null, percent: null, status: 'ok' },
    ]);
    expect(out.metrics).toEqual([]);
  });

  it('is readable by a plain member', async () => {
    const out = await usageJson(make({ env: { PIPES_TOKEN: emu().janeToken } }), ['--org', 'acme']);
    expect(out.dimensions[0]!.used).toBe(4);
  });
});

describe('org usage for people', () => {
  it('prints one line per dimension with the percentage off a terminal', async () => {
    const t = make();
    expect(await t.run(['org', 'usage', '--org', 'acme'])).toBe(0);
    const lines = t.stdout().split('\n');
    expect(lines[0]).toBe(`Usage of acme from ${firstOfMonth} to ${today}:`);
    expect(lines[2]).toMatch(/^ {2}Users {4}4 \/ 10 users \(threshold\) +40%$/);
    expect(lines[3]).toMatch(/^ {2}Compute {2}[\d,.]+ \/ 3,000 minutes \(threshold\) +\d+%$/);
    expect(lines[4]).toMatch(/^ {2}Storage {2}[\d.]+ \/ 25 GB \(threshold\) +\d+%$/);
    expect(t.stdout()).not.toMatch(/[█░#]/);
    expect(t.stderr()).toBe('');
  });

  it('draws bars on a terminal, in ASCII with --no-color', async () => {
    const t = make({ tty: true });
    expect(await t.run(['org', 'usage', '--org', 'acme'])).toBe(0);
    expect(t.stdout()).toMatch(/Users .*█+░+.* 40%/);
    expect(await t.run(['org', 'usage', '--org', 'acme', '--no-color'])).toBe(0);
    expect(t.stdout()).toMatch(/Users .*4 \/ 10 users \(threshold\) +########\.+ 40%/);
  });

  it('warns about a dimension over its threshold', async () => {
    await setThresholds({ usage_storage_threshold: 1, usage_storage_action: 'warn' });
    const t = make();
    expect(await t.run(['org', 'usage', '--org', 'acme'])).toBe(0);
    expect(t.stdout()).toMatch(/Storage +[\d.]+ \/ 1 GB \(threshold\) +\d{4}%/);
    expect(t.stderr()).toMatch(/^! acme is over its storage threshold: [\d.]+ of 1 GB \(action warn\)$/m);
    expect(t.stderr()).not.toMatch(/compute|user/);
  });

  it('shows plain figures when there is nothing to measure against', async () => {
    const t = make();
    expect(await t.run(['org', 'usage', '--org', 'hobby'])).toBe(0);
    expect(t.stdout()).toContain('  Users    0 users\n');
    expect(t.stdout()).toContain('  Storage  0 GB\n');
  });
});

describe('org usage refuses bad input before sending anything', () => {
  it.each([
    [['--since', '2026-02-30'], 'invalid_date', 'invalid --since date "2026-02-30" (no such day)'],
    [['--until', 'yesterday'], 'invalid_date', 'invalid --until date "yesterday"'],
    [['--since', daysAgo(-2)], 'date_in_future', 'is in the future'],
    [['--since', daysAgo(3), '--until', daysAgo(5)], 'invalid_date_range', 'is after --until'],
  ])('%j', async (args, code, message) => {
    const t = make();
    expect(await t.run(['org', 'usage', '--org', 'acme', ...args])).toBe(2);
    expect(t.stderr()).toContain(message);
    expect(await t.run(['org', 'usage', '--org', 'acme', '--json', ...args])).toBe(2);
    expect(JSON.parse(t.stderr())).toMatchObject({ error: { code, status: null } });
    expect(await emu().requests()).toEqual([]);
  });

  it('explains an org that is not there', async () => {
    const t = make();
    expect(await t.run(['org', 'usage', '--org', 'nosuchorg'])).toBe(1);
    expect(t.stderr()).toContain('org nosuchorg not found');
  });
});
