// /identity: the public information of users and orgs (handle, type, display name, avatar),
// for anyone, signed in or not: handles are public, as in the console's profile pages.
import type { Identity } from '../../api/types';
import type { RequestContext, Route } from '../context';
import { NotFound } from '../errors';
import { ok, type ApiRequest, type Reply } from '../http';
import { avatarUrl, defaultAvatarUrl, type RenderContext } from '../records';
import type { IdentityRow } from '../store/rows';
import { listResponse, pageQuery } from './common';

function identityRecord(ctx: RenderContext, row: IdentityRow): Identity {
  return {
    id: row.id,
    handle: row.handle,
    tenant_id: ctx.tenantId,
    type: row.type,
    display_name: row.display_name ?? row.handle,
    avatar_url: row.type === 'org' ? avatarUrl(ctx, row) : defaultAvatarUrl(ctx, row.id),
  };
}

function listIdentities(req: ApiRequest, ctx: RequestContext): Reply {
  const q = req.query.get('q')?.trim() || undefined;
  const list = `identities:${q ?? ''}`;
  const page = ctx.store.identities.list(q, pageQuery(req, list));
  return ok(listResponse(page, list, (row) => identityRecord(ctx, row)));
}

function getIdentity(req: ApiRequest, ctx: RequestContext): Reply {
  const row = ctx.store.identities.byHandle(req.params.identity!);
  if (!row) throw new NotFound(`no user or org has the handle '${req.params.identity}'`);
  return ok(identityRecord(ctx, row));
}

export const identityRoutes: Route[] = [
  { method: 'GET', path: '/api/v0/identity', auth: false, handler: listIdentities },
  { method: 'GET', path: '/api/v0/identity/:identity', auth: false, handler: getIdentity },
];
