// /user/{h}/token: a user's API tokens. Only the user may see or manage their tokens
// (403 for anyone else). At most 2 user tokens per user, as the contract says; temporary
// login tokens are listed but do not count.
import type { RequestContext, Route } from '../context';
import { BadRequest, Forbidden, NotFound, Validation } from '../errors';
import { created, jsonBody, ok, type ApiRequest, type Reply } from '../http';
import { tokenRecord } from '../records';
import type { TokenRow } from '../store/rows';
import { checkIfMatch, listResponse, optionalString, pageQuery, requiredString } from './common';
import { checkText } from './validate';

export const MAX_USER_TOKENS = 2;

function ownUser(req: ApiRequest, ctx: RequestContext) {
  const actor = ctx.actor();
  if (req.params.user !== actor.user.handle) throw new Forbidden('tokens can only be listed and managed by the user they belong to');
  return actor;
}

function ownToken(req: ApiRequest, ctx: RequestContext): { token: TokenRow; userId: string } {
  const { user } = ownUser(req, ctx);
  const token = ctx.store.tokens.byId(req.params.token!);
  if (!token || token.user_id !== user.id) throw new NotFound(`token '${req.params.token}' not found`);
  return { token, userId: user.id };
}

function listTokens(req: ApiRequest, ctx: RequestContext): Reply {
  const { user } = ownUser(req, ctx);
  const list = `tokens:${user.id}`;
  const page = ctx.store.tokens.listForUser(user.id, pageQuery(req, list));
  return ok(listResponse(page, list, tokenRecord));
}

/** The answer carries the secret (`token`) this once; later reads show only `last4`. */
function createToken(req: ApiRequest, ctx: RequestContext): Reply {
  const { user, token: parent } = ownUser(req, ctx);
  const body = jsonBody(req, { optional: true });
  const title = optionalString(body, 'title');
  if (title !== undefined) checkText('body.title', title);
  if (ctx.store.tokens.userTokenCount(user.id) >= MAX_USER_TOKENS) {
    throw new BadRequest(`a user may have at most ${MAX_USER_TOKENS} tokens; delete one first`);
  }
  // The new token carries the issue time of the token that made it: an org reset before then covers it too.
  const token = ctx.store.tokens.create({ user_id: user.id, token_type: 'user', title, issued_at: parent.issued_at }, user.id, ctx.now());
  return created({ ...tokenRecord(token), token: token.secret });
}

function getToken(req: ApiRequest, ctx: RequestContext): Reply {
  return ok(tokenRecord(ownToken(req, ctx).token));
}

function updateToken(req: ApiRequest, ctx: RequestContext): Reply {
  const body = jsonBody(req);
  const { token, userId } = ownToken(req, ctx);
  checkIfMatch(req, token.version_id);
  const status = requiredString(body, 'status');
  if (status !== 'active' && status !== 'inactive') throw new Validation('body.status', 'must be one of: active, inactive');
  const title = optionalString(body, 'title') ?? token.title;
  if (title !== null) checkText('body.title', title);
  const description = optionalString(body, 'description') ?? token.description;
  if (description !== null) checkText('body.description', description, 1024);
  return ok(tokenRecord(ctx.store.tokens.update(token.id, { status, title, description }, userId, ctx.now())));
}

function deleteToken(req: ApiRequest, ctx: RequestContext): Reply {
  const { token, userId } = ownToken(req, ctx);
  checkIfMatch(req, token.version_id);
  return ok(tokenRecord(ctx.store.tokens.delete(token.id, userId, ctx.now())));
}

export const tokenRoutes: Route[] = [
  { method: 'GET', path: '/api/v0/user/:user/token', auth: true, handler: listTokens },
  { method: 'POST', path: '/api/v0/user/:user/token', auth: true, handler: createToken },
  { method: 'GET', path: '/api/v0/user/:user/token/:token', auth: true, handler: getToken },
  { method: 'PATCH', path: '/api/v0/user/:user/token/:token', auth: true, handler: updateToken },
  { method: 'DELETE', path: '/api/v0/user/:user/token/:token', auth: true, handler: deleteToken },
];
