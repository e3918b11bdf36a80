// Keyset paging when many rows share a timestamp (a bulk add, a fast script, a stopped clock):
// every row comes exactly once, in (created_at, id) order, whatever the page size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';
import { apiClient } from '../helpers/api-client';

const FROZEN = new Date('2026-03-01T12:00:00Z');
let emu: RunningEmulator;
const api = apiClient(() => emu);

beforeAll(async () => {
  // A clock that never moves: every record made through the API has the same created_at.
  emu = await startEmulator({ clock: () => FROZEN });
});
afterAll(() => emu.close());

/** Every item of a list, page by page, with the ids of each page. */
async function readAll(path: string, limit: number): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let pages = 0;
  let next: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await api('GET', `${path}${sep}limit=${limit}${next ? `&next_token=${encodeURIComponent(next)}` : ''}`);
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    next = res.body.next_token;
    pages++;
  } while (next);
  return { items, pages };
}

function sortedByKey<T extends { created_at: string; id: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.created_at < b.created_at ? -1 : 1));
}

describe('paging across equal timestamps', () => {
  it('members: 203 rows with one timestamp come once each, in id order, at any page size', async () => {
    expect((await api('POST', '/org', { body: { handle: 'same' } })).status).toBe(201);
    const bulk = await fetch(`${emu.url}/_emulator/orgs/same/members`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 200, prefix: 'tie' }),
    });
    expect(bulk.status).toBe(201);
    for (const name of ['ann', 'ben']) {
      expect((await api('POST', '/org/same/member/invite', { body: { email: `${name}@example.com`, role: 'member' } })).status).toBe(201);
    }
    const all = (await readAll('/org/same/member', 100)).items;
    expect(all).toHaveLength(203);
    expect(new Set(all.map((m) => m.created_at)).size).toBeLessThanOrEqual(2);
    expect(all).toEqual(sortedByKey(all));
    for (const limit of [1, 7, 50]) {
      const { items, pages } = await readAll('/org/same/member', limit);
      expect(items.map((m) => m.id)).toEqual(all.map((m) => m.id));
      expect(pages).toBe(Math.ceil(203 / limit));
    }
  });

  it('orgs, the actor’s memberships and tokens page the same way', async () => {
    for (let i = 0; i < 9; i++) expect((await api('POST', '/org', { body: { handle: `tied-${i}` } })).status).toBe(201);
    const orgs = (await readAll('/org', 100)).items;
    expect(orgs.length).toBeGreaterThanOrEqual(9);
    expect((await readAll('/org', 2)).items.map((o) => o.id)).toEqual(orgs.map((o) => o.id));
    const memberships = (await readAll('/actor/org', 100)).items;
    expect((await readAll('/actor/org', 3)).items.map((m) => m.id)).toEqual(memberships.map((m) => m.id));
    expect(memberships).toEqual(sortedByKey(memberships));

    // Temporary login tokens do not count against the two-token limit: make several at once.
    for (let i = 0; i < 5; i++) {
      const id = (await api('POST', '/login/token', { token: null })).body.id;
      const code = (await api('PATCH', `/login/token/${id}`, { body: { state: 'confirmed' } })).body.code;
      expect((await api('GET', `/login/token/${id}?code=${code}`, { token: null })).status).toBe(200);
    }
    const tokens = (await readAll('/user/demo/token', 100)).items;
    expect(tokens.length).toBeGreaterThanOrEqual(6);
    expect((await readAll('/user/demo/token', 2)).items.map((t) => t.id)).toEqual(tokens.map((t) => t.id));
    expect(tokens).toEqual(sortedByKey(tokens));
  });
});
