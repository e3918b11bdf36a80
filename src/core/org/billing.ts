// Reading an org's billing records for `org billing`: nothing beyond the org for an org on no
// paid plan; payment methods only where the caller may see them (owners).
import { ApiError } from '../../api/errors';
import type { BillingInvoice, PaymentMethod } from '../../api/types';
import { NotFoundError } from '../../errors';
import { hasPaidPlan, type BillingRecords } from './billing-summary';
import { getOrg, type ApiAccess } from './get-org';

/** Every billing record of the org, or none when it has no paid plan (preview, or a 404 on billing). */
export async function fetchBilling(ctx: ApiAccess, handle: string): Promise<BillingRecords> {
  const org = await getOrg(ctx, handle);
  const none: BillingRecords = { org, plan: null, subscriptions: [], upcoming: null, invoices: [], paymentMethods: [] };
  if (!hasPaidPlan(org)) return none;
  const billing = ctx.api().billing;
  try {
    const [plan, subscriptions, upcoming, invoices, paymentMethods] = await Promise.all([
      billing.getPlan(handle),
      billing.listSubscriptions(handle),
      billing.getUpcomingInvoice(handle),
      allInvoices(ctx, handle),
      visiblePaymentMethods(ctx, handle),
    ]);
    return { org, plan, subscriptions, upcoming, invoices, paymentMethods };
  } catch (err) {
    // The org exists (we just read it): a 404 here means it has no billing.
    if (err instanceof ApiError && err.status === 404) return none;
    throw err;
  }
}

async function allInvoices(ctx: ApiAccess, handle: string): Promise<BillingInvoice[]> {
  const all: BillingInvoice[] = [];
  for await (const invoice of ctx.api().billing.listInvoices(handle)) all.push(invoice);
  return all;
}

/** The org's payment methods, or null when the caller is not allowed to see them (403: owners only). */
async function visiblePaymentMethods(ctx: ApiAccess, handle: string): Promise<PaymentMethod[] | null> {
  try {
    return await ctx.api().billing.listPaymentMethods(handle);
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) return null;
    throw err;
  }
}

/** An invoice id as the API writes them. */
export const INVOICE_ID = /^in_[0-9a-v]{20}$/;

/**
 * One invoice of the org, by its id (`in_...`) or by the number `org billing` lists
 * (the receipt number), which only the list of invoices can resolve.
 */
export async function fetchInvoice(ctx: ApiAccess, handle: string, ref: string): Promise<BillingInvoice> {
  const notFound = () =>
    new NotFoundError(`${handle} has no invoice ${ref}`, { hint: `See its invoices with \`pipesctl org billing --org ${handle}\`.` });
  if (INVOICE_ID.test(ref)) {
    try {
      return await ctx.api().billing.getInvoice(handle, ref);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) throw notFound();
      throw err;
    }
  }
  for await (const invoice of ctx.api().billing.listInvoices(handle)) if (invoice.receipt_number === ref || invoice.id === ref) return invoice;
  throw notFound();
}
