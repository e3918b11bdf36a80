import { describe, expect, it } from 'vitest';
import {
  describeCard,
  formatMoney,
  renderInvoice,
  summarizeCard,
  hasPaidPlan,
  renderBillingSummary,
  summarizeBilling,
  type BillingRecords,
} from '../../../src/core/org/billing-summary';
import { makeIdentityPlan, makeInvoice, makeOrg, makePlan, makeSubscription } from '../../helpers/fixtures';

function records(overrides: Partial<BillingRecords> = {}): BillingRecords {
  return {
    org: makeOrg(),
    plan: makeIdentityPlan(),
    subscriptions: [makeSubscription()],
    upcoming: makeInvoice({
      id: undefined,
      status: 'draft',
      total: 4250,
      created_at: '2026-01-20T00:00:00Z',
      period_start: '2026-01-01T00:00:00Z',
      period_end: '2026-02-01T00:00:00Z',
      next_payment_attempt: '2026-02-01T01:00:00Z',
    }),
    invoices: [
      makeInvoice({ id: 'in_1', receipt_number: 'R-1', created_at: '2025-11-01T00:00:00Z', period_start: '2025-10-01T00:00:00Z', period_end: '2025-11-01T00:00:00Z' }),
      makeInvoice({ id: 'in_3', receipt_number: 'R-3', created_at: '2026-01-01T00:00:00Z', total: 3480 }),
      makeInvoice({ id: 'in_2', receipt_number: 'R-2', created_at: '2025-12-01T00:00:00Z', period_start: '2025-11-01T00:00:00Z', period_end: '2025-12-01T00:00:00Z' }),
    ],
    paymentMethods: [{ id: 'pm_1', type: 'card', default: true, card: { brand: 'visa', last4: '4242', exp_month: 3, exp_year: 2028, country: 'US', funding: 'credit' } }],
    ...overrides,
  };
}

describe('formatMoney', () => {
  it.each([
    [2900, 'usd', '$29.00 USD'],
    [2950, 'USD', '$29.50 USD'],
    [0, 'usd', '$0.00 USD'],
    [123456, 'usd', '$1,234.56 USD'],
    [-500, 'usd', '-$5.00 USD'],
    [1999, 'eur', '€19.99 EUR'],
    [2900, 'jpy', '¥2,900 JPY'],
  ])('%d %s → %s', (amount, currency, text) => {
    expect(formatMoney(amount, currency)).toEqual({ amount, currency: currency.toUpperCase(), text });
  });

  it('shows an unknown currency code plainly', () => {
    expect(formatMoney(1234, 'xx').text).toBe('12.34 XX');
  });
});

describe('summarizeBilling', () => {
  it('gathers plan, status, period, the upcoming total and invoices newest first', () => {
    const summary = summarizeBilling(records());
    expect(summary).toMatchObject({
      org: 'acme',
      plan: 'Team',
      status: 'active',
      suspendAt: null,
      period: { start: '2026-01-01', end: '2026-02-01' },
      upcoming: { total: { amount: 4250, currency: 'USD', text: '$42.50 USD' }, date: '2026-02-01' },
    });
    expect(summary.invoices.map((i) => i.id)).toEqual(['R-3', 'R-2', 'R-1']);
    expect(summary.invoices[0]).toEqual({
      id: 'R-3',
      date: '2026-01-01',
      period: { start: '2025-12-01', end: '2026-01-01' },
      status: 'paid',
      total: { amount: 3480, currency: 'USD', text: '$34.80 USD' },
      url: 'https://invoice.example.com/i/in_0001',
    });
  });

  it('names the plan by title, then by name, then by id', () => {
    expect(summarizeBilling(records({ plan: makeIdentityPlan({ plan: makePlan({ title: undefined }) }) })).plan).toBe('team');
    expect(summarizeBilling(records({ plan: makeIdentityPlan({ plan: undefined, plan_id: 'p_x' }) })).plan).toBe('p_x');
  });

  it("uses the active subscription's period and its currency for invoices without one", () => {
    const summary = summarizeBilling(
      records({
        subscriptions: [
          makeSubscription({ id: 'sub_old', status: 'canceled', created_at: '2026-01-10T00:00:00Z', current_period_start: '2025-01-01T00:00:00Z' }),
          makeSubscription({ id: 'sub_new', status: 'active', currency: 'eur', created_at: '2025-06-01T00:00:00Z' }),
        ],
        invoices: [makeInvoice({ currency: undefined, total: 100 })],
      }),
    );
    expect(summary.period).toEqual({ start: '2026-01-01', end: '2026-02-01' });
    expect(summary.invoices[0]!.total!.text).toBe('€1.00 EUR');
  });

  it('reports a failed payment and when the org will be suspended', async () => {
    const org = makeOrg({ billing: { status: 'payment_failed', suspend_at: '2026-02-10T00:00:00Z' } });
    const summary = summarizeBilling(records({ org }));
    expect(summary).toMatchObject({ status: 'payment_failed', suspendAt: '2026-02-10' });
    expect(await renderBillingSummary(summary)).toContain('Status:           payment failed (suspends on 2026-02-10)');
  });

  it('has no plan when the records say so', () => {
    const summary = summarizeBilling({ org: makeOrg({ handle: 'hobby', billing: { status: 'preview' } }), plan: null, subscriptions: [], upcoming: null, invoices: [], paymentMethods: [] });
    expect(summary).toMatchObject({ org: 'hobby', plan: null, status: 'preview', period: null, upcoming: null, invoices: [] });
  });
});

describe('hasPaidPlan', () => {
  it('is false for preview and for orgs without billing', () => {
    expect(hasPaidPlan(makeOrg())).toBe(true);
    expect(hasPaidPlan(makeOrg({ billing: { status: 'trial' } }))).toBe(true);
    expect(hasPaidPlan(makeOrg({ billing: { status: 'preview' } }))).toBe(false);
    expect(hasPaidPlan(makeOrg({ billing: undefined }))).toBe(false);
  });
});

describe('renderBillingSummary', () => {
  it('lines up the facts and lists the invoices', async () => {
    expect(await renderBillingSummary(summarizeBilling(records()))).toBe(
      [
        'Billing of Acme Corp (acme)',
        '  Plan:             Team',
        '  Status:           active',
        '  Current period:   2026-01-01 to 2026-02-01',
        '  Upcoming invoice: $42.50 USD on 2026-02-01',
        '  Payment method:   Visa ending 4242, expires 03/2028',
        '',
        'Invoices:',
        '  DATE        PERIOD                    STATUS       TOTAL  INVOICE',
        '  2026-01-01  2025-12-01 to 2026-01-01  paid    $34.80 USD  R-3',
        '  2025-12-01  2025-11-01 to 2025-12-01  paid    $29.00 USD  R-2',
        '  2025-11-01  2025-10-01 to 2025-11-01  paid    $29.00 USD  R-1',
        '',
        'One invoice in full: pipesctl org billing --invoice <invoice>',
        '',
      ].join('\n'),
    );
  });

  it('shows at most five invoices and says how to see the rest', async () => {
    const invoices = Array.from({ length: 7 }, (_, i) => makeInvoice({ id: `in_${i}`, receipt_number: `R-${i}`, created_at: `2025-0${i + 1}-01T00:00:00Z` }));
    const text = await renderBillingSummary(summarizeBilling(records({ invoices })));
    expect(text).toContain('Recent invoices (5 of 7, --json for all):');
    expect(text).toContain('R-6');
    expect(text).toContain('R-2');
    expect(text).not.toContain('R-1');
    expect(await renderBillingSummary(summarizeBilling(records({ invoices })), { maxInvoices: 2 })).not.toContain('R-4');
  });

  it('shows the payment method as brand, last 4 and expiry only, or says it is for owners', async () => {
    const text = await renderBillingSummary(summarizeBilling(records()));
    expect(text).toContain('Payment method:   Visa ending 4242, expires 03/2028');
    expect(text).not.toMatch(/\bUS\b|credit|pm_1/);
    expect(await renderBillingSummary(summarizeBilling(records({ paymentMethods: null })))).toContain('Payment method:   shown to owners only');
    expect(await renderBillingSummary(summarizeBilling(records({ paymentMethods: [] })))).toContain('Payment method:   none on file');
    const second = { id: 'pm_2', type: 'card' as const, default: true, card: { brand: 'mastercard', last4: '4444', exp_month: 11, exp_year: 2030 } };
    expect(summarizeCard([{ id: 'pm_1', type: 'card', card: { brand: 'amex', last4: '0005' } }, second])).toEqual({
      type: 'card',
      brand: 'mastercard',
      last4: '4444',
      exp_month: 11,
      exp_year: 2030,
    });
    expect(describeCard({ type: 'us_bank_account', brand: null, last4: '6789', exp_month: null, exp_year: null })).toBe('Bank account ending 6789');
  });

  it('shows one invoice in full', async () => {
    const text = await renderInvoice({ org: 'acme', orgName: 'Acme Corp' }, makeInvoice({ id: 'in_3', receipt_number: 'R-3', total: 3480, billing_reason: 'subscription_cycle', attempt_count: 1 }));
    expect(text).toContain('Invoice of Acme Corp (acme)');
    expect(text).toMatch(/Number: +R-3/);
    expect(text).toMatch(/Total: +\$34\.80 USD/);
    expect(text).toMatch(/Reason: +subscription cycle/);
  });

  it('says so when there are no invoices yet', async () => {
    expect(await renderBillingSummary(summarizeBilling(records({ invoices: [] })))).toContain('No invoices yet.');
  });

  it('is one sentence for an org without a paid plan', async () => {
    const summary = summarizeBilling({ org: makeOrg({ handle: 'hobby', billing: { status: 'preview' } }), plan: null, subscriptions: [], upcoming: null, invoices: [], paymentMethods: [] });
    expect(await renderBillingSummary(summary)).toBe('hobby is not on a paid plan; there is no billing to show.\n');
  });
});
