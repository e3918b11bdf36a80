// The client against hosts that are hostile or not a Pipes API at all: endless lists, endless
// bodies, plain http where https was asked for, a static file server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { NetworkError, NotPipesApiError, PagingError, ResponseTooLargeError } from '../../src/api/errors';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../src/api/client';
import { MAX_LIST_ITEMS } from '../../src/api/paginate';
import { reply } from '../helpers/http-server';
import { failure, type TestClient, useClientServer } from './support';

const setup = useClientServer();
let t: TestClient;

async function drain(iterable: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of iterable) n++;
  return n;
}

describe('endless lists', () => {
  it('stops at an empty page that still has a next_token, naming the host and the list', async () => {
    setup.server.setHandler((_req, i) => reply.json(200, { items: [], next_token: `t${i}` }));
    t = setup.connect();
    const err = await failure(drain(t.client.paginate('/org/acme/member')));
    expect(err).toBeInstanceOf(PagingError);
    expect(err.message).toBe(
      `stopped reading the list GET /org/acme/member from ${setup.server.url.slice(7)}: the server sent an empty page that still has a next_token (the list would never end)`,
    );
    expect(setup.server.requests).toHaveLength(1);
  });

  it('stops at a repeated next_token, naming the host', async () => {
    setup.server.setHandler((_req, i) => reply.json(200, { items: [{ id: i }], next_token: i < 3 ? `t${i}` : 't1' }));
    t = setup.connect();
    const err = await failure(drain(t.client.paginate('/actor/org')));
    expect(err).toBeInstanceOf(PagingError);
    expect(err.message).toContain(`GET /actor/org from ${setup.server.url.slice(7)}: the server repeated a next_token`);
    expect(setup.server.requests).toHaveLength(4);
  });

  it('stops a list that hands out a fresh next_token forever once pages × 100 reach the cap (1,000,000 by default)', async () => {
    expect(MAX_LIST_ITEMS).toBe(1_000_000);
    const page = JSON.stringify({ items: Array.from({ length: 100 }, () => ({})), next_token: 'x' });
    setup.server.setHandler((_req, i) => reply.raw(200, page.replace('"x"', `"t${i}"`), { 'content-type': 'application/json' }));
    // The same rule with a smaller cap, so the test sends 50 pages rather than 10,000.
    t = setup.connect({ maxListItems: 5000 });
    const seen: unknown[] = [];
    const err = await failure(
      (async () => {
        let n = 0;
        for await (const _ of t.client.paginate('/org')) n++;
        seen.push(n);
      })(),
    );
    expect(err).toBeInstanceOf(PagingError);
    expect(err.message).toBe(`stopped reading the list GET /org from ${setup.server.url.slice(7)}: the list goes past 5,000 items, more than any real list holds`);
    expect(setup.server.requests).toHaveLength(50);
    expect(seen).toEqual([]);
  });
});

describe('answers too large to hold', () => {
  it(`refuses an answer that declares more than ${DEFAULT_MAX_RESPONSE_BYTES / 2 ** 20} MiB without reading it`, async () => {
    const big = Buffer.alloc(DEFAULT_MAX_RESPONSE_BYTES + 1, 0x20);
    setup.server.setHandler(() => ({ kind: 'respond', status: 200, headers: { 'content-type': 'application/json' }, body: big }));
    t = setup.connect();
    const err = (await failure(t.client.request({ method: 'GET', path: '/actor/org' }))) as ResponseTooLargeError;
    expect(err).toBeInstanceOf(ResponseTooLargeError);
    expect(err.code).toBe('response_too_large');
    expect(err.message).toBe(`the answer from ${setup.server.url.slice(7)} to GET /actor/org is larger than 32 MiB; stopped reading it`);
  });

  it('stops reading an endless streamed body at the limit', async () => {
    let written = 0;
    let closed!: () => void;
    const done = new Promise<void>((resolve) => (closed = resolve));
    const endless: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) written += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', closed);
      pump();
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    try {
      t = setup.connect({ maxResponseBytes: 4 * 1024 * 1024 }, `http://127.0.0.1:${(endless.address() as AddressInfo).port}`);
      const err = await failure(t.client.request({ method: 'GET', path: '/org' }));
      expect(err).toBeInstanceOf(ResponseTooLargeError);
      await done; // the client hung up instead of reading on
      expect(written).toBeLessThan(64 * 1024 * 1024);
    } finally {
      endless.closeAllConnections();
      await new Promise<void>((resolve) => endless.close(() => resolve()));
    }
  });
});

describe('the wrong kind of server', () => {
  it('says TLS failed when https meets a plain-http server, without the OpenSSL text', async () => {
    setup.server.setHandler(() => reply.json(200, {}));
    const port = setup.server.url.split(':').at(-1);
    t = setup.connect({}, `https://127.0.0.1:${port}`);
    const err = (await failure(t.client.request({ method: 'GET', path: '/actor' }))) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.reason).toBe('not_tls');
    expect(err.host).toBe(`127.0.0.1:${port}`);
    expect(err.message).not.toMatch(/ssl3|openssl|routines/i);
    expect(err.maybeProcessed).toBe(false);
  });

  it('knows a static file server (404 and 501 web pages) is not a Pipes API, and does not retry it', async () => {
    // What `python3 -m http.server` answers to API paths and to methods it lacks.
    const page = (status: number, text: string) => reply.raw(status, `<!DOCTYPE HTML><html><body><h1>Error response</h1><p>${text}</p></body></html>`, { 'content-type': 'text/html;charset=utf-8' });
    setup.server.setHandler((req) => (req.method === 'GET' ? page(404, 'File not found') : page(501, `Unsupported method ('${req.method}')`)));
    t = setup.connect();

    const get = (await failure(t.client.request({ method: 'GET', path: '/org/acme' }))) as NotPipesApiError;
    expect(get).toBeInstanceOf(NotPipesApiError);
    expect(get.code).toBe('not_pipes_api');
    expect(get.status).toBe(404);
    expect(get.message).toBe(`${setup.server.url.slice(7)} does not look like a Pipes API: GET /org/acme was answered with HTTP 404 and a web page`);

    const del = (await failure(t.client.request({ method: 'DELETE', path: '/org/acme' }))) as NotPipesApiError;
    expect(del).toBeInstanceOf(NotPipesApiError);
    expect(del.status).toBe(501);
    expect(del.maybeProcessed).toBe(false);
    expect(setup.server.requests).toHaveLength(2);
    expect(t.sleeps).toEqual([]);
  });

  it('also for JSON answers without the API error model', async () => {
    setup.server.setHandler(() => reply.json(404, { message: 'no route' }));
    t = setup.connect();
    const err = (await failure(t.client.request({ method: 'GET', path: '/actor' }))) as NotPipesApiError;
    expect(err).toBeInstanceOf(NotPipesApiError);
    expect(err.evidence).toBe("HTTP 404 and JSON that is not the API's error model");
  });
});
