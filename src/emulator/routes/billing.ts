// /org/{h}/billing/...: plan, subscriptions, invoices and the upcoming invoice. Billing
// exists only for orgs on the Team plan; any other org answers 404 on these paths.
import type { BillingInvoice } from '../../api/types';
import { ownedOrg, readableOrg } from '../auth';
import type { RequestContext, Route } from '../context';
import { BadRequest, NotFound } from '../errors';
import { newId } from '../ids';
import { created, ok, type ApiRequest, type Reply } from '../http';
import {
  TEAM_INCLUDED_COMPUTE_MINUTES,
  TEAM_INCLUDED_USERS,
  TEAM_PLAN,
  TEAM_PRICE_PER_COMPUTE_MINUTE_CENTS,
  TEAM_PRICE_PER_EXTRA_USER_CENTS,
} from '../plans';
import { identityPlanRecord, invoiceRecord, iso, subscriptionRecord } from '../records';
import type { OrgRow } from '../store/rows';
import { audit, listResponse, pageQuery } from './common';

const MINUTE_MS = 60_000;

function billedOrg(req: ApiRequest, ctx: RequestContext): { org: OrgRow; planId: string } {
  const { org } = readableOrg(req, ctx);
  const plan = ctx.store.billing.identityPlan(org.id);
  if (!plan) throw new NotFound(`'${org.handle}' has no billing plan: billing applies only to orgs on the Team plan`);
  return { org, planId: plan.plan_id };
}

function getPlan(req: ApiRequest, ctx: RequestContext): Reply {
  const { org } = billedOrg(req, ctx);
  const identityPlan = ctx.store.billing.identityPlan(org.id)!;
  return ok(identityPlanRecord(identityPlan, ctx.store.billing.planById(identityPlan.plan_id)!));
}

function listSubscriptions(req: ApiRequest, ctx: RequestContext): Reply {
  const { org } = billedOrg(req, ctx);
  return ok({ items: ctx.store.billing.subscriptions(org.id).map(subscriptionRecord) });
}

/** Subscribe an org to the Team plan; an org has at most one active subscription. */
function createSubscription(req: ApiRequest, ctx: RequestContext): Reply {
  const { org, actor } = ownedOrg(req, ctx, 'manage billing');
  if (ctx.store.billing.subscriptions(org.id).some((s) => s.status === 'active')) {
    throw new BadRequest(`'${org.handle}' already has an active subscription`);
  }
  const now = ctx.now();
  const today = new Date(now);
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1);
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1);
  const subscription = ctx.store.transaction(() => {
    const team = ctx.store.billing.planByName(TEAM_PLAN.plan)!;
    ctx.store.billing.setIdentityPlan(org.id, team.id, null, actor.user.id, now);
    ctx.store.orgs.update(org.id, { billing_status: 'active' }, actor.user.id, now);
    const sub = ctx.store.billing.createSubscription({
      org_id: org.id,
      status: 'active',
      currency: 'usd',
      default_payment_method_id: null,
      created_at: now,
      current_period_start: start,
      current_period_end: end,
      items: JSON.stringify([
        { id: newId('si'), billing_scheme: 'per_unit', pricing_id: newId('price'), quantity: 1, unit_amount: TEAM_PRICE_PER_EXTRA_USER_CENTS },
      ]),
    });
    audit(ctx, req, actor, org, 'org.billing.subscribe', { id: org.id, handle: org.handle }, { plan: TEAM_PLAN.plan });
    return sub;
  });
  return created(subscriptionRecord(subscription));
}

function listInvoices(req: ApiRequest, ctx: RequestContext): Reply {
  const { org } = billedOrg(req, ctx);
  const list = `invoices:${org.id}`;
  const page = ctx.store.billing.invoices(org.id, pageQuery(req, list));
  return ok(listResponse(page, list, (row) => invoiceRecord(ctx, row)));
}

/** An estimate for the current period: users beyond the included 3, compute minutes beyond 2,000. */
function upcomingInvoice(req: ApiRequest, ctx: RequestContext): Reply {
  const { org } = billedOrg(req, ctx);
  const now = ctx.now();
  const today = new Date(now);
  const sub = ctx.store.billing.subscriptions(org.id).find((s) => s.status === 'active');
  const start = sub?.current_period_start ?? Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1);
  const end = sub?.current_period_end ?? Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1);
  const members = ctx.store.members.acceptedCount(org.id);
  const computeMs =
    ctx.store.usage.total(org.id, 'db_execution_ms', start, end) + ctx.store.usage.total(org.id, 'process_execution_ms', start, end);
  const extraMinutes = Math.max(0, Math.ceil(computeMs / MINUTE_MS) - TEAM_INCLUDED_COMPUTE_MINUTES);
  const total = Math.max(0, members - TEAM_INCLUDED_USERS) * TEAM_PRICE_PER_EXTRA_USER_CENTS + extraMinutes * TEAM_PRICE_PER_COMPUTE_MINUTE_CENTS;
  const invoice: BillingInvoice = {
    created_at: iso(now),
    next_payment_attempt: iso(end + 3_600_000),
    period_start: iso(start),
    period_end: iso(end),
    attempt_count: 0,
    attempted: false,
    billing_reason: 'upcoming',
    currency: 'usd',
    status: 'draft',
    total,
  };
  return ok(invoice);
}

export const billingRoutes: Route[] = [
  { method: 'GET', path: '/api/v0/org/:org/billing/plan', auth: true, handler: getPlan },
  { method: 'GET', path: '/api/v0/org/:org/billing/subscription', auth: true, handler: listSubscriptions },
  { method: 'POST', path: '/api/v0/org/:org/billing/subscription', auth: true, handler: createSubscription },
  { method: 'GET', path: '/api/v0/org/:org/billing/invoice', auth: true, handler: listInvoices },
  { method: 'GET', path: '/api/v0/org/:org/billing/stripe/invoice/upcoming', auth: true, handler: upcomingInvoice },
];
