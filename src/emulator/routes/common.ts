// Helpers every resource's handlers share: paging parameters, If-Match, body fields, audit.
import { LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX, type ListResponse } from '../../api/types';
import type { Actor, RequestContext } from '../context';
import { NotFound, PreconditionFailed, Validation } from '../errors';
import type { ApiRequest } from '../http';
import type { Page, PageKey, PageQuery } from '../store/paging';
import type { MemberWithUser, OrgRow } from '../store/rows';

/**
 * `limit` (1..100, default 25) and `next_token`. The token is opaque to clients; it carries
 * the list it belongs to, so a token from another list is rejected (400) rather than misread.
 */
export function pageQuery(req: ApiRequest, list: string): PageQuery {
  const rawLimit = req.query.get('limit');
  let limit = LIST_LIMIT_DEFAULT;
  if (rawLimit !== null) {
    limit = /^\d{1,4}$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(limit >= 1 && limit <= LIST_LIMIT_MAX)) throw new Validation('query.limit', `must be an integer from 1 to ${LIST_LIMIT_MAX}`);
  }
  const token = req.query.get('next_token');
  if (token === null || token === '') return { limit, after: null };
  return { limit, after: decodeNextToken(token, list) };
}

function decodeNextToken(token: string, list: string): PageKey {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { l?: unknown; k?: unknown };
    const key = decoded.k;
    if (decoded.l === list && Array.isArray(key) && key.length > 0 && key.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return key as PageKey;
    }
  } catch {
    // fall through to the validation error
  }
  throw new Validation('query.next_token', 'is not a next_token this list returned');
}

export function listResponse<T, R>(page: Page<T>, list: string, render: (row: T) => R): ListResponse<R> {
  const body: ListResponse<R> = { items: page.rows.map(render) };
  if (page.next) body.next_token = Buffer.from(JSON.stringify({ l: list, k: page.next })).toString('base64url');
  return body;
}

/** 412 when the request's If-Match names another version than the record's current one. */
export function checkIfMatch(req: ApiRequest, currentVersion: number): void {
  const header = req.headers['if-match'];
  if (header === undefined) return;
  const wanted = header.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  if (wanted === '*' || wanted === String(currentVersion)) return;
  throw new PreconditionFailed(`the record is at version_id ${currentVersion}, not ${wanted}`);
}

/** An optional string field of a JSON body (400 when present with another type). */
export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Validation(`body.${field}`, 'must be a string');
  return value;
}

export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined) throw new Validation(`body.${field}`, 'is required');
  return value;
}

export function optionalEnum<T extends string>(body: Record<string, unknown>, field: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(body, field);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new Validation(`body.${field}`, `must be one of: ${allowed.join(', ')}`);
  return value as T;
}

export function optionalInteger(body: Record<string, unknown>, field: string, min = 0): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new Validation(`body.${field}`, `must be an integer of at least ${min}`);
  }
  return value;
}

/** Record an org mutation in the org's audit log. */
export function audit(
  ctx: RequestContext,
  req: ApiRequest,
  actor: Actor,
  org: OrgRow,
  action: string,
  target: { id: string; handle: string } | null,
  data: Record<string, unknown>,
): void {
  ctx.store.audit.record({
    org_id: org.id,
    action_type: action,
    actor_id: actor.user.id,
    actor_handle: actor.user.handle,
    actor_display_name: actor.user.display_name ?? actor.user.handle,
    actor_ip: req.clientIp,
    target_id: target?.id ?? null,
    target_handle: target?.handle ?? null,
    data,
    created_at: ctx.now(),
  });
}

/**
 * The open invitation `?t=<invitation id>` names in the org of the path (GET …/invite/confirm,
 * DELETE …/invite): 400 when `t` is missing or names no open invitation to that org.
 */
export function openInvitation(req: ApiRequest, ctx: RequestContext): { org: OrgRow; invite: MemberWithUser } {
  const t = req.query.get('t');
  if (!t) throw new Validation('query.t', 'is required');
  const org = ctx.store.orgs.liveByHandle(req.params.org!);
  if (!org) throw new NotFound(`org '${req.params.org}' not found`);
  const invite = ctx.store.members.byId(t);
  if (!invite || invite.org_id !== org.id || invite.status !== 'invited') {
    throw new Validation('query.t', `is not an open invitation to '${org.handle}'`);
  }
  return { org, invite };
}
