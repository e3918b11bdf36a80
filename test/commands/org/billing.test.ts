import { describe, expect, it } from 'vitest';
import type { BillingJson } from '../../../src/commands/org/billing';
import { useCommandTests } from '../../helpers/command-tests';
import type { TestContext } from '../../helpers/context';

// The seed dates acme's subscription and invoices from the emulator's (real) clock.
const NOW = new Date();
const firstOfMonth = (monthsBack: number) => new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - monthsBack, 1)).toISOString().slice(0, 10);

const { api, emu, make } = useCommandTests({ now: () => NOW });

async function billingJson(t: TestContext, org: string): Promise<BillingJson> {
  expect(await t.run(['org', 'billing', '--org', org, '--json'])).toBe(0);
  return JSON.parse(t.stdout()) as BillingJson;
}

/** Creates an org for demo, on the Team plan (a trial) when `plan` is given. */
async function createOrg(handle: string, plan?: string): Promise<void> {
  expect((await api('POST', '/org', { body: { handle, plan_id: plan } })).status).toBe(201);
}

describe('org billing for a Team-plan org', () => {
  it('--json gives the records as the API returned them', async () => {
    const out = await billingJson(make(), 'acme');
    expect(Object.keys(out).sort()).toEqual(['billing', 'invoices', 'org', 'plan', 'subscriptions', 'upcoming_invoice']);
    expect(out.org).toBe('acme');
    expect(out.billing).toMatchObject({ status: 'active' });
    expect(out.plan).toMatchObject({ plan: { plan: 'team' } });
    expect(out.plan!.plan_id).toMatch(/^[a-z]_[0-9a-v]{20}$/);
    expect(out.subscriptions).toHaveLength(1);
    expect(out.subscriptions[0]).toMatchObject({ status: 'active', currency: 'usd' });
    expect(out.upcoming_invoice).toMatchObject({ status: 'draft', currency: 'usd' });
    expect(typeof out.upcoming_invoice!.total).toBe('number');
    expect(out.invoices).toHaveLength(3);
    expect(out.invoices.every((i) => i.status === 'paid' && Number.isInteger(i.total))).toBe(true);

    const paths = (await emu().requests()).map((r) => `${r.method} ${r.path.split('?')[0]}`).sort();
    expect(paths).toEqual([
      'GET /api/v0/org/acme',
      'GET /api/v0/org/acme/billing/invoice',
      'GET /api/v0/org/acme/billing/plan',
      'GET /api/v0/org/acme/billing/stripe/invoice/upcoming',
      'GET /api/v0/org/acme/billing/subscription',
    ]);
  });

  it('prints plan, status, period, upcoming total and the invoices newest first', async () => {
    const t = make();
    expect(await t.run(['org', 'billing', '--org', 'acme'])).toBe(0);
    const lines = t.stdout().split('\n');
    expect(lines.slice(0, 3)).toEqual(['Plan:             Team', 'Status:           active', `Current period:   ${firstOfMonth(0)} to ${firstOfMonth(-1)}`]);
    expect(lines[3]).toMatch(/^Upcoming invoice: \$\d+\.\d\d USD on \d{4}-\d\d-\d\d$/);
    expect(lines[5]).toBe('Invoices:');
    const rows = lines.slice(6, 9);
    expect(rows.map((r) => r.trim().slice(0, 10))).toEqual([firstOfMonth(0), firstOfMonth(1), firstOfMonth(2)]);
    for (const row of rows) expect(row).toMatch(/ paid +\$\d+\.\d\d USD /);
    expect(t.stderr()).toBe('');
  });

  it('is readable by a plain member', async () => {
    expect((await billingJson(make({ env: { PIPES_TOKEN: emu().janeToken } }), 'acme')).invoices).toHaveLength(3);
  });

  it('shows a trial without subscription or invoices yet', async () => {
    await createOrg('trialco', 'team');
    const t = make();
    expect(await t.run(['org', 'billing', '--org', 'trialco'])).toBe(0);
    expect(t.stdout()).toContain('Status:           trial\n');
    expect(t.stdout()).not.toContain('Current period');
    expect(t.stdout()).toContain('No invoices yet.');
  });
});

describe('org billing for an org without a paid plan', () => {
  it('says so in one sentence and exits 0, asking nothing of the billing endpoints', async () => {
    const t = make();
    expect(await t.run(['org', 'billing', '--org', 'hobby'])).toBe(0);
    expect(t.stdout()).toBe('hobby is not on a paid plan; there is no billing to show.\n');
    expect((await emu().requests()).map((r) => r.path)).toEqual(['/api/v0/org/hobby']);
  });

  it('--json has a null plan and empty lists', async () => {
    await createOrg('freeco');
    expect(await billingJson(make(), 'freeco')).toEqual({
      org: 'freeco',
      billing: expect.objectContaining({ status: 'preview' }),
      plan: null,
      subscriptions: [],
      upcoming_invoice: null,
      invoices: [],
    });
  });
});

describe('org billing errors', () => {
  it('explains an org that is not there', async () => {
    const t = make();
    expect(await t.run(['org', 'billing', '--org', 'nosuchorg', '--json'])).toBe(1);
    expect(JSON.parse(t.stderr())).toMatchObject({ error: { code: 'not_found', status: 404 } });
  });

  it('needs an org', async () => {
    const t = make();
    expect(await t.run(['org', 'billing'])).toBe(2);
    expect(t.stderr()).toContain('no org given');
    expect(await emu().requests()).toEqual([]);
  });
});
