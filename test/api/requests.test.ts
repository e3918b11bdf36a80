// Each resource method sends exactly the request the API document describes: method, path
// (segments encoded), query, body and headers.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPipesApi } from '../../src/api/index';
import { reply, startTestServer, type RecordedRequest, type TestServer } from '../helpers/http-server';
import { TEST_TOKEN } from './support';

let server: TestServer;
let api: ReturnType<typeof createPipesApi>;

/** Answers like the API would in shape: a list for list paths, a record otherwise. */
function answer(req: RecordedRequest) {
  if (req.method === 'POST') return reply.json(201, { id: 'x' });
  if (/\/(org|member|workspace|usage|invoice|invite)$/.test(req.path) && req.method === 'GET') return reply.json(200, { items: [{ id: 'i1' }] });
  if (req.path.endsWith('/subscription')) return reply.json(200, { items: [{ id: 'sub_1' }] });
  return reply.json(200, { id: 'x' });
}

beforeAll(async () => {
  server = await startTestServer(answer);
  api = createPipesApi({ baseUrl: `${server.url}/api/v0`, token: TEST_TOKEN, userAgent: 'pipesctl/test' });
});
afterAll(async () => {
  await api.close();
  await server.close();
});
afterEach(() => {
  server.requests.length = 0;
});

async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function sent(): { method: string; url: string; body?: unknown; ifMatch?: string; auth: boolean } {
  expect(server.requests).toHaveLength(1);
  const r = server.requests[0]!;
  return {
    method: r.method,
    url: r.url,
    ...(r.body.length && r.headers['content-type'] === 'application/json' ? { body: JSON.parse(r.body.toString()) } : {}),
    ...(r.headers['if-match'] ? { ifMatch: r.headers['if-match'] as string } : {}),
    auth: r.headers.authorization === `Bearer ${TEST_TOKEN}`,
  };
}

describe('actor', () => {
  it('get', async () => {
    await api.actor.get();
    expect(sent()).toEqual({ method: 'GET', url: '/api/v0/actor', auth: true });
  });
  it('listOrgs', async () => {
    expect(await drain(api.actor.listOrgs())).toEqual([{ id: 'i1' }]);
    expect(sent()).toEqual({ method: 'GET', url: '/api/v0/actor/org?limit=100', auth: true });
  });
  it('listOrgInvites', async () => {
    await drain(api.actor.listOrgInvites());
    expect(sent()).toEqual({ method: 'GET', url: '/api/v0/actor/org/invite?limit=100', auth: true });
  });
});

describe('orgs', () => {
  it('get encodes the handle as one path segment', async () => {
    await api.orgs.get('a/b?c');
    expect(sent().url).toBe('/api/v0/org/a%2Fb%3Fc');
  });
  it('create', async () => {
    await api.orgs.create({ handle: 'acme', display_name: 'Acme' });
    expect(sent()).toEqual({ method: 'POST', url: '/api/v0/org', body: { handle: 'acme', display_name: 'Acme' }, auth: true });
  });
  it('update with If-Match', async () => {
    await api.orgs.update('acme', { token_min_issued_at: '2026-01-01T00:00:00Z' }, { ifMatch: 7 });
    expect(sent()).toEqual({ method: 'PATCH', url: '/api/v0/org/acme', body: { token_min_issued_at: '2026-01-01T00:00:00Z' }, ifMatch: '7', auth: true });
  });
  it('delete, and a 204 answer', async () => {
    server.setHandler(() => reply.empty(204));
    expect(await api.orgs.delete('acme', { ifMatch: 3 })).toBeUndefined();
    expect(sent()).toEqual({ method: 'DELETE', url: '/api/v0/org/acme', ifMatch: '3', auth: true });
    server.setHandler(answer);
  });
  it('setAvatar sends multipart/form-data with the file in field "avatar"', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await api.orgs.setAvatar('acme', { name: 'logo.png', type: 'image/png', data: png });
    const r = server.requests[0]!;
    expect(r.method).toBe('POST');
    expect(r.url).toBe('/api/v0/org/acme/avatar');
    const type = String(r.headers['content-type']);
    expect(type).toMatch(/^multipart\/form-data; boundary=/);
    const body = r.body.toString('latin1');
    expect(body).toContain('Content-Disposition: form-data; name="avatar"; filename="logo.png"');
    expect(body).toContain('Content-Type: image/png');
    expect(r.body.includes(Buffer.from(png))).toBe(true);
  });
  it('deleteAvatar', async () => {
    await api.orgs.deleteAvatar('acme');
    expect(sent()).toEqual({ method: 'DELETE', url: '/api/v0/org/acme/avatar', auth: true });
  });
  it('listWorkspaces', async () => {
    await drain(api.orgs.listWorkspaces('acme'));
    expect(sent().url).toBe('/api/v0/org/acme/workspace?limit=100');
  });
  it('listUsage with where', async () => {
    await drain(api.orgs.listUsage('acme', { where: "usage_date >= '2026-01-01'" }));
    const r = server.requests[0]!;
    expect(r.path).toBe('/api/v0/org/acme/usage');
    expect(Object.fromEntries(r.query)).toEqual({ where: "usage_date >= '2026-01-01'", limit: '100' });
  });
});

describe('members', () => {
  it('list with q', async () => {
    await drain(api.members.list('acme', { q: 'jan' }));
    expect(sent().url).toBe('/api/v0/org/acme/member?q=jan&limit=100');
  });
  it('get', async () => {
    await api.members.get('acme', 'jane');
    expect(sent()).toEqual({ method: 'GET', url: '/api/v0/org/acme/member/jane', auth: true });
  });
  it('invite', async () => {
    await api.members.invite('acme', { email: 'jane@example.com', role: 'member' });
    expect(sent()).toEqual({ method: 'POST', url: '/api/v0/org/acme/member/invite', body: { email: 'jane@example.com', role: 'member' }, auth: true });
  });
  it('updateRole', async () => {
    await api.members.updateRole('acme', 'jane', 'owner', { ifMatch: 2 });
    expect(sent()).toEqual({ method: 'PATCH', url: '/api/v0/org/acme/member/jane', body: { role: 'owner' }, ifMatch: '2', auth: true });
  });
  it('remove', async () => {
    await api.members.remove('acme', 'jane');
    expect(sent()).toEqual({ method: 'DELETE', url: '/api/v0/org/acme/member/jane', auth: true });
  });
});

describe('billing', () => {
  it('getPlan', async () => {
    await api.billing.getPlan('acme');
    expect(sent().url).toBe('/api/v0/org/acme/billing/plan');
  });
  it('listSubscriptions returns the items of one answer', async () => {
    expect(await api.billing.listSubscriptions('acme')).toEqual([{ id: 'sub_1' }]);
    expect(sent()).toEqual({ method: 'GET', url: '/api/v0/org/acme/billing/subscription', auth: true });
  });
  it('listInvoices', async () => {
    await drain(api.billing.listInvoices('acme', { max: 5 }));
    expect(sent().url).toBe('/api/v0/org/acme/billing/invoice?limit=100');
  });
  it('getUpcomingInvoice', async () => {
    await api.billing.getUpcomingInvoice('acme');
    expect(sent().url).toBe('/api/v0/org/acme/billing/stripe/invoice/upcoming');
  });
});

describe('login', () => {
  it('createRequest sends no token and no body', async () => {
    await api.login.createRequest();
    expect(sent()).toEqual({ method: 'POST', url: '/api/v0/login/token', auth: false });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(server.requests[0]!.body.length).toBe(0);
  });
  it('redeem sends the code as a query parameter, without a token', async () => {
    await api.login.redeem('spttr_abc', '123456');
    expect(sent()).toEqual({ method: 'GET', url: '/api/v0/login/token/spttr_abc?code=123456', auth: false });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });
});
