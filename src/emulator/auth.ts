// Bearer-token authentication and the org access rules every /org/{h} route shares.
import type { IncomingHttpHeaders } from 'node:http';
import type { Actor, RequestContext } from './context';
import { Forbidden, NotFound, Unauthorized } from './errors';
import type { ApiRequest } from './http';
import type { Store } from './store';
import type { MemberRow, OrgRow } from './store/rows';

/** How many Authorization headers the cache remembers; a client sends the same one with every request. */
const CACHED_TOKENS = 256;

/**
 * Bearer-token authentication, remembering the caller behind each Authorization header seen
 * while no user or token has changed since (Store.callersChanged) and no other connection to
 * the file has committed: a run of requests with one token costs one lookup. Commits by other
 * connections are looked for once per turn of the event loop. Expiry is checked at every
 * request, against the clock.
 */
export class Authenticator {
  private readonly store: Store;
  private readonly known = new Map<string, Actor>();
  private knownAt = '';
  /** What Store.othersCommitted said in this turn of the event loop. */
  private othersThisTurn: number | undefined;
  private readonly newTurn = () => {
    this.othersThisTurn = undefined;
  };

  constructor(store: Store) {
    this.store = store;
  }

  authenticate(headers: IncomingHttpHeaders, now: number): Actor {
    const header = headers.authorization;
    if (!header) throw new Unauthorized('a token is required: send Authorization: Bearer <token>');
    if (this.othersThisTurn === undefined) {
      this.othersThisTurn = this.store.othersCommitted();
      setImmediate(this.newTurn);
    }
    const stamp = `${this.store.callersChanged()}/${this.othersThisTurn}`;
    if (stamp !== this.knownAt) {
      this.known.clear();
      this.knownAt = stamp;
    }
    let actor = this.known.get(header);
    if (actor === undefined) {
      actor = this.lookUp(header);
      if (this.known.size >= CACHED_TOKENS) this.known.clear();
      this.known.set(header, actor);
    }
    if (actor.token.expires_at !== null && actor.token.expires_at <= now) throw invalidToken();
    return actor;
  }

  /** Forget every caller: rows read inside a transaction that was then rolled back. */
  forget(): void {
    this.known.clear();
    this.knownAt = '';
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
