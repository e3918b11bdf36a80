// /login/token: the CLI login flow's API. A request starts `pending`; a signed-in browser
// confirms it (PATCH, or the page in login-page.ts) and is shown a 6-digit code; the CLI
// redeems the code for a temporary token valid 30 days. None of these need a token,
// except confirming, which is done as the signed-in user.
//
// Redeeming (GET with ?code=): 404 for an unknown or deleted request; 400 while the
// request is still pending, or when the code is wrong or malformed; 200 with `token` once
// confirmed and the code matches. A code redeems once. After 5 wrong codes the request is
// void (`state: expired`) and every redeem is 400: six digits cannot be guessed in 5 tries.
// GET without a code reports the state without the code or a token.
//
// The token a login issues carries the issue time of the authority that confirmed it (the
// token sent with the PATCH), so an org's reset (token_min_issued_at) cannot be escaped by
// confirming a new login with an old token.
import type { RequestContext, Route } from '../context';
import { BadRequest, NotFound, Validation } from '../errors';
import { newLoginCode } from '../ids';
import { created, jsonBody, ok, type ApiRequest, type Reply } from '../http';
import { loginRequestRecord } from '../records';
import type { LoginRequestRow, UserRow } from '../store/rows';
import { requiredString } from './common';

export const TEMPORARY_TOKEN_DAYS = 30;
/** Wrong codes after which a login request is void. */
export const MAX_WRONG_CODES = 5;
const DAY_MS = 86_400_000;

export function loginRequest(ctx: RequestContext, id: string): LoginRequestRow {
  const row = ctx.store.loginRequests.byId(id);
  if (!row) throw new NotFound(`login request '${id}' not found`);
  return row;
}

/**
 * Confirm as `user`: the request gets a code (kept if that user already confirmed it).
 * `authIssuedAt`: the issue time of the confirming token; null for the browser page's session.
 */
export function confirmLogin(ctx: RequestContext, row: LoginRequestRow, user: UserRow, authIssuedAt: number | null): LoginRequestRow {
  if (row.state === 'expired') throw new BadRequest('this login request is void after too many wrong codes; start a new login');
  if (row.token_id !== null) throw new BadRequest('this login request has already been used; start a new login');
  if (row.state === 'confirmed') {
    if (row.user_id !== user.id) throw new BadRequest('this login request was already confirmed by another user');
    return row;
  }
  return ctx.store.loginRequests.confirm(row.id, newLoginCode(), user.id, authIssuedAt, ctx.now());
}

function createRequest(req: ApiRequest, ctx: RequestContext): Reply {
  return created(loginRequestRecord(ctx.store.loginRequests.create(req.clientIp, ctx.now())));
}

function getRequest(req: ApiRequest, ctx: RequestContext): Reply {
  const row = loginRequest(ctx, req.params.id!);
  const code = req.query.get('code');
  if (code === null) return ok(loginRequestRecord(row));
  if (!/^\d{6}$/.test(code)) throw new Validation('query.code', 'must be the 6-digit code shown in the browser');
  if (row.state === 'expired') throw new BadRequest('this login request is void after too many wrong codes; start a new login');
  if (row.state !== 'confirmed') throw new BadRequest('the login request has not been confirmed in the browser yet');
  if (row.token_id !== null) throw new BadRequest('this code has already been used; start a new login');
  const now = ctx.now();
  if (code !== row.code) {
    // GET handlers run outside a request transaction, so the count stays although the answer is an error.
    const failed = ctx.store.loginRequests.fail(row.id, MAX_WRONG_CODES, now);
    const left = MAX_WRONG_CODES - failed.failed_attempts;
    throw new Validation(
      'query.code',
      left > 0 ? `does not match the code shown in the browser (${left} ${left === 1 ? 'try' : 'tries'} left)` : 'does not match; the login request is now void, start a new login',
    );
  }
  const token = ctx.store.transaction(() => {
    const made = ctx.store.tokens.create(
      {
        user_id: row.user_id!,
        token_type: 'temporary',
        title: 'CLI login',
        expires_at: now + TEMPORARY_TOKEN_DAYS * DAY_MS,
        issued_at: row.auth_issued_at ?? now,
      },
      row.user_id!,
      now,
    );
    ctx.store.loginRequests.setToken(row.id, made.id, now);
    return made;
  });
  return ok(loginRequestRecord(ctx.store.loginRequests.byId(row.id)!, { code, token: token.secret }));
}

function updateRequest(req: ApiRequest, ctx: RequestContext): Reply {
  const body = jsonBody(req);
  const state = requiredString(body, 'state');
  if (state !== 'pending' && state !== 'confirmed') throw new Validation('body.state', 'must be one of: pending, confirmed');
  const row = loginRequest(ctx, req.params.id!);
  if (state === 'pending') {
    if (row.state !== 'pending') throw new BadRequest('a confirmed login request cannot go back to pending');
    return ok(loginRequestRecord(row));
  }
  const actor = ctx.actor();
  const confirmed = confirmLogin(ctx, row, actor.user, actor.token.issued_at);
  return ok(loginRequestRecord(confirmed, { code: confirmed.code! }));
}

function deleteRequest(req: ApiRequest, ctx: RequestContext): Reply {
  const row = loginRequest(ctx, req.params.id!);
  ctx.store.loginRequests.delete(row.id);
  return ok(loginRequestRecord(row));
}

export const loginRoutes: Route[] = [
  { method: 'POST', path: '/api/v0/login/token', auth: false, handler: createRequest },
  { method: 'GET', path: '/api/v0/login/token/:id', auth: false, handler: getRequest },
  { method: 'PATCH', path: '/api/v0/login/token/:id', auth: false, handler: updateRequest },
  { method: 'DELETE', path: '/api/v0/login/token/:id', auth: false, handler: deleteRequest },
];
