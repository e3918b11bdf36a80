// `pipesctl org billing`: the plan, billing status, current period, upcoming invoice, payment
// method and recent invoices of a Team-plan org, as the console's billing page shows them;
// `--invoice <id>` shows one invoice. Orgs on no paid plan have no billing: one sentence, exit 0.
import { Command } from 'commander';
import type { BillingInvoice, BillingSubscription, IdentityPlan, Org } from '../../api/types';
import type { Context, GetContext } from '../../cli/context';
import { examples } from '../../cli/help';
import { fetchBilling, fetchInvoice } from '../../core/org/billing';
import {
  hasPaidPlan,
  noBillingSentence,
  renderBillingSummary,
  renderInvoice,
  summarizeBilling,
  summarizeCard,
  type CardSummary,
} from '../../core/org/billing-summary';
import { getOrg } from '../../core/org/get-org';
import { UsageError } from '../../errors';

export interface BillingOptions {
  org: string;
  /** Show this one invoice: its id (`in_...`) or the number the invoice list shows. */
  invoice?: string;
}

/** What `--invoice --json` prints: the invoice as the API returned it (null for an org without billing). */
export interface InvoiceJson {
  org: string;
  invoice: BillingInvoice | null;
}

/** What `--json` prints: the records as the API returned them; `plan: null` without billing. */
export interface BillingJson {
  org: string;
  billing: Org['billing'] | null;
  plan: IdentityPlan | null;
  subscriptions: BillingSubscription[];
  upcoming_invoice: BillingInvoice | null;
  invoices: BillingInvoice[];
  /**
   * The default payment method as brand, last 4 digits and expiry (never more); null when
   * there is none, or when the caller may not see it (`payment_method_visible: false`).
   */
  payment_method: CardSummary | null;
  payment_method_visible: boolean;
}

const INVOICE_REF = /^[A-Za-z0-9_-]{1,64}$/;

const RECENT_INVOICES = 5;

export function billingCommand(getCtx: GetContext): Command {
  return new Command('billing')
    .description('Show the plan, billing status, upcoming invoice, payment method and recent invoices')
    .option('--invoice <invoice>', 'show one invoice: its number as the invoice list shows it, or its id (in_...)')
    .addHelpText(
      'after',
      `
Billing exists for orgs on the Team plan; for any other org this says so and exits 0.
Shows the ${RECENT_INVOICES} most recent invoices; --json gives them all. The payment method is
shown as brand, last 4 digits and expiry, and only to the org's owners. The API gives an
invoice's totals and links, not its line items: the invoice page (--invoice) has those.
${examples('pipesctl org billing', 'pipesctl org billing --invoice 2ABC-1001', "pipesctl org billing --json | jq '.upcoming_invoice.total'")}`,
    )
    .action(async (flags: { invoice?: string }) => {
      const ctx = getCtx();
      if (flags.invoice !== undefined && !INVOICE_REF.test(flags.invoice)) {
        throw new UsageError(`invalid --invoice ${JSON.stringify(flags.invoice)}: give the invoice number \`pipesctl org billing\` lists, or its id (in_...)`);
      }
      const opts = { org: ctx.resolveOrg(), invoice: flags.invoice };
      return opts.invoice === undefined ? runBilling(ctx, opts) : runInvoice(ctx, { ...opts, invoice: opts.invoice });
    });
}

export async function runInvoice(ctx: Context, opts: Required<BillingOptions>): Promise<void> {
  const found = await ctx.spin(`Fetching invoice ${opts.invoice} of ${opts.org}`, async () => {
    const org = await getOrg(ctx, opts.org);
    return { org, invoice: hasPaidPlan(org) ? await fetchInvoice(ctx, opts.org, opts.invoice) : null };
  });
  if (ctx.out.isJson) {
    ctx.out.json({ org: found.org.handle, invoice: found.invoice } satisfies InvoiceJson);
    return;
  }
  if (found.invoice === null) {
    ctx.out.line(noBillingSentence(found.org.handle));
    return;
  }
  const name = found.org.display_name && found.org.display_name !== found.org.handle ? found.org.display_name : null;
  ctx.out.line((await renderInvoice({ org: found.org.handle, orgName: name }, found.invoice)).trimEnd());
}

export async function runBilling(ctx: Context, opts: BillingOptions): Promise<void> {
  const records = await ctx.spin(`Fetching billing for ${opts.org}`, () => fetchBilling(ctx, opts.org));
  if (ctx.out.isJson) {
    const json: BillingJson = {
      org: records.org.handle,
      billing: records.org.billing ?? null,
      plan: records.plan,
      subscriptions: records.subscriptions,
      upcoming_invoice: records.upcoming,
      invoices: records.invoices,
      payment_method: records.paymentMethods ? summarizeCard(records.paymentMethods) : null,
      payment_method_visible: records.paymentMethods !== null,
    };
    ctx.out.json(json);
    return;
  }
  if (records.plan === null) {
    ctx.out.line(noBillingSentence(records.org.handle));
    return;
  }
  ctx.out.line((await renderBillingSummary(summarizeBilling(records), { maxInvoices: RECENT_INVOICES })).trimEnd());
}
