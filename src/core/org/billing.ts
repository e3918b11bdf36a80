// Reading an org's billing records for `org billing`: nothing beyond the org for an org on no paid plan.
import { ApiError } from '../../api/errors';
import type { BillingInvoice } from '../../api/types';
import { hasPaidPlan, type BillingRecords } from './billing-summary';
import { getOrg, type ApiAccess } from './get-org';

/** Every billing record of the org, or none when it has no paid plan (preview, or a 404 on billing). */
export async function fetchBilling(ctx: ApiAccess, handle: string): Promise<BillingRecords> {
  const org = await getOrg(ctx, handle);
  const none: BillingRecords = { org, plan: null, subscriptions: [], upcoming: null, invoices: [] };
  if (!hasPaidPlan(org)) return none;
  const billing = ctx.api().billing;
  try {
    const [plan, subscriptions, upcoming, invoices] = await Promise.all([
      billing.getPlan(handle),
      billing.listSubscriptions(handle),
      billing.getUpcomingInvoice(handle),
      (async () => {
        const all: BillingInvoice[] = [];
        for await (const invoice of billing.listInvoices(handle)) all.push(invoice);
        return all;
      })(),
    ]);
    return { org, plan, subscriptions, upcoming, invoices };
  } catch (err) {
    // The org exists (we just read it): a 404 here means it has no billing.
    if (err instanceof ApiError && err.status === 404) return none;
    throw err;
  }
}
