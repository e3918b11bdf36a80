// The /_emulator/ test controls: faults, the request log, reset, users and bulk members.
import { describe, expect, it } from 'vitest';
import { useFileEmulator } from '../helpers/emulator';
import { apiClient } from '../helpers/api-client';

const emu = useFileEmulator();
const api = apiClient(emu);

describe('faults', () => {
  it('at rate 1 faults every API request with one of the statuses and processes none of them', async () => {
    await emu().setFaults({ rate: 1, statuses: [500, 503] });
    for (let i = 0; i < 10; i++) {
      const res = await api('POST', '/org', { body: { handle: `faulted${i}` }, unchecked: true });
      expect([500, 503]).toContain(res.status);
      expect(res.body).toMatchObject({ status: res.status, title: expect.any(String), instance: '/api/v0/org' });
    }
    // The login page and the controls are never faulted.
    expect((await fetch(`${emu().url}/login/token?r=x`)).status).toBe(404);
    await emu().setFaults({});
    for (let i = 0; i < 10; i++) expect((await api('GET', `/org/faulted${i}`)).status).toBe(404);
    expect((await api('GET', '/actor')).status).toBe(200);
  });

  it('sends Retry-After on faulted 429s when retry_after_s is set', async () => {
    await emu().setFaults({ rate: 1, statuses: [429], retry_after_s: 2 });
    const res = await api('GET', '/actor');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    await emu().setFaults({ rate: 1, statuses: [429] });
    expect((await api('GET', '/actor')).headers.get('retry-after')).toBeNull();
  });

  it('drops connections with reset_connections, without processing the request', async () => {
    await emu().setFaults({ rate: 1, reset_connections: true });
    await expect(api('POST', '/org', { body: { handle: 'dropped' } })).rejects.toThrow();
    await emu().setFaults({});
    expect((await api('GET', '/org/dropped')).status).toBe(404);
    expect(await emu().requests()).toContainEqual({ method: 'POST', path: '/api/v0/org', status: 0 });
  });

  it('with processed_rate, processes a faulted request before losing its answer', async () => {
    await emu().setFaults({ rate: 1, statuses: [503], processed_rate: 1 });
    expect((await api('POST', '/org', { body: { handle: 'landed' }, unchecked: true })).status).toBe(503);
    await emu().setFaults({ rate: 1, reset_connections: true, processed_rate: 1 });
    await expect(api('POST', '/org', { body: { handle: 'landed2' } })).rejects.toThrow();
    await emu().setFaults({ rate: 1, statuses: [429], processed_rate: 1 });
    expect((await api('POST', '/org', { body: { handle: 'throttled' } })).status).toBe(429);
    await emu().setFaults({});
    expect((await api('GET', '/org/landed')).status).toBe(200);
    expect((await api('GET', '/org/landed2')).status).toBe(200);
    // A 429 means the request was not processed, whatever processed_rate says.
    expect((await api('GET', '/org/throttled')).status).toBe(404);
  });

  it('faults a fraction of requests, the same ones for the same seed', async () => {
    const run = async () => {
      await emu().setFaults({ rate: 0.5, statuses: [503], seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await api('GET', '/actor', { unchecked: true })).status);
      return statuses;
    };
    const first = await run();
    expect(first.filter((s) => s === 503).length).toBeGreaterThan(5);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(5);
    expect(await run()).toEqual(first);
  });

  it('rejects malformed settings and is turned off by reset', async () => {
    const bad = await fetch(`${emu().url}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rate: 2 }) });
    expect(bad.status).toBe(400);
    await emu().setFaults({ rate: 1, statuses: [503] });
    await emu().reset();
    expect((await api('GET', '/actor')).status).toBe(200);
  });
});

describe('request log', () => {
  it('records API and login-page requests with query strings and statuses, not control requests', async () => {
    await api('GET', '/org/acme/member?limit=2&q=ja');
    await api('GET', '/org/nosuchorg');
    await api('DELETE', '/org/acme', { token: emu().janeToken });
    await fetch(`${emu().url}/login/token?r=nope`);
    expect(await emu().requests()).toEqual([
      { method: 'GET', path: '/api/v0/org/acme/member?limit=2&q=ja', status: 200 },
      { method: 'GET', path: '/api/v0/org/nosuchorg', status: 404 },
      { method: 'DELETE', path: '/api/v0/org/acme', status: 403 },
      { method: 'GET', path: '/login/token?r=nope', status: 404 },
    ]);
    const raw = (await (await fetch(`${emu().url}/_emulator/requests`)).json()) as { items: Array<{ time: string }> };
    expect(Number.isNaN(Date.parse(raw.items[0]!.time))).toBe(false);
    await emu().clearRequests();
    expect(await emu().requests()).toEqual([]);
  });
});

describe('reset and seed', () => {
  it('reset brings back the seed and keeps the seed tokens valid', async () => {
    await api('DELETE', '/org/acme');
    await api('POST', '/org', { body: { handle: 'leftover' } });
    await emu().reset();
    expect((await api('GET', '/org/acme')).status).toBe(200);
    expect((await api('GET', '/org/leftover')).status).toBe(404);
    expect((await api('GET', '/actor', { token: emu().janeToken })).body.handle).toBe('jane');
  });

  it('GET /_emulator/seed names the seed users’ tokens', async () => {
    const seed = (await (await fetch(`${emu().url}/_emulator/seed`)).json()) as { kind: string; tokens: Record<string, string> };
    expect(seed).toEqual({ kind: 'demo', tokens: { demo: emu().token, jane: emu().janeToken } });
  });
});

describe('users and members', () => {
  it('makes users with tokens, optionally members of an org with a role', async () => {
    const owner = await emu().makeUser('olive', { org: 'acme', role: 'owner', email: 'olive@example.com' });
    const member = await api('GET', '/org/acme/member/olive', { token: owner.token });
    expect(member.body).toMatchObject({ role: 'owner', status: 'accepted' });
    expect((await api('PATCH', '/org/acme', { token: owner.token, body: { display_name: 'By Olive' } })).status).toBe(200);
    const plain = await emu().makeUser('pete', { org: 'acme' });
    expect((await api('GET', '/org/acme/member/pete', { token: plain.token })).body.role).toBe('member');
    await expect(emu().makeUser('pete')).rejects.toThrow(/409/);
    await expect(emu().makeUser('Bad Handle')).rejects.toThrow(/400/);
    await expect(emu().makeUser('quinn', { org: 'nosuchorg' })).rejects.toThrow(/404/);
  });

  it('accepts an invitation on the invitee’s behalf', async () => {
    const { token } = await emu().makeUser('rita');
    await api('POST', '/org/acme/member/invite', { body: { handle: 'rita', role: 'member' } });
    expect((await api('GET', '/org/acme', { token })).status).toBe(404);
    const accepted = await fetch(`${emu().url}/_emulator/orgs/acme/members/rita/accept`, { method: 'POST' });
    expect(accepted.status).toBe(200);
    expect((await api('GET', '/org/acme', { token })).status).toBe(200);
  });

  it('bulk-creates 10,000 accepted members in one call, and they page in order', async () => {
    const res = await fetch(`${emu().url}/_emulator/orgs/acme/members`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 10_000, prefix: 'bulk' }),
    });
    expect(res.status).toBe(201);
    let total = 0;
    let next: string | undefined;
    do {
      const page = await api('GET', `/org/acme/member?limit=100${next ? `&next_token=${encodeURIComponent(next)}` : ''}`);
      total += page.body.items.length;
      next = page.body.next_token;
    } while (next);
    expect(total).toBe(10_005);
    const again = await fetch(`${emu().url}/_emulator/orgs/acme/members`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 3, prefix: 'bulk' }),
    });
    expect(again.status).toBe(409);
  });
});
