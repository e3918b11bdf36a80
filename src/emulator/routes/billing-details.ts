// One invoice, one subscription, and the org's payment methods. Like the other billing
// paths these exist only for orgs on the Team plan (404 otherwise). Payment methods are for
// owners only, as the console's billing settings are; the emulator keeps no more of a card
// than its brand, last 4 digits and expiry.
import type { PaymentMethod } from '../../api/types';
import { ownedOrg, readableOrg } from '../auth';
import type { RequestContext, Route } from '../context';
import { NotFound } from '../errors';
import { ok, type ApiRequest, type Reply } from '../http';
import { invoiceRecord, subscriptionRecord } from '../records';
import type { OrgRow, PaymentMethodRow } from '../store/rows';

function requireBilling(ctx: RequestContext, org: OrgRow): void {
  if (!ctx.store.billing.identityPlan(org.id)) {
    throw new NotFound(`'${org.handle}' has no billing plan: billing applies only to orgs on the Team plan`);
  }
}

function getInvoice(req: ApiRequest, ctx: RequestContext): Reply {
  const { org } = readableOrg(req, ctx);
  requireBilling(ctx, org);
  const row = ctx.store.billing.invoice(org.id, req.params.invoice!);
  if (!row) throw new NotFound(`'${org.handle}' has no invoice '${req.params.invoice}'`);
  return ok(invoiceRecord(ctx, row));
}

function getSubscription(req: ApiRequest, ctx: RequestContext): Reply {
  const { org } = readableOrg(req, ctx);
  requireBilling(ctx, org);
  const row = ctx.store.billing.subscriptions(org.id).find((s) => s.id === req.params.subscription);
  if (!row) throw new NotFound(`'${org.handle}' has no subscription '${req.params.subscription}'`);
  return ok(subscriptionRecord(row));
}

function paymentMethodRecord(row: PaymentMethodRow): PaymentMethod {
  return {
    id: row.id,
    type: row.type as PaymentMethod['type'],
    default: row.is_default === 1,
    card: { brand: row.brand, last4: row.last4, exp_month: row.exp_month, exp_year: row.exp_year, country: row.country, funding: row.funding },
  };
}

function listPaymentMethods(req: ApiRequest, ctx: RequestContext): Reply {
  const { org } = ownedOrg(req, ctx, 'see payment methods');
  requireBilling(ctx, org);
  // Not a paged endpoint: an org has a handful of cards at most.
  return ok({ items: ctx.store.paymentMethods.list(org.id).map(paymentMethodRecord) });
}

function getPaymentMethod(req: ApiRequest, ctx: RequestContext): Reply {
  const { org } = ownedOrg(req, ctx, 'see payment methods');
  requireBilling(ctx, org);
  const row = ctx.store.paymentMethods.byId(org.id, req.params.method!);
  if (!row) throw new NotFound(`'${org.handle}' has no payment method '${req.params.method}'`);
  return ok(paymentMethodRecord(row));
}

export const billingDetailRoutes: Route[] = [
  { method: 'GET', path: '/api/v0/org/:org/billing/invoice/:invoice', auth: true, handler: getInvoice },
  { method: 'GET', path: '/api/v0/org/:org/billing/subscription/:subscription', auth: true, handler: getSubscription },
  { method: 'GET', path: '/api/v0/org/:org/billing/payment_method', auth: true, handler: listPaymentMethods },
  { method: 'GET', path: '/api/v0/org/:org/billing/payment_method/:method', auth: true, handler: getPaymentMethod },
];
