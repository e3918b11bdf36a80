// GET /org/{h}/member/invite/confirm?t=<invitation id>: the invited user accepts. `t` is the
// OrgUser id of the invitation (as for declining), which the invitee also finds in
// GET /actor/org/invite; only the invitee may confirm it.
import { checkTokenNotRevoked } from '../auth';
import type { RequestContext, Route } from '../context';
import { Forbidden, NotFound, Validation } from '../errors';
import { created, type ApiRequest, type Reply } from '../http';
import { orgUserRecord } from '../records';
import { audit } from './common';

function confirmInvite(req: ApiRequest, ctx: RequestContext): Reply {
  const actor = ctx.actor();
  const t = req.query.get('t');
  if (!t) throw new Validation('query.t', 'is required');
  const org = ctx.store.orgs.liveByHandle(req.params.org!);
  if (!org) throw new NotFound(`org '${req.params.org}' not found`);
  const invite = ctx.store.members.byId(t);
  if (!invite || invite.org_id !== org.id || invite.status !== 'invited') {
    throw new Validation('query.t', `is not an open invitation to '${org.handle}'`);
  }
  if (invite.user_id !== actor.user.id) throw new Forbidden(`the invitation to '${org.handle}' is for another user`);
  checkTokenNotRevoked(org, actor);
  const accepted = ctx.store.transaction(() => {
    const row = ctx.store.members.accept(invite.id, ctx.now());
    audit(ctx, req, actor, org, 'org.member.invite.accept', { id: invite.user_id, handle: invite.user.handle }, { role: invite.role });
    return row;
  });
  return created(orgUserRecord(ctx, accepted));
}

export const inviteConfirmRoutes: Route[] = [
  { method: 'GET', path: '/api/v0/org/:org/member/invite/confirm', auth: true, handler: confirmInvite },
];
