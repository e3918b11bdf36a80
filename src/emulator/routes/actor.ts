// /actor: who the token belongs to, and the orgs they belong to or are invited to.
import type { RequestContext, Route } from '../context';
import { ok, type ApiRequest, type Reply } from '../http';
import { userOrgRecord, userRecord } from '../records';
import { listResponse, pageQuery } from './common';

function getActor(_req: ApiRequest, ctx: RequestContext): Reply {
  return ok(userRecord(ctx, ctx.actor().user));
}

function listActorOrgs(status: 'accepted' | 'invited') {
  return (req: ApiRequest, ctx: RequestContext): Reply => {
    const { user } = ctx.actor();
    const list = `actor-orgs:${status}`;
    const page = ctx.store.members.listForUser(user.id, status, pageQuery(req, list));
    const orgs = ctx.store.orgs.byIds(page.rows.map((m) => m.org_id));
    return ok(listResponse(page, list, (m) => userOrgRecord(ctx, m, orgs.get(m.org_id)!)));
  };
}

export const actorRoutes: Route[] = [
  { method: 'GET', path: '/api/v0/actor', auth: true, handler: getActor },
  { method: 'GET', path: '/api/v0/actor/org', auth: true, handler: listActorOrgs('accepted') },
  { method: 'GET', path: '/api/v0/actor/org/invite', auth: true, handler: listActorOrgs('invited') },
];
