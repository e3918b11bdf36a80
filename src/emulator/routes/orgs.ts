// /org and /org/{h}: list, create, read, update (profile, handle, thresholds,
// token_min_issued_at) and delete.
import type { UsageThresholdAction } from '../../api/types';
import { ownedOrg, readableOrg } from '../auth';
import type { RequestContext, Route } from '../context';
import { Conflict, Validation } from '../errors';
import { created, jsonBody, ok, type ApiRequest, type Reply } from '../http';
import { orgRecord } from '../records';
import type { OrgChanges } from '../store/orgs';
import { TEAM_TRIAL_DAYS } from '../plans';
import {
  audit,
  checkIfMatch,
  listResponse,
  optionalEnum,
  optionalInteger,
  optionalString,
  pageQuery,
  requiredString,
} from './common';
import { checkHandle, checkText, checkUrl, parseTimestamp } from './validate';

const DAY_MS = 86_400_000;
const THRESHOLD_ACTIONS: readonly UsageThresholdAction[] = ['warn', 'cap_and_warn'];

function listOrgs(req: ApiRequest, ctx: RequestContext): Reply {
  const { user } = ctx.actor();
  const page = ctx.store.orgs.listForUser(user.id, pageQuery(req, 'orgs'));
  return ok(listResponse(page, 'orgs', (org) => orgRecord(ctx, org)));
}

function createOrg(req: ApiRequest, ctx: RequestContext): Reply {
  const actor = ctx.actor();
  const body = jsonBody(req);
  const handle = requiredString(body, 'handle');
  checkHandle('body.handle', handle);
  const displayName = optionalString(body, 'display_name');
  if (displayName !== undefined) checkText('body.display_name', displayName);
  const url = optionalString(body, 'url');
  if (url !== undefined) checkUrl('body.url', url);
  const planId = optionalString(body, 'plan_id');
  const plan = planId === undefined ? undefined : (ctx.store.billing.planById(planId) ?? ctx.store.billing.planByName(planId));
  if (planId !== undefined && !plan) throw new Validation('body.plan_id', `'${planId}' is not a plan`);
  const now = ctx.now();
  const org = ctx.store.transaction(() => {
    if (ctx.store.users.handleInUse(handle)) throw new Conflict(`the handle '${handle}' is already in use`);
    const org = ctx.store.orgs.create(
      { handle, display_name: displayName ?? handle, url, billing_status: plan ? 'trial' : 'preview' },
      actor.user.id,
      now,
    );
    ctx.store.members.add({ org_id: org.id, user_id: actor.user.id, role: 'owner', status: 'accepted', last_activity_at: now }, actor.user.id, now);
    if (plan) ctx.store.billing.setIdentityPlan(org.id, plan.id, now + TEAM_TRIAL_DAYS * DAY_MS, actor.user.id, now);
    audit(ctx, req, actor, org, 'org.create', { id: org.id, handle }, { handle, display_name: org.display_name });
    return org;
  });
  return created(orgRecord(ctx, org));
}

function getOrg(req: ApiRequest, ctx: RequestContext): Reply {
  return ok(orgRecord(ctx, readableOrg(req, ctx).org));
}

function updateOrg(req: ApiRequest, ctx: RequestContext): Reply {
  const body = jsonBody(req);
  const { org, actor } = ownedOrg(req, ctx, 'update the org');
  checkIfMatch(req, org.version_id);
  const now = ctx.now();
  const changes: OrgChanges = {};

  const handle = optionalString(body, 'handle');
  if (handle !== undefined && handle !== org.handle) {
    checkHandle('body.handle', handle);
    if (ctx.store.users.handleInUse(handle)) throw new Conflict(`the handle '${handle}' is already in use`);
    changes.handle = handle;
  }
  const displayName = optionalString(body, 'display_name');
  if (displayName !== undefined) {
    checkText('body.display_name', displayName);
    changes.display_name = displayName;
  }
  const url = optionalString(body, 'url');
  if (url !== undefined) {
    checkUrl('body.url', url);
    changes.url = url;
  }
  const minIssued = optionalString(body, 'token_min_issued_at');
  if (minIssued !== undefined) {
    const ms = parseTimestamp('body.token_min_issued_at', minIssued);
    if (ms > now) throw new Validation('body.token_min_issued_at', 'must not be in the future');
    changes.token_min_issued_at = ms;
  }
  for (const dimension of ['compute', 'storage', 'user'] as const) {
    const action = optionalEnum(body, `usage_${dimension}_action`, THRESHOLD_ACTIONS);
    if (action !== undefined) changes[`usage_${dimension}_action`] = action;
    const threshold = optionalInteger(body, `usage_${dimension}_threshold`);
    if (threshold !== undefined) changes[`usage_${dimension}_threshold`] = threshold;
  }

  const updated = ctx.store.transaction(() => {
    const row = ctx.store.orgs.update(org.id, changes, actor.user.id, now);
    const data: Record<string, unknown> = { ...changes };
    if (changes.handle) data.previous_handle = org.handle;
    if (changes.token_min_issued_at !== undefined) data.token_min_issued_at = minIssued;
    // Renames and resets of authentication are their own actions, as an admin looks for them.
    const onlyReset = Object.keys(changes).length === 1 && changes.token_min_issued_at !== undefined;
    const action = changes.handle ? 'org.handle.update' : onlyReset ? 'org.auth.reset' : 'org.update';
    audit(ctx, req, actor, row, action, { id: org.id, handle: row.handle }, data);
    return row;
  });
  return ok(orgRecord(ctx, updated));
}

function deleteOrg(req: ApiRequest, ctx: RequestContext): Reply {
  const { org, actor } = ownedOrg(req, ctx, 'delete the org');
  checkIfMatch(req, org.version_id);
  const deleted = ctx.store.transaction(() => {
    audit(ctx, req, actor, org, 'org.delete', { id: org.id, handle: org.handle }, { handle: org.handle });
    return ctx.store.orgs.softDelete(org.id, actor.user.id, ctx.now());
  });
  return ok(orgRecord(ctx, deleted));
}

export const orgRoutes: Route[] = [
  { method: 'GET', path: '/api/v0/org', auth: true, handler: listOrgs },
  { method: 'POST', path: '/api/v0/org', auth: true, handler: createOrg },
  { method: 'GET', path: '/api/v0/org/:org', auth: true, handler: getOrg },
  { method: 'PATCH', path: '/api/v0/org/:org', auth: true, handler: updateOrg },
  { method: 'DELETE', path: '/api/v0/org/:org', auth: true, handler: deleteOrg },
];
