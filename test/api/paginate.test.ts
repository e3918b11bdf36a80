import { expect, it } from 'vitest';
import { InvalidResponseError } from '../../src/api/errors';
import { reply, type RecordedRequest } from '../helpers/http-server';
import { failure, type TestClient, useClientServer } from './support';

const ITEMS = Array.from({ length: 250 }, (_, i) => ({ id: `m_${i}` }));

/** Serves ITEMS `limit` at a time; the cursor is the offset, wrapped so it looks opaque. */
function pagedList(req: RecordedRequest) {
  const limit = Number(req.query.get('limit') ?? 25);
  const offset = req.query.has('next_token') ? Number(Buffer.from(req.query.get('next_token')!, 'base64url').toString()) : 0;
  const next = offset + limit < ITEMS.length ? Buffer.from(String(offset + limit)).toString('base64url') : undefined;
  return reply.json(200, { items: ITEMS.slice(offset, offset + limit), ...(next ? { next_token: next } : {}) });
}

const setup = useClientServer(pagedList);
let t: TestClient;

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

it('follows next_token across pages, 100 at a time, keeping the other query parameters', async () => {
  t = setup.connect();
  const items = await collect(t.client.paginate<{ id: string }>('/org/acme/usage', { where: "usage_date >= '2026-01-01'" }));

  expect(items.map((i) => i.id)).toEqual(ITEMS.map((i) => i.id));
  expect(setup.server.requests).toHaveLength(3);
  expect(setup.server.requests.map((r) => r.query.get('limit'))).toEqual(['100', '100', '100']);
  expect(setup.server.requests.map((r) => r.query.get('where'))).toEqual(Array(3).fill("usage_date >= '2026-01-01'"));
  expect(setup.server.requests[0]!.query.has('next_token')).toBe(false);
  expect(setup.server.requests[2]!.query.get('next_token')).toBe(Buffer.from('200').toString('base64url'));
});

it('sends nothing until iterated, and stops fetching at max', async () => {
  t = setup.connect();
  const iterable = t.client.paginate<{ id: string }>('/org/acme/member', {}, { max: 150 });
  expect(setup.server.requests).toHaveLength(0);

  const items = await collect(iterable);
  expect(items).toHaveLength(150);
  expect(items.at(-1)!.id).toBe('m_149');
  expect(setup.server.requests).toHaveLength(2);
});

it('stops paging when the consumer stops early, and sends nothing for max 0', async () => {
  t = setup.connect();
  for await (const item of t.client.paginate<{ id: string }>('/org/acme/member')) {
    if (item.id === 'm_3') break;
  }
  expect(setup.server.requests).toHaveLength(1);
  expect(await collect(t.client.paginate('/org/acme/member', {}, { max: 0 }))).toEqual([]);
  expect(setup.server.requests).toHaveLength(1);
});

it('handles a page without items', async () => {
  t = setup.connect();
  setup.server.setHandler(() => reply.json(200, {}));
  expect(await collect(t.client.paginate('/actor/org'))).toEqual([]);
});

it('stops with an InvalidResponseError when the server repeats a next_token', async () => {
  t = setup.connect();
  setup.server.setHandler(() => reply.json(200, { items: [{ id: 'x' }], next_token: 'same' }));
  const seen: unknown[] = [];
  const err = await failure((async () => {
    for await (const item of t.client.paginate('/org')) seen.push(item);
  })());

  expect(err).toBeInstanceOf(InvalidResponseError);
  expect(err.message).toMatch(/repeated a next_token/);
  expect(setup.server.requests).toHaveLength(2);
  expect(seen).toHaveLength(2);
});

it('rejects a list whose items are not an array', async () => {
  t = setup.connect();
  setup.server.setHandler(() => reply.json(200, { items: { id: 'x' } }));
  const err = await failure(collect(t.client.paginate('/org')));
  expect(err).toBeInstanceOf(InvalidResponseError);
  expect(err.message).toBe('expected a list from GET /org, but "items" is not an array');
});
