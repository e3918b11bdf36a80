// /org/{h}/member: list and search members and invites, invite by handle or email, change
// roles, remove members and cancel or decline invites. An org always keeps an owner.
import { ORG_ROLES, type OrgRole } from '../../api/types';
import { ownedOrg, readableOrg, checkTokenNotRevoked } from '../auth';
import type { RequestContext, Route } from '../context';
import { Conflict, Forbidden, NotFound, Validation } from '../errors';
import { handleFromEmail } from '../handles';
import { created, jsonBody, noContent, ok, type ApiRequest, type Reply } from '../http';
import { orgUserRecord } from '../records';
import type { MemberWithUser, OrgRow, UserRow } from '../store/rows';
import { audit, checkIfMatch, listResponse, openInvitation, optionalString, pageQuery, requiredString } from './common';
import { checkEmail, checkHandle } from './validate';

const USER_ID = /^u_[0-9a-v]{20}$/;

function requiredRole(body: Record<string, unknown>): OrgRole {
  const role = requiredString(body, 'role');
  if (!(ORG_ROLES as readonly string[]).includes(role)) throw new Validation('body.role', `must be one of: ${ORG_ROLES.join(', ')}`);
  return role as OrgRole;
}

function memberOf(ctx: RequestContext, org: OrgRow, userHandle: string): MemberWithUser {
  const member = ctx.store.members.byHandle(org.id, userHandle);
  if (!member) throw new NotFound(`'${userHandle}' is not a member of '${org.handle}' and has no invitation to it`);
  return member;
}

/** Removing or demoting this member would leave the org without an accepted owner. */
function isLastOwner(ctx: RequestContext, member: MemberWithUser): boolean {
  return member.role === 'owner' && member.status === 'accepted' && ctx.store.members.acceptedOwnerCount(member.org_id) <= 1;
}

function listMembers(req: ApiRequest, ctx: RequestContext): Reply {
  const { org } = readableOrg(req, ctx);
  const q = req.query.get('q')?.trim() || undefined;
  const list = `members:${org.id}:${q ?? ''}`;
  const page = ctx.store.members.list(org.id, q, pageQuery(req, list));
  return ok(listResponse(page, list, (m) => orgUserRecord(ctx, m)));
}

function getMember(req: ApiRequest, ctx: RequestContext): Reply {
  const { org } = readableOrg(req, ctx);
  return ok(orgUserRecord(ctx, memberOf(ctx, org, req.params.user!)));
}

/** Direct adds exist only in custom (enterprise) tenants; the emulator is the public tenant. */
function addMember(req: ApiRequest, ctx: RequestContext): Reply {
  ownedOrg(req, ctx, 'add members');
  throw new Forbidden('adding members directly is only available in custom tenants; invite them with POST /org/{org_handle}/member/invite');
}

function inviteMember(req: ApiRequest, ctx: RequestContext): Reply {
  const body = jsonBody(req);
  const { org, actor } = ownedOrg(req, ctx, 'invite members');
  const role = requiredRole(body);
  const handle = optionalString(body, 'handle');
  const email = optionalString(body, 'email')?.trim();
  if ((handle === undefined) === (email === undefined)) throw new Validation('body', 'give exactly one of handle or email');
  if (email !== undefined) checkEmail('body.email', email);
  if (handle !== undefined && !USER_ID.test(handle)) checkHandle('body.handle', handle);
  const now = ctx.now();

  // The request runs in one transaction (app.ts): every lookup here is made once.
  let user: UserRow | undefined;
  if (handle !== undefined) {
    user = USER_ID.test(handle) ? ctx.store.users.byId(handle) : ctx.store.users.byHandle(handle);
    if (!user) throw new NotFound(`no user has the handle '${handle}'`);
  } else {
    user = ctx.store.users.byEmail(email!);
    if (!user) {
      const newHandle = handleFromEmail(email!, {
        inUse: (h) => ctx.store.users.handleInUse(h),
        highestSuffix: (stem) => ctx.store.users.highestSuffix(stem),
      });
      user = ctx.store.users.create({ handle: newHandle, email, display_name: email, status: 'pending' }, now, { checked: true });
    }
  }
  const row = ctx.store.members.tryAdd({ org_id: org.id, user_id: user.id, role, status: 'invited' }, actor.user.id, now);
  if (!row) {
    const existing = ctx.store.members.forUser(org.id, user.id);
    const what = existing?.status === 'invited' ? 'already has an invitation to' : 'is already a member of';
    throw new Conflict(`'${user.handle}' ${what} '${org.handle}'`);
  }
  audit(ctx, req, actor, org, 'org.member.invite', { id: user.id, handle: user.handle }, { role, ...(email ? { email } : {}) });
  const member: MemberWithUser = { ...row, user };
  return created(orgUserRecord(ctx, member));
}

function updateMember(req: ApiRequest, ctx: RequestContext): Reply {
  const body = jsonBody(req);
  const { org, actor } = ownedOrg(req, ctx, 'change member roles');
  const role = requiredRole(body);
  const member = memberOf(ctx, org, req.params.user!);
  checkIfMatch(req, member.version_id);
  if (role !== 'owner' && isLastOwner(ctx, member)) {
    throw new Conflict(`'${member.user.handle}' is the last owner of '${org.handle}'; make someone else an owner first`);
  }
  const updated = ctx.store.transaction(() => {
    const row = ctx.store.members.updateRole(member.id, role, actor.user.id, ctx.now());
    audit(ctx, req, actor, org, 'org.member.update', { id: member.user_id, handle: member.user.handle }, { role, previous_role: member.role });
    return row;
  });
  return ok(orgUserRecord(ctx, updated));
}

function removeMember(req: ApiRequest, ctx: RequestContext): Reply {
  const { org, actor } = ownedOrg(req, ctx, 'remove members');
  const member = memberOf(ctx, org, req.params.user!);
  checkIfMatch(req, member.version_id);
  if (isLastOwner(ctx, member)) {
    throw new Conflict(`'${member.user.handle}' is the last owner of '${org.handle}'; make someone else an owner first`);
  }
  ctx.store.transaction(() => {
    ctx.store.members.remove(member.id);
    const action = member.status === 'invited' ? 'org.member.invite.cancel' : 'org.member.remove';
    audit(ctx, req, actor, org, action, { id: member.user_id, handle: member.user.handle }, { role: member.role, status: member.status });
  });
  return ok(orgUserRecord(ctx, member));
}

/**
 * DELETE /org/{h}/member/invite?t=<invitation id>: the invited user declines, or an owner
 * cancels. `t` is the OrgUser id of the invitation (the service mails a token; the
 * emulator sends no mail).
 */
function declineInvite(req: ApiRequest, ctx: RequestContext): Reply {
  const actor = ctx.actor();
  const { org, invite } = openInvitation(req, ctx);
  if (invite.user_id !== actor.user.id) {
    const caller = ctx.store.members.forUser(org.id, actor.user.id);
    if (!caller || caller.status !== 'accepted') throw new NotFound(`org '${org.handle}' not found`);
    checkTokenNotRevoked(org, actor);
    if (caller.role !== 'owner') throw new Forbidden(`the owner role is required to cancel invitations to '${org.handle}'`);
  }
  ctx.store.transaction(() => {
    ctx.store.members.remove(invite.id);
    const action = invite.user_id === actor.user.id ? 'org.member.invite.decline' : 'org.member.invite.cancel';
    audit(ctx, req, actor, org, action, { id: invite.user_id, handle: invite.user.handle }, { role: invite.role });
  });
  return noContent();
}

export const memberRoutes: Route[] = [
  { method: 'GET', path: '/api/v0/org/:org/member', auth: true, handler: listMembers },
  { method: 'POST', path: '/api/v0/org/:org/member', auth: true, handler: addMember },
  { method: 'POST', path: '/api/v0/org/:org/member/invite', auth: true, handler: inviteMember },
  { method: 'DELETE', path: '/api/v0/org/:org/member/invite', auth: true, handler: declineInvite },
  { method: 'GET', path: '/api/v0/org/:org/member/:user', auth: true, handler: getMember },
  { method: 'PATCH', path: '/api/v0/org/:org/member/:user', auth: true, handler: updateMember },
  { method: 'DELETE', path: '/api/v0/org/:org/member/:user', auth: true, handler: removeMember },
];
