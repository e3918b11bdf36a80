// GET /org/{h}/member/invite/confirm?t=<invitation id>: the invited user accepts. `t` is the
// OrgUser id of the invitation (as for declining), which the invitee also finds in
// GET /actor/org/invite; only the invitee may confirm it.
import { checkTokenNotRevoked } from '../auth';
import type { RequestContext, Route } from '../context';
import { Forbidden } from '../errors';
import { created, type ApiRequest, type Reply } from '../http';
import { orgUserRecord } from '../records';
import { audit, openInvitation } from './common';

function confirmInvite(req: ApiRequest, ctx: RequestContext): Reply {
  const actor = ctx.actor();
  const { org, invite } = openInvitation(req, ctx);
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
