// Test controls under /_emulator/ (no auth, never faulted, not part of the Pipes API; off with
// --no-controls, except the avatars records link to).
//
//   POST   /_emulator/reset                 back to the seed (faults off; the request log is kept)
//   GET    /_emulator/seed                  {kind, tokens: {demo, jane}} — the seed users' tokens
//   POST   /_emulator/users                 {handle, email?, org?, role?} → 201 {user, token}
//   POST   /_emulator/orgs/{h}/members      {count, prefix?, role?, status?} → 201 {org, created}
//   POST   /_emulator/orgs/{h}/members/{user}/accept   the invited user accepts → OrgUser
//   POST   /_emulator/faults                {rate, statuses, latency_ms, retry_after_s, reset_connections, processed_rate?, seed?, methods?}
//   GET    /_emulator/faults                the fault settings in force
//   GET    /_emulator/requests              {items: [{method, path, status, time, body?}]}
//   DELETE /_emulator/requests              clear the request log
//   GET    /_emulator/avatars/...           serves org avatars (avatar_url points here)
import { ORG_ROLES, type OrgRole } from '../../api/types';
import type { RequestContext, Route } from '../context';
import { Conflict, NotFound, Validation } from '../errors';
import { created, jsonBody, noContent, ok, type ApiRequest, type Reply } from '../http';
import { orgUserRecord, userRecord } from '../records';
import { optionalEnum, optionalString, requiredString } from './common';
import { checkEmail, checkHandle } from './validate';

function reset(_req: ApiRequest, ctx: RequestContext): Reply {
  ctx.controls.reset();
  return ok({ reset: true });
}

function seedInfo(_req: ApiRequest, ctx: RequestContext): Reply {
  return ok({ kind: ctx.store.meta.get('seed'), tokens: ctx.controls.seedTokens() });
}

function createUser(req: ApiRequest, ctx: RequestContext): Reply {
  const body = jsonBody(req);
  const handle = requiredString(body, 'handle');
  checkHandle('body.handle', handle);
  const email = optionalString(body, 'email');
  if (email !== undefined) checkEmail('body.email', email);
  const orgHandle = optionalString(body, 'org');
  const role = optionalEnum<OrgRole>(body, 'role', ORG_ROLES) ?? 'member';
  const now = ctx.now();
  const result = ctx.store.transaction(() => {
    const org = orgHandle === undefined ? undefined : ctx.store.orgs.liveByHandle(orgHandle);
    if (orgHandle !== undefined && !org) throw new NotFound(`org '${orgHandle}' not found`);
    const user = ctx.store.users.create({ handle, email: email ?? `${handle}@example.com`, display_name: handle }, now);
    const token = ctx.store.tokens.create({ user_id: user.id, token_type: 'user', title: 'emulator' }, user.id, now);
    if (org) ctx.store.members.add({ org_id: org.id, user_id: user.id, role, status: 'accepted', last_activity_at: now }, user.id, now);
    return { user, token };
  });
  return created({ user: userRecord(ctx, result.user), token: result.token.secret });
}

/** Many accepted members at once (one transaction), for benchmarks with large orgs. */
function bulkMembers(req: ApiRequest, ctx: RequestContext): Reply {
  const body = jsonBody(req);
  const count = body.count;
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > 100_000) {
    throw new Validation('body.count', 'must be an integer from 1 to 100000');
  }
  const prefix = optionalString(body, 'prefix') ?? 'member';
  const role = optionalEnum<OrgRole>(body, 'role', ORG_ROLES) ?? 'member';
  const status = optionalEnum(body, 'status', ['accepted', 'invited'] as const) ?? 'accepted';
  checkHandle('body.prefix', `${prefix}-${count}`);
  const org = ctx.store.orgs.liveByHandle(req.params.org!);
  if (!org) throw new NotFound(`org '${req.params.org}' not found`);
  const now = ctx.now();
  ctx.store.transaction(() => {
    for (let i = 1; i <= (count as number); i++) {
      const handle = `${prefix}-${i}`;
      if (ctx.store.users.handleInUse(handle)) throw new Conflict(`the handle '${handle}' is already in use`);
      const user = ctx.store.users.create({ handle, email: `${handle}@example.com`, display_name: handle }, now);
      ctx.store.members.add(
        { org_id: org.id, user_id: user.id, role, status, last_activity_at: status === 'accepted' ? now : null },
        org.created_by_id,
        now,
      );
    }
  });
  return created({ org: org.handle, created: count });
}

/** The service accepts invitations through a mailed link; here a test accepts on the user's behalf. */
function acceptInvite(req: ApiRequest, ctx: RequestContext): Reply {
  const org = ctx.store.orgs.liveByHandle(req.params.org!);
  if (!org) throw new NotFound(`org '${req.params.org}' not found`);
  const member = ctx.store.members.byHandle(org.id, req.params.user!);
  if (!member || member.status !== 'invited') throw new NotFound(`'${req.params.user}' has no open invitation to '${org.handle}'`);
  return ok(orgUserRecord(ctx, ctx.store.members.accept(member.id, ctx.now())));
}

function setFaults(req: ApiRequest, ctx: RequestContext): Reply {
  return ok(ctx.controls.faults.configure(jsonBody(req, { optional: true })));
}

function getFaults(_req: ApiRequest, ctx: RequestContext): Reply {
  return ok(ctx.controls.faults.config());
}

function listRequests(_req: ApiRequest, ctx: RequestContext): Reply {
  return ok({ items: ctx.controls.requests.list() });
}

function clearRequests(_req: ApiRequest, ctx: RequestContext): Reply {
  ctx.controls.requests.clear();
  return noContent();
}

function getAvatar(req: ApiRequest, ctx: RequestContext): Reply {
  const avatar = ctx.store.avatars.byKey(req.params.key!);
  if (!avatar) throw new NotFound('no such avatar');
  return { status: 200, body: avatar.data, headers: { 'content-type': avatar.content_type, 'cache-control': 'max-age=3600' } };
}

/** A generated default avatar: the first letter of the handle on a colour derived from the id. */
function getDefaultAvatar(req: ApiRequest, ctx: RequestContext): Reply {
  const id = req.params.file!.replace(/\.svg$/, '');
  const org = ctx.store.orgs.byId(id);
  const user = org ? undefined : ctx.store.users.byId(id);
  const handle = org?.handle ?? user?.handle;
  if (!handle) throw new NotFound('no such identity');
  let hue = 0;
  for (const c of id) hue = (hue * 31 + c.charCodeAt(0)) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><rect width="96" height="96" fill="hsl(${hue},55%,45%)"/><text x="48" y="62" font-family="sans-serif" font-size="44" fill="#fff" text-anchor="middle">${handle[0]!.toUpperCase()}</text></svg>`;
  return { status: 200, body: svg, headers: { 'content-type': 'image/svg+xml' } };
}

export const controlRoutes: Route[] = [
  { method: 'POST', path: '/_emulator/reset', auth: false, handler: reset },
  { method: 'GET', path: '/_emulator/seed', auth: false, handler: seedInfo },
  { method: 'POST', path: '/_emulator/users', auth: false, handler: createUser },
  { method: 'POST', path: '/_emulator/orgs/:org/members', auth: false, handler: bulkMembers },
  { method: 'POST', path: '/_emulator/orgs/:org/members/:user/accept', auth: false, handler: acceptInvite },
  { method: 'POST', path: '/_emulator/faults', auth: false, handler: setFaults },
  { method: 'GET', path: '/_emulator/faults', auth: false, handler: getFaults },
  { method: 'GET', path: '/_emulator/requests', auth: false, handler: listRequests },
  { method: 'DELETE', path: '/_emulator/requests', auth: false, handler: clearRequests },
  { method: 'GET', path: '/_emulator/avatars/default/:file', auth: false, handler: getDefaultAvatar },
  { method: 'GET', path: '/_emulator/avatars/:key', auth: false, handler: getAvatar },
];
