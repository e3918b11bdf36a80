// The debug trace and the errors must never show a token: not the one the client sends, not
// one the server hands back (login redeem), not one echoed in an error page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPipesApi } from '../../src/api/index';
import { reply, startTestServer, type TestServer } from '../helpers/http-server';
import { failure, TEST_TOKEN } from './support';

const NEW_TOKEN = 'tpt_n3wtemporarytoken0987654321zyxwvu';
const CODE = '482913';
const REQUEST_ID = 'spttr_cs5pj1hjiqa0gv25d2lg_3kcvvsk6mqv0qa0ti4cgwmmnct';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((req) => {
    if (req.path === `/api/v0/login/token/${REQUEST_ID}`) {
      return reply.json(200, { id: REQUEST_ID, state: 'confirmed', client_ip: '127.0.0.1', code: CODE, created_at: '2026-01-01T00:00:00Z', token: NEW_TOKEN });
    }
    if (req.path === '/api/v0/actor') {
      // A misbehaving proxy that echoes the request headers into its error page.
      return reply.raw(502, `<pre>bad gateway; you sent authorization: ${req.headers.authorization}</pre>`, { 'content-type': 'text/html' });
    }
    if (req.path === '/api/v0/org') {
      // Truncated JSON that still carries a token.
      return reply.raw(200, `{"handle":"acme","token":"${NEW_TOKEN}","display_name":"Ac`, { 'content-type': 'application/json' });
    }
    return reply.json(200, { items: [{ id: 'o_1' }], next_token: 'cursor-1' });
  });
});
afterAll(() => server.close());

it('traces requests and responses with every token, code and authorization redacted', async () => {
  const trace: string[] = [];
  const api = createPipesApi({
    baseUrl: `${server.url}/api/v0`,
    token: TEST_TOKEN,
    userAgent: 'pipesctl/test',
    maxRetries: 1,
    sleep: async () => {},
    random: () => 0,
    debug: (line) => void trace.push(line),
  });

  const redeemed = await api.login.redeem(REQUEST_ID, CODE);
  // The caller needs the token; only the trace hides it.
  expect(redeemed.token).toBe(NEW_TOKEN);

  const actorError = await failure(api.actor.get());
  const orgError = await failure(api.orgs.create({ handle: 'acme' }));
  await api.orgs.update('acme', { display_name: 'Acme' }, { ifMatch: 2 }).catch(() => undefined);
  await api.close();

  const text = trace.join('\n');
  for (const secret of [TEST_TOKEN, NEW_TOKEN, CODE, TEST_TOKEN.slice(4), NEW_TOKEN.slice(4)]) {
    expect(text).not.toContain(secret);
    for (const err of [actorError, orgError]) {
      expect(err.message).not.toContain(secret);
      expect(JSON.stringify(err)).not.toContain(secret);
      expect(String(err.stack)).not.toContain(secret);
    }
  }

  expect(trace).toContain(`> GET ${server.url}/api/v0/login/token/${REQUEST_ID}?code=****`);
  expect(trace).toContain('> authorization: Bearer ****');
  expect(trace).toContain('> user-agent: pipesctl/test');
  expect(trace).toContain('> if-match: 2');
  expect(trace).toContain('> {"display_name":"Acme"}');
  expect(trace.some((l) => /^< 200 OK \d+ms$/.test(l))).toBe(true);
  expect(trace.some((l) => l.startsWith('< {"id":"spttr_') && l.includes('"code":"****"') && l.includes('"token":"****"'))).toBe(true);
  expect(trace.some((l) => l.startsWith('* 502 Bad Gateway: retrying GET /actor in 0ms (attempt 2 of 2)'))).toBe(true);
  // The login request carried no token at all.
  expect(server.requests[0]!.headers.authorization).toBeUndefined();
  expect(actorError.message).toBe('HTTP 502 Bad Gateway');
});
