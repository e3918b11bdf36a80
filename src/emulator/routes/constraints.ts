// GET /org/{h}/constraint: the limits that apply to an org, each inherited from its plan (the
// Team plan's included users, compute and storage) or, for an org on no paid plan, from the
// tenant's defaults. Any member may read them, as the console shows them on the usage page.
import type { Constraint } from '../../api/types';
import { readableOrg } from '../auth';
import type { RequestContext, Route } from '../context';
import { Validation } from '../errors';
import { ok, type ApiRequest, type Reply } from '../http';
import { TEAM_INCLUDED_COMPUTE_MINUTES, TEAM_INCLUDED_STORAGE_BYTES, TEAM_INCLUDED_USERS, TEAM_PLAN } from '../plans';
import { pageOf } from '../store/paging';
import { listResponse, pageQuery } from './common';

interface Limit {
  name: string;
  type: 'quota' | 'feature' | 'constant';
  description: string;
  team: unknown;
  free: unknown;
}

const LIMITS: Limit[] = [
  { name: 'org.member.included', type: 'quota', description: 'Members included in the price of the plan.', team: TEAM_INCLUDED_USERS, free: 1 },
  { name: 'org.compute.included_minutes', type: 'quota', description: 'Compute minutes included each month.', team: TEAM_INCLUDED_COMPUTE_MINUTES, free: 0 },
  { name: 'org.storage.included_bytes', type: 'quota', description: 'Storage included each month, in bytes.', team: TEAM_INCLUDED_STORAGE_BYTES, free: 0 },
  { name: 'org.workspace.max', type: 'quota', description: 'Workspaces the org may have.', team: 20, free: 1 },
  { name: 'org.pay_as_you_go', type: 'feature', description: 'Usage beyond the included amounts is billed.', team: true, free: false },
];

function listConstraints(req: ApiRequest, ctx: RequestContext): Reply {
  const { org } = readableOrg(req, ctx);
  if (req.query.get('where')) throw new Validation('query.where', 'the emulator does not filter constraints; list them all');
  const identityPlan = ctx.store.billing.identityPlan(org.id);
  const plan = identityPlan && ctx.store.billing.planById(identityPlan.plan_id);
  const onTeam = plan?.plan === TEAM_PLAN.plan;
  const all: Constraint[] = LIMITS.map((limit) => ({
    name: limit.name,
    target: 'org',
    type: limit.type,
    description: limit.description,
    value: onTeam ? limit.team : limit.free,
    // Where the value is inherited from: the plan, or the tenant's defaults.
    value_from: onTeam ? plan!.id : ctx.tenantId,
    visibility: 'public',
    org_id: org.id,
    tenant_id: ctx.tenantId,
    ...(onTeam ? { plan_id: plan!.id } : {}),
  }));
  const list = `constraints:${org.id}`;
  const query = pageQuery(req, list);
  const start = query.after ? Number(query.after[0]) : 0;
  const page = pageOf(
    all.slice(start, start + query.limit + 1).map((c, i) => ({ c, i: start + i + 1 })),
    query.limit,
    (r) => [r.i],
  );
  return ok(listResponse(page, list, (r) => r.c));
}

export const constraintRoutes: Route[] = [{ method: 'GET', path: '/api/v0/org/:org/constraint', auth: true, handler: listConstraints }];
