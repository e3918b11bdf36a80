// What `org billing` shows: the plan, the billing status, the current period, the upcoming
// invoice and the recent ones, folded from the billing endpoints' records. Pure, like the
// usage summary, so it is tested on hand-made records.
import type { BillingInvoice, BillingStatus, BillingSubscription, IdentityPlan, Org } from '../../api/types';
import { createColors } from '../../io/colors';
import { formatDate } from '../../output/format';
import { alignRows } from '../../output/table';

export interface BillingRecords {
  org: Org;
  /** null when the org has no billing (no paid plan). */
  plan: IdentityPlan | null;
  subscriptions: BillingSubscription[];
  upcoming: BillingInvoice | null;
  invoices: BillingInvoice[];
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
    plan: plan ? (plan.plan?.title ?? plan.plan?.plan ?? plan.plan_id) : null,
    status: org.billing?.status ?? null,
    suspendAt: formatDate(org.billing?.suspend_at) || null,
    period: subscription ? { start: formatDate(subscription.current_period_start), end: formatDate(subscription.current_period_end) } : null,
    upcoming: records.upcoming
      ? { total: invoiceTotal(records.upcoming, currency), date: formatDate(records.upcoming.next_payment_attempt) || null }
      : null,
    invoices,
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
  return `${org} is not on a paid plan; there is no billing to show.`;
}

/** Human lines for `org billing`: a label column, then the recent invoices (at most `maxInvoices`). */
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
  const colors = createColors(0);
  const lines = await alignRows(rows, { colors, gap: 1 });

  const shown = summary.invoices.slice(0, opts.maxInvoices ?? 5);
  lines.push('');
  if (shown.length === 0) {
    lines.push('No invoices yet.');
  } else {
    const more = summary.invoices.length - shown.length;
    lines.push(more > 0 ? `Recent invoices (${shown.length} of ${summary.invoices.length}, --json for all):` : 'Invoices:');
    const cells = shown.map((inv) => [inv.date, `${inv.period.start} to ${inv.period.end}`, inv.status ?? '', inv.total?.text ?? '', inv.id ?? '']);
    lines.push(...(await alignRows(cells, { colors, indent: 2, align: ['left', 'left', 'left', 'right', 'left'] })));
  }
  return `${lines.join('\n')}\n`;
}
