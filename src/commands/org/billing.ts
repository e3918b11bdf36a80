// `pipesctl org billing`: the plan, billing status, current period, upcoming invoice and
// recent invoices of a Team-plan org. Orgs on no paid plan have no billing: one sentence, exit 0.
import { Command } from 'commander';
import type { BillingInvoice, BillingSubscription, IdentityPlan, Org } from '../../api/types';
import type { Context, GetContext } from '../../cli/context';
import { examples } from '../../cli/help';
import { fetchBilling } from '../../core/org/billing';
import { noBillingSentence, renderBillingSummary, summarizeBilling } from '../../core/org/billing-summary';

export interface BillingOptions {
  org: string;
}

/** What `--json` prints: the records as the API returned them; `plan: null` without billing. */
export interface BillingJson {
  org: string;
  billing: Org['billing'] | null;
  plan: IdentityPlan | null;
  subscriptions: BillingSubscription[];
  upcoming_invoice: BillingInvoice | null;
  invoices: BillingInvoice[];
}

const RECENT_INVOICES = 5;

export function billingCommand(getCtx: GetContext): Command {
  return new Command('billing')
    .description('Show the plan, billing status, upcoming invoice and recent invoices')
    .addHelpText(
      'after',
      `
Billing exists for orgs on the Team plan; for any other org this says so and exits 0.
Shows the ${RECENT_INVOICES} most recent invoices; --json gives them all.
${examples('pipesctl org billing', "pipesctl org billing --json | jq '.upcoming_invoice.total'")}`,
    )
    .action(async () => {
      const ctx = getCtx();
      return runBilling(ctx, { org: ctx.resolveOrg() });
    });
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
