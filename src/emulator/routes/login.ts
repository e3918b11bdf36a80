// /login/token: the CLI login flow's API. A request starts `pending`; a signed-in browser
// confirms it (PATCH, or the page in login-page.ts) and is shown a 6-digit code; the CLI
// redeems the code for a temporary token valid 30 days. None of these need a token,
// except confirming, which is done as the signed-in user.
//
// Redeeming (GET with ?code=): 404 for an unknown or deleted request; 400 while the
// request is still pending, or when the code is wrong or malformed; 200 with `token` once
// confirmed and the code matches. Redeeming again with the right code answers the same
// token. GET without a code reports the state without the code or a token.
import type { RequestContext, Route } from '../context';
import { BadRequest, NotFound, Validation } from '../errors';
import { newLoginCode } from '../ids';
import { created, jsonBody, ok, type ApiRequest, type Reply } from '../http';
import { loginRequestRecord } from '../records';
import type { LoginRequestRow, UserRow } from '../store/rows';
import { requiredString } from './common';

export const TEMPORARY_TOKEN_DAYS = 30;
const DAY_MS = 86_400_000;

export function loginRequest(ctx: RequestContext, id: string): LoginRequestRow {
  const row = ctx.store.loginRequests.byId(id);
  if (!row) throw new NotFound(`login request '${id}' not found`);
  return row;
}

/** Confirm as `user`: the request gets a code (kept if that user already confirmed it). */
export function confirmLogin(ctx: RequestContext, row: LoginRequestRow, user: UserRow): LoginRequestRow {
  if (row.state === 'confirmed') {
    if (row.user_id !== user.id) throw new BadRequest('this login request was already confirmed by another user');
    return row;
  }
  return ctx.store.loginRequests.confirm(row.id, newLoginCode(), user.id, ctx.now());
}

function createRequest(req: ApiRequest, ctx: RequestContext): Reply {
  return created(loginRequestRecord(ctx.store.loginRequests.create(req.clientIp, ctx.now())));
}

function getRequest(req: ApiRequest, ctx: RequestContext): Reply {
  const row = loginRequest(ctx, req.params.id!);
  const code = req.query.get('code');
  if (code === null) return ok(loginRequestRecord(row));
  if (!/^\d{6}$/.test(code)) throw new Validation('query.code', 'must be the 6-digit code shown in the browser');
  if (row.state !== 'confirmed') throw new BadRequest('the login request has not been confirmed in the browser yet');
  if (code !== row.code) throw new Validation('query.code', 'does not match the code shown in the browser');
  const now = ctx.now();
  const token = ctx.store.transaction(() => {
    const existing = row.token_id ? ctx.store.tokens.byId(row.token_id) : undefined;
    if (existing) return existing;
    const made = ctx.store.tokens.create(
      { user_id: row.user_id!, token_type: 'temporary', title: 'CLI login', expires_at: now + TEMPORARY_TOKEN_DAYS * DAY_MS },
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
  const confirmed = confirmLogin(ctx, row, ctx.actor().user);
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
