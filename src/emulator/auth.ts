// Bearer-token authentication and the org access rules every /org/{h} route shares.
import type { IncomingHttpHeaders } from 'node:http';
import type { Actor, RequestContext } from './context';
import { Forbidden, NotFound, Unauthorized } from './errors';
import type { ApiRequest } from './http';
import type { Store } from './store';
import type { MemberRow, OrgRow } from './store/rows';

/**
 * Bearer-token authentication. The caller behind an Authorization header is kept between
 * requests (Store.reads: until a user or token changes), so a run of requests with one token
 * costs one lookup; expiry is checked at every request, against the clock.
 */
export class Authenticator {
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  authenticate(headers: IncomingHttpHeaders, now: number): Actor {
    const header = headers.authorization;
    if (!header) throw new Unauthorized('a token is required: send Authorization: Bearer <token>');
    const actor = this.store.reads.remember(`caller\0${header}`, () => this.lookUp(header))!;
    if (actor.token.expires_at !== null && actor.token.expires_at <= now) throw invalidToken();
    return actor;
  }

  private lookUp(header: string): Actor {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new Unauthorized('the Authorization header must be "Bearer <token>"');
    const found = this.store.tokens.withUser(match[1]!);
    if (!found || found.token.status !== 'active') throw invalidToken();
    return found;
  }
}

function invalidToken(): Unauthorized {
  return new Unauthorized('the token is not valid, or has expired or been revoked');
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
  // Kept only when the caller has a membership: a new one (an INSERT) would change the answer.
  const found = ctx.store.reads.remember(`org\0${handle}\0${actor.user.id}`, () => {
    const read = ctx.store.orgs.liveWithMember(handle, actor.user.id);
    return read?.member ? read : undefined;
  });
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
