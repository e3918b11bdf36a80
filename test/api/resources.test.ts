// Every resource method against a real emulator over loopback: the client's requests must be
// ones the API accepts, and its types must fit the answers.
import { exitCodeFor } from '../../src/cli/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors';
import { createPipesApi, type ClientOptions } from '../../src/api/index';
import { useEmulator, type TestEmulator } from '../helpers/emulator';

let emu: TestEmulator;
let demo: ReturnType<typeof createPipesApi>;
let jane: ReturnType<typeof createPipesApi>;
const clients: ReturnType<typeof createPipesApi>[] = [];

function client(token: string | undefined, extra: Partial<ClientOptions> = {}) {
  const api = createPipesApi({
    baseUrl: `${emu.url}/api/v0`,
    token,
    userAgent: 'pipesctl/test',
    sleep: async () => {},
    ...extra,
  });
  clients.push(api);
  return api;
}

let orgCounter = 0;
/** A fresh org owned by demo, so tests do not depend on one another. */
async function freshOrg(): Promise<string> {
  const handle = `api-${process.pid}-${++orgCounter}`;
  await demo.orgs.create({ handle, display_name: `Test ${orgCounter}` });
  return handle;
}

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError, but the request succeeded');
}

beforeAll(async () => {
  emu = await useEmulator();
  demo = client(emu.token);
  jane = client(emu.janeToken);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await emu.close();
});

describe('actor', () => {
  it('gets the actor and lists its orgs and invites', async () => {
    expect((await demo.actor.get()).handle).toBe('demo');
    const orgs = await all(demo.actor.listOrgs());
    expect(orgs.map((o) => o.org?.handle)).toEqual(expect.arrayContaining(['acme', 'hobby']));
    expect(orgs.find((o) => o.org?.handle === 'acme')!.role).toBe('owner');

    const org = await freshOrg();
    await demo.members.invite(org, { handle: 'jane', role: 'member' });
    const invites = await all(jane.actor.listOrgInvites());
    expect(invites.map((o) => o.org?.handle)).toContain(org);
  });

  it('answers 401 without a valid token, an error that exits 4', async () => {
    const err = await apiError(client('tpt_notarealtoken000000000000000000').actor.get());
    expect(err.status).toBe(401);
    expect(exitCodeFor(err)).toBe(4);
  });
});

describe('orgs', () => {
  it('creates, gets, updates with If-Match, and deletes an org', async () => {
    const handle = `api-${process.pid}-crud`;
    const created = await demo.orgs.create({ handle, display_name: 'Crud Co' });
    expect(created).toMatchObject({ handle, display_name: 'Crud Co' });

    const got = await demo.orgs.get(handle);
    expect(got.id).toBe(created.id);

    const updated = await demo.orgs.update(handle, { display_name: 'Crud Corp', url: 'https://crud.example.com' }, { ifMatch: got.version_id });
    expect(updated.display_name).toBe('Crud Corp');
    expect(updated.version_id).toBeGreaterThan(got.version_id);

    // A stale version: someone else changed the org since it was read.
    const stale = await apiError(demo.orgs.update(handle, { display_name: 'Lost update' }, { ifMatch: got.version_id }));
    expect(stale.status).toBe(412);
    expect(stale.code).toBe('precondition_failed');
    expect(stale.maybeProcessed).toBe(false);
    expect((await demo.orgs.get(handle)).display_name).toBe('Crud Corp');

    await demo.orgs.delete(handle, { ifMatch: updated.version_id });
    expect((await apiError(demo.orgs.get(handle))).status).toBe(404);
  });

  it('reports a taken handle as 409 and a malformed one as 400 with validation errors', async () => {
    expect((await apiError(demo.orgs.create({ handle: 'acme' }))).status).toBe(409);
    const bad = await apiError(demo.orgs.create({ handle: 'Not-Valid--' }));
    expect(bad.status).toBe(400);
    expect(bad.validationErrors.length).toBeGreaterThan(0);
  });

  it('refuses profile changes by a plain member with 403', async () => {
    expect((await apiError(jane.orgs.update('acme', { display_name: 'Hijacked' }))).status).toBe(403);
  });

  it('sets and removes an avatar', async () => {
    const org = await freshOrg();
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const set = await demo.orgs.setAvatar(org, { name: 'logo.png', type: 'image/png', data: png });
    expect(set.avatar_url).toEqual(expect.any(String));
    expect((await demo.orgs.get(org)).avatar_url).toBe(set.avatar_url);

    const removed = await demo.orgs.deleteAvatar(org);
    expect(removed.avatar_url).not.toBe(set.avatar_url);
  });

  it('lists workspaces and usage, filtering usage with where', async () => {
    const workspaces = await all(demo.orgs.listWorkspaces('acme'));
    expect(workspaces.length).toBeGreaterThanOrEqual(2);
    expect(workspaces[0]).toMatchObject({ handle: expect.any(String), instance_type: expect.any(String) });

    const usage = await all(demo.orgs.listUsage('acme'));
    const dates = [...new Set(usage.map((u) => u.usage_date))].sort();
    expect(dates.length).toBeGreaterThan(30);
    const since = dates[dates.length - 10]!;
    const recent = await all(demo.orgs.listUsage('acme', { where: `usage_date >= '${since}'` }));
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(usage.length);
    expect(recent.every((u) => u.usage_date >= since)).toBe(true);
  });
});

describe('members', () => {
  it('invites, lists across pages, gets, changes a role with If-Match, and removes', async () => {
    const org = await freshOrg();
    for (let i = 0; i < 104; i++) await demo.members.invite(org, { email: `person${i}@example.com`, role: 'member' });
    const jInvite = await demo.members.invite(org, { handle: 'jane', role: 'member' });
    expect(jInvite).toMatchObject({ status: 'invited', role: 'member' });

    await emu.clearRequests();
    const members = await all(demo.members.list(org));
    expect(members).toHaveLength(106); // demo (owner) and 105 invites
    expect(new Set(members.map((m) => m.id)).size).toBe(106);
    const pages = (await emu.requests()).filter((r) => r.path.startsWith(`/api/v0/org/${org}/member`));
    expect(pages).toHaveLength(2);
    expect(pages[0]!.path).toBe(`/api/v0/org/${org}/member?limit=100`);
    expect(pages[1]!.path).toMatch(/&next_token=/);

    expect(await all(demo.members.list(org, { max: 7 }))).toHaveLength(7);

    const { token } = await emu.makeUser(`mate-${process.pid}`, { org });
    expect(token).toMatch(/./);
    const mate = await demo.members.get(org, `mate-${process.pid}`);
    expect(mate.status).toBe('accepted');

    const promoted = await demo.members.updateRole(org, mate.user_handle, 'owner', { ifMatch: mate.version_id });
    expect(promoted.role).toBe('owner');
    const stale = await apiError(demo.members.updateRole(org, mate.user_handle, 'member', { ifMatch: mate.version_id }));
    expect(stale.status).toBe(412);

    const removed = await demo.members.remove(org, 'jane');
    expect(removed.user_handle).toBe('jane');
    expect((await apiError(demo.members.get(org, 'jane'))).status).toBe(404);
  });

  it('refuses to remove the last owner with 409, and a repeated invite with 409', async () => {
    const org = await freshOrg();
    expect((await apiError(demo.members.remove(org, 'demo'))).status).toBe(409);
    await demo.members.invite(org, { handle: 'jane', role: 'member' });
    expect((await apiError(demo.members.invite(org, { handle: 'jane', role: 'member' }))).status).toBe(409);
  });
});

describe('billing', () => {
  it('reads the plan, subscriptions, invoices and the upcoming invoice of a Team org', async () => {
    const plan = await demo.billing.getPlan('acme');
    expect(plan.plan_id).toEqual(expect.any(String));
    const subs = await demo.billing.listSubscriptions('acme');
    expect(subs.length).toBeGreaterThan(0);
    expect(subs[0]).toMatchObject({ id: expect.any(String), status: expect.any(String) });
    const invoices = await all(demo.billing.listInvoices('acme'));
    expect(invoices.length).toBeGreaterThan(0);
    const upcoming = await demo.billing.getUpcomingInvoice('acme');
    expect(upcoming.period_end).toEqual(expect.any(String));
  });
});

describe('login', () => {
  it('creates a request without a token, and redeems the code shown in the browser for a working token', async () => {
    const anonymous = client(undefined);
    const request = await anonymous.login.createRequest();
    expect(request.state).toBe('pending');

    // Not yet confirmed in the browser.
    expect((await apiError(anonymous.login.redeem(request.id, '000000'))).status).toBe(400);

    const page = await fetch(`${emu.url}/login/token?r=${encodeURIComponent(request.id)}&as=demo`, { method: 'POST' });
    const code = /<p id="code">(\d{6})<\/p>/.exec(await page.text())?.[1];
    expect(code).toMatch(/^\d{6}$/);

    const redeemed = await anonymous.login.redeem(request.id, code!);
    expect(redeemed.state).toBe('confirmed');
    expect(redeemed.token).toEqual(expect.any(String));
    expect((await client(redeemed.token).actor.get()).handle).toBe('demo');
  });
});

describe('retries against injected faults', () => {
  it('still lists everything when 20% of requests answer 503 or 429', async () => {
    const org = await freshOrg();
    for (let i = 0; i < 120; i++) await demo.members.invite(org, { email: `load${i}@example.com`, role: 'member' });
    const expected = (await all(demo.members.list(org))).map((m) => m.id).sort();

    const sleeps: number[] = [];
    const patient = client(emu.token, { maxRetries: 8, sleep: async (ms) => void sleeps.push(ms) });
    await emu.clearRequests();
    await emu.setFaults({ rate: 0.2, statuses: [503, 429], seed: 7 });
    try {
      for (let round = 0; round < 5; round++) {
        expect((await all(patient.members.list(org))).map((m) => m.id).sort()).toEqual(expected);
        expect((await all(patient.actor.listOrgs())).length).toBeGreaterThanOrEqual(2);
        expect((await patient.orgs.get(org)).handle).toBe(org);
      }
    } finally {
      await emu.setFaults({});
    }
    const faulted = (await emu.requests()).filter((r) => r.status === 503 || r.status === 429);
    expect(faulted.length).toBeGreaterThan(0);
    expect(sleeps).toHaveLength(faulted.length);
  });

  it('does not replay a POST answered 503, and says it may have been processed', async () => {
    await emu.clearRequests();
    await emu.setFaults({ rate: 1, statuses: [503] });
    let err: ApiError;
    try {
      err = await apiError(demo.orgs.create({ handle: `api-${process.pid}-never` }));
    } finally {
      await emu.setFaults({});
    }
    expect(err.status).toBe(503);
    expect(err.maybeProcessed).toBe(true);
    const posts = (await emu.requests()).filter((r) => r.method === 'POST' && r.path === '/api/v0/org');
    expect(posts).toHaveLength(1);
  });
});
