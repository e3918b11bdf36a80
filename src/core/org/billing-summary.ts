// What `org billing` shows, as the console's billing page does: the plan, the billing status,
// the current period, the upcoming invoice, the payment method (brand, last 4 digits and
// expiry, never more) and the recent invoices, folded from the billing endpoints' records;
// and one invoice for `org billing --invoice`. Pure, like the usage summary, so it is tested
// on hand-made records.
import type { BillingInvoice, BillingStatus, BillingSubscription, IdentityPlan, Org, PaymentMethod } from '../../api/types';
import { createColors } from '../../io/colors';
import { formatDate } from '../../output/format';
import { sanitizeLine } from '../../output/sanitize';
import { alignRows } from '../../output/table';

export interface BillingRecords {
  org: Org;
  /** null when the org has no billing (no paid plan). */
  plan: IdentityPlan | null;
  subscriptions: BillingSubscription[];
  upcoming: BillingInvoice | null;
  invoices: BillingInvoice[];
  /** The org's payment methods; null when the caller may not see them (owners only). */
  paymentMethods: PaymentMethod[] | null;
}

/** All that pipesctl shows or gives of a payment method. */
export interface CardSummary {
  type: string;
  brand: string | null;
  last4: string | null;
  exp_month: number | null;
  exp_year: number | null;
}

export interface Money {
  /** In the currency's smallest unit, as the API gives totals (cents for USD). */
  amount: number;
  currency: string;
  /** E.g. `$29.00 USD`. */
  text: string;
}

export interface InvoiceLine {
  id: string | null;
  date: string;
  period: { start: string; end: string };
  status: string | null;
  total: Money | null;
  url: string | null;
}

export interface BillingSummary {
  org: string;
  /** The org's display name, when it has one other than its handle. */
  orgName: string | null;
  /** The plan's title (or name); null when the org is not on a paid plan. */
  plan: string | null;
  status: BillingStatus | null;
  /** When a failed payment will suspend the org, as a day. */
  suspendAt: string | null;
  /** The current period of the active subscription, as days. */
  period: { start: string; end: string } | null;
  upcoming: { total: Money | null; date: string | null } | null;
  /** Newest first. */
  invoices: InvoiceLine[];
  /** The default payment method (or the only one); null when there is none or it is hidden. */
  paymentMethod: CardSummary | null;
  /** The caller is not allowed to see payment methods (not an owner). */
  paymentMethodHidden: boolean;
}

/** An org has billing pages only on a paid plan; `preview` means it has none. */
export function hasPaidPlan(org: Org): boolean {
  return org.billing !== undefined && org.billing.status !== 'preview';
}

/** `2950, 'usd'` → `$29.50 USD`; zero-decimal currencies (JPY) are not divided by 100. */
export function formatMoney(amount: number, currency: string): Money {
  const code = currency.toUpperCase();
  let text: string;
  try {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    text = `${format.format(amount / 10 ** digits)} ${code}`;
  } catch {
    // Not an ISO 4217 code Intl knows: show the figure in hundredths, plainly.
    text = `${(amount / 100).toFixed(2)} ${code}`;
  }
  return { amount, currency: code, text };
}

function invoiceTotal(invoice: BillingInvoice, fallbackCurrency: string | undefined): Money | null {
  const currency = invoice.currency ?? fallbackCurrency;
  return invoice.total === undefined || currency === undefined ? null : formatMoney(invoice.total, currency);
}

/** The subscription that bills now: an active or trialing one if any, else the newest. */
function currentSubscription(subscriptions: BillingSubscription[]): BillingSubscription | undefined {
  const newestFirst = [...subscriptions].sort((a, b) => b.created_at.localeCompare(a.created_at));
  return newestFirst.find((s) => s.status === 'active' || s.status === 'trialing') ?? newestFirst[0];
}

/** The default payment method, else the first: brand, last 4 and expiry only. */
export function summarizeCard(methods: readonly PaymentMethod[]): CardSummary | null {
  const method = methods.find((m) => m.default) ?? methods[0];
  if (!method) return null;
  const card = method.card;
  const bank = method.us_bank_account;
  return {
    type: method.type,
    brand: card?.brand ?? null,
    last4: card?.last4 ?? bank?.last4 ?? null,
    exp_month: card?.exp_month ?? null,
    exp_year: card?.exp_year ?? null,
  };
}

/** `Visa ending 4242, expires 12/2028`; a bank account as `Bank account ending 6789`. */
export function describeCard(card: CardSummary): string {
  const brand = card.type === 'us_bank_account' ? 'Bank account' : card.brand ? capitalize(card.brand) : 'Card';
  const ending = card.last4 ? ` ending ${card.last4}` : '';
  const expires = card.exp_month && card.exp_year ? `, expires ${String(card.exp_month).padStart(2, '0')}/${card.exp_year}` : '';
  return `${brand}${ending}${expires}`;
}

function capitalize(word: string): string {
  return word.length > 4 ? word.charAt(0).toUpperCase() + word.slice(1) : word.toUpperCase() === 'VISA' ? 'Visa' : word.toUpperCase();
}

export function summarizeBilling(records: BillingRecords): BillingSummary {
  const { org, plan } = records;
  const subscription = currentSubscription(records.subscriptions);
  const currency = subscription?.currency;
  const invoices = [...records.invoices]
    .sort((a, b) => b.created_at.localeCompare(a.created_at))
    .map(
      (invoice): InvoiceLine => ({
        id: invoice.receipt_number || invoice.id || null,
        date: formatDate(invoice.created_at),
        period: { start: formatDate(invoice.period_start), end: formatDate(invoice.period_end) },
        status: invoice.status ?? null,
        total: invoiceTotal(invoice, currency),
        url: invoice.hosted_invoice_url ?? null,
      }),
    );
  return {
    org: org.handle,
    orgName: org.display_name && org.display_name !== org.handle ? org.display_name : null,
    plan: plan ? (plan.plan?.title ?? plan.plan?.plan ?? plan.plan_id) : null,
    status: org.billing?.status ?? null,
    suspendAt: formatDate(org.billing?.suspend_at) || null,
    period: subscription ? { start: formatDate(subscription.current_period_start), end: formatDate(subscription.current_period_end) } : null,
    upcoming: records.upcoming
      ? { total: invoiceTotal(records.upcoming, currency), date: formatDate(records.upcoming.next_payment_attempt) || null }
      : null,
    invoices,
    paymentMethod: records.paymentMethods ? summarizeCard(records.paymentMethods) : null,
    paymentMethodHidden: records.paymentMethods === null,
  };
}

const STATUS_TEXT: Record<BillingStatus, string> = {
  preview: 'preview (no paid plan)',
  trial: 'trial',
  active: 'active',
  payment_failed: 'payment failed',
};

/** The sentence `org billing` prints for an org without billing. */
export function noBillingSentence(org: string): string {
  return `${sanitizeLine(org)} is not on a paid plan; there is no billing to show.`;
}

/** `Acme Corp (acme)`, or the handle alone: one line, safe to show (the name comes from the server). */
export function orgTitle(summary: Pick<BillingSummary, 'org' | 'orgName'>): string {
  return sanitizeLine(summary.orgName ? `${summary.orgName} (${summary.org})` : summary.org);
}

/** Human lines for `org billing`: the org, a label column, then the recent invoices (at most `maxInvoices`) under a header. */
export async function renderBillingSummary(summary: BillingSummary, opts: { maxInvoices?: number } = {}): Promise<string> {
  if (summary.plan === null) return `${noBillingSentence(summary.org)}\n`;
  const rows: [string, string][] = [
    ['Plan:', summary.plan],
    ['Status:', `${summary.status ? STATUS_TEXT[summary.status] : 'unknown'}${summary.suspendAt ? ` (suspends on ${summary.suspendAt})` : ''}`],
  ];
  if (summary.period) rows.push(['Current period:', `${summary.period.start} to ${summary.period.end}`]);
  if (summary.upcoming) {
    const when = summary.upcoming.date ? ` on ${summary.upcoming.date}` : '';
    rows.push(['Upcoming invoice:', `${summary.upcoming.total?.text ?? 'amount not known yet'}${when}`]);
  }
  rows.push(['Payment method:', summary.paymentMethodHidden ? 'shown to owners only' : summary.paymentMethod ? describeCard(summary.paymentMethod) : 'none on file']);
  const colors = createColors(0);
  const lines = [`Billing of ${orgTitle(summary)}`, ...(await alignRows(rows, { colors, gap: 1, indent: 2 }))];

  const shown = summary.invoices.slice(0, opts.maxInvoices ?? 5);
  lines.push('');
  if (shown.length === 0) {
    lines.push('No invoices yet.');
  } else {
    const more = summary.invoices.length - shown.length;
    lines.push(more > 0 ? `Recent invoices (${shown.length} of ${summary.invoices.length}, --json for all):` : 'Invoices:');
    const header = ['DATE', 'PERIOD', 'STATUS', 'TOTAL', 'INVOICE'];
    const cells = shown.map((inv) => [inv.date, `${inv.period.start} to ${inv.period.end}`, inv.status ?? '', inv.total?.text ?? '', inv.id ?? '']);
    lines.push(...(await alignRows([header, ...cells], { colors, indent: 2, align: ['left', 'left', 'left', 'right', 'left'] })));
    lines.push('', 'One invoice in full: pipesctl org billing --invoice <invoice>');
  }
  return `${lines.join('\n')}\n`;
}

/** Human lines for `org billing --invoice`: every fact of one invoice the API gives. */
export async function renderInvoice(org: Pick<BillingSummary, 'org' | 'orgName'>, invoice: BillingInvoice, fallbackCurrency?: string): Promise<string> {
  const total = invoiceTotal(invoice, fallbackCurrency);
  const rows: [string, string][] = [
    ['Number:', invoice.receipt_number || '(none yet)'],
    ['ID:', invoice.id ?? ''],
    ['Status:', invoice.status ?? 'unknown'],
    ['Created:', formatDate(invoice.created_at)],
    ['Period:', `${formatDate(invoice.period_start)} to ${formatDate(invoice.period_end)}`],
    ['Total:', total?.text ?? 'not known'],
  ];
  if (invoice.billing_reason) rows.push(['Reason:', invoice.billing_reason.replace(/_/g, ' ')]);
  if (invoice.attempt_count !== undefined) rows.push(['Payment attempts:', String(invoice.attempt_count)]);
  if (formatDate(invoice.next_payment_attempt)) rows.push(['Next attempt:', formatDate(invoice.next_payment_attempt)]);
  if (invoice.hosted_invoice_url) rows.push(['Invoice page:', invoice.hosted_invoice_url]);
  if (invoice.invoice_pdf) rows.push(['PDF:', invoice.invoice_pdf]);
  const lines = [`Invoice of ${orgTitle(org)}`, ...(await alignRows(rows, { colors: createColors(0), gap: 1, indent: 2 }))];
  return `${lines.join('\n')}\n`;
}
