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
    expect(Object.keys(out).sort()).toEqual([
      'billing',
      'invoices',
      'org',
      'payment_method',
      'payment_method_visible',
      'plan',
      'subscriptions',
      'upcoming_invoice',
    ]);
    expect(out.payment_method).toEqual({ type: 'card', brand: 'visa', last4: '4242', exp_month: 12, exp_year: NOW.getUTCFullYear() + 2 });
    expect(out.payment_method_visible).toBe(true);
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
      'GET /api/v0/org/acme/billing/payment_method',
      'GET /api/v0/org/acme/billing/plan',
      'GET /api/v0/org/acme/billing/stripe/invoice/upcoming',
      'GET /api/v0/org/acme/billing/subscription',
    ]);
  });

  it('prints plan, status, period, upcoming total and the invoices newest first', async () => {
    const t = make();
    expect(await t.run(['org', 'billing', '--org', 'acme'])).toBe(0);
    const lines = t.stdout().split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Billing of Acme Corp (acme)',
      '  Plan:             Team',
      '  Status:           active',
      `  Current period:   ${firstOfMonth(0)} to ${firstOfMonth(-1)}`,
    ]);
    expect(lines[4]).toMatch(/^ {2}Upcoming invoice: \$\d+\.\d\d USD on \d{4}-\d\d-\d\d$/);
    expect(lines[5]).toBe(`  Payment method:   Visa ending 4242, expires 12/${NOW.getUTCFullYear() + 2}`);
    expect(lines[7]).toBe('Invoices:');
    expect(lines[8]).toMatch(/^ {2}DATE +PERIOD +STATUS +TOTAL +INVOICE$/);
    const rows = lines.slice(9, 12);
    expect(rows.map((r) => r.trim().slice(0, 10))).toEqual([firstOfMonth(0), firstOfMonth(1), firstOfMonth(2)]);
    for (const row of rows) expect(row).toMatch(/ paid +\$\d+\.\d\d USD /);
    expect(t.stderr()).toBe('');
  });

  it('is readable by a plain member, without the payment method (owners only)', async () => {
    const out = await billingJson(make({ env: { PIPES_TOKEN: emu().janeToken } }), 'acme');
    expect(out.invoices).toHaveLength(3);
    expect(out).toMatchObject({ payment_method: null, payment_method_visible: false });
    const t = make({ env: { PIPES_TOKEN: emu().janeToken } });
    expect(await t.run(['org', 'billing', '--org', 'acme'])).toBe(0);
    expect(t.stdout()).toContain('  Payment method:   shown to owners only\n');
  });

  it('--invoice shows one invoice, by the number the list shows or by its id', async () => {
    const invoices = (await api('GET', '/org/acme/billing/invoice')).body.items as { id: string; receipt_number: string; total: number }[];
    const newest = invoices[0]!;
    const byNumber = make();
    expect(await byNumber.run(['org', 'billing', '--org', 'acme', '--invoice', newest.receipt_number])).toBe(0);
    expect(byNumber.stdout()).toMatch(/^Invoice of Acme Corp \(acme\)\n/);
    expect(byNumber.stdout()).toMatch(new RegExp(`Number: +${newest.receipt_number}\n`));
    expect(byNumber.stdout()).toMatch(new RegExp(`ID: +${newest.id}\n`));
    expect(byNumber.stdout()).toMatch(/Status: +paid\n/);
    expect(byNumber.stdout()).toMatch(/Invoice page: +http/);

    const byId = make();
    expect(await byId.run(['org', 'billing', '--org', 'acme', '--invoice', newest.id, '--json'])).toBe(0);
    expect(JSON.parse(byId.stdout())).toEqual({ org: 'acme', invoice: newest });
    expect((await emu().requests()).map((r) => r.path)).toContain(`/api/v0/org/acme/billing/invoice/${newest.id}`);
  });

  it('--invoice: an unknown invoice is not found (1); a malformed one is refused before sending (2)', async () => {
    const unknown = make();
    expect(await unknown.run(['org', 'billing', '--org', 'acme', '--invoice', 'in_00000000000000000000'])).toBe(1);
    expect(unknown.stderr()).toMatch(/acme has no invoice in_00000000000000000000/);
    const missing = make();
    expect(await missing.run(['org', 'billing', '--org', 'acme', '--invoice', 'NOPE-1'])).toBe(1);
    await emu().clearRequests();
    const bad = make();
    expect(await bad.run(['org', 'billing', '--org', 'acme', '--invoice', '../../etc'])).toBe(2);
    expect(await emu().requests()).toEqual([]);
  });

  it('shows a trial without subscription or invoices yet', async () => {
    await createOrg('trialco', 'team');
    const t = make();
    expect(await t.run(['org', 'billing', '--org', 'trialco'])).toBe(0);
    expect(t.stdout()).toContain('  Status:           trial\n');
    expect(t.stdout()).not.toContain('Current period');
    expect(t.stdout()).toContain('  Payment method:   none on file\n');
    expect(t.stdout()).toContain('No invoices yet.');
  });
});

describe('org billing for an org without a paid plan', () => {
  it('says so in one sentence and exits 0, asking nothing of the billing endpoints', async () => {
    const t = make();
    expect(await t.run(['org', 'billing', '--org', 'hobby'])).toBe(0);
    expect(t.stdout()).toBe('hobby is not on a paid plan; there is no billing to show.\n');
    expect((await emu().requests()).map((r) => r.path)).toEqual(['/api/v0/org/hobby']);
    const invoice = make();
    expect(await invoice.run(['org', 'billing', '--org', 'hobby', '--invoice', 'R-1'])).toBe(0);
    expect(invoice.stdout()).toBe('hobby is not on a paid plan; there is no billing to show.\n');
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
      payment_method: null,
      payment_method_visible: true,
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
