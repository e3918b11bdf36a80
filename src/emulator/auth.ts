// Bearer-token authentication and the org access rules every /org/{h} route shares.
import type { IncomingHttpHeaders } from 'node:http';
import type { Actor, RequestContext } from './context';
import { Forbidden, NotFound, Unauthorized } from './errors';
import type { ApiRequest } from './http';
import type { Store } from './store';
import type { MemberRow, OrgRow } from './store/rows';

export function authenticate(store: Store, headers: IncomingHttpHeaders, now: number): Actor {
  const header = headers.authorization;
  if (!header) throw new Unauthorized('a token is required: send Authorization: Bearer <token>');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new Unauthorized('the Authorization header must be "Bearer <token>"');
  const found = store.tokens.withUser(match[1]!);
  const token = found?.token;
  if (!found || !token || token.status !== 'active' || (token.expires_at !== null && token.expires_at <= now)) {
    throw new Unauthorized('the token is not valid, or has expired or been revoked');
  }
  return found;
}

export interface OrgAccess {
  org: OrgRow;
  member: MemberRow;
  actor: Actor;
}

/**
 * The org named by the `:org` path parameter, if the caller may read it: accepted members
 * only (anyone else gets 404, so org names do not leak), with a token issued at or after the
 * org's token_min_issued_at (401 otherwise).
 */
export function readableOrg(req: ApiRequest, ctx: RequestContext): OrgAccess {
  const actor = ctx.actor();
  const handle = req.params.org!;
  const found = ctx.store.orgs.liveWithMember(handle, actor.user.id);
  const org = found?.org;
  const member = found?.member;
  if (!org || !member || member.status !== 'accepted') throw new NotFound(`org '${handle}' not found`);
  checkTokenNotRevoked(org, actor);
  return { org, member, actor };
}

/** As readableOrg, and the caller must be an owner (403 otherwise); `action` words the error. */
export function ownedOrg(req: ApiRequest, ctx: RequestContext, action: string): OrgAccess {
  const access = readableOrg(req, ctx);
  if (access.member.role !== 'owner') {
    throw new Forbidden(`the owner role is required to ${action}; '${access.actor.user.handle}' is a ${access.member.role} of '${access.org.handle}'`);
  }
  return access;
}

export function checkTokenNotRevoked(org: OrgRow, actor: Actor): void {
  if (org.token_min_issued_at !== null && actor.token.issued_at < org.token_min_issued_at) {
    throw new Unauthorized(`the token was issued before the authentication of '${org.handle}' was reset; log in again`);
  }
}
