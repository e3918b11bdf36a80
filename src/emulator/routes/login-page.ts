// The browser side of the login flow, outside /api/v0 as on the real host:
// GET /login/token?r={id} shows a page signed in as demo (or ?as=<handle>) with a Verify
// button; pressing it (a plain form POST) confirms the request and shows the 6-digit code
// in the element with id="code".
import type { RequestContext, Route } from '../context';
import { EmulatorError, NotFound } from '../errors';
import { html, type ApiRequest, type Reply } from '../http';
import type { UserRow } from '../store/rows';
import { confirmLogin, loginRequest } from './login';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · pipes-emulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}
#code{font:700 2.5rem/1.2 ui-monospace,monospace;letter-spacing:.3rem}button{font-size:1rem;padding:.5rem 1.5rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}

function signedInUser(req: ApiRequest, ctx: RequestContext): UserRow {
  const handle = req.query.get('as') || 'demo';
  const user = ctx.store.users.byHandle(handle);
  if (!user) throw new NotFound(`no user has the handle '${handle}'`);
  return user;
}

function errorPage(err: unknown): Reply {
  if (!(err instanceof EmulatorError)) throw err;
  return html(err.status, page('Login request', `<p role="alert">${escapeHtml(err.message)}</p>`));
}

function showRequest(req: ApiRequest, ctx: RequestContext): Reply {
  try {
    const id = req.query.get('r');
    if (!id) throw new NotFound('this page needs a login request: open the link the CLI printed');
    const row = loginRequest(ctx, id);
    const user = signedInUser(req, ctx);
    const action = `/login/token?${new URLSearchParams({ r: id, as: user.handle }).toString()}`;
    const who = `<p>Signed in as <strong id="user">${escapeHtml(user.handle)}</strong>.</p>`;
    if (row.state === 'confirmed' && row.user_id === user.id) {
      return html(200, page('Login confirmed', `${who}<p>Enter this code in your terminal:</p><p id="code">${row.code}</p>`));
    }
    return html(
      200,
      page(
        'Confirm CLI login',
        `${who}<p>A command-line tool on ${escapeHtml(row.client_ip)} asked to sign in to Pipes as you.</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit" id="verify">Verify</button></form>`,
      ),
    );
  } catch (err) {
    return errorPage(err);
  }
}

function verifyRequest(req: ApiRequest, ctx: RequestContext): Reply {
  try {
    const id = req.query.get('r');
    if (!id) throw new NotFound('this page needs a login request: open the link the CLI printed');
    const user = signedInUser(req, ctx);
    const row = confirmLogin(ctx, loginRequest(ctx, id), user, null);
    return html(
      200,
      page(
        'Login confirmed',
        `<p>Signed in as <strong id="user">${escapeHtml(user.handle)}</strong>.</p><p>Enter this code in your terminal:</p><p id="code">${row.code}</p>`,
      ),
    );
  } catch (err) {
    return errorPage(err);
  }
}

export const loginPageRoutes: Route[] = [
  { method: 'GET', path: '/login/token', auth: false, handler: showRequest },
  { method: 'POST', path: '/login/token', auth: false, body: 'form', handler: verifyRequest },
];
