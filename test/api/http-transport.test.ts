// The HTTP pool under the client, on real loopback sockets: what it does when a connection is
// never completed, when a body is cut short, and with keep-alive connections.
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECT_TIMEOUT, createPool, type HttpPool } from '../../src/api/http-transport';

const servers: Server[] = [];
const pools: HttpPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function pool(connectTimeoutMs = 10_000): Promise<HttpPool> {
  const p = await createPool({ connections: 4, idleTimeoutMs: 10_000, connectTimeoutMs });
  pools.push(p);
  return p;
}

const get = (url: string) => ({ url: new URL(url), method: 'GET', headers: {}, signal: new AbortController().signal });

describe('http transport', () => {
  it('fails with the connect-timeout code when a TLS handshake never completes', async () => {
    const held: Socket[] = [];
    const port = await listen(createServer((socket) => held.push(socket))); // accepts TCP, never speaks TLS
    const failure = await (await pool(200)).request(get(`https://127.0.0.1:${port}/api/v0/actor`)).catch((err: unknown) => err);
    held.forEach((s) => s.destroy());
    expect(failure).toMatchObject({ code: CONNECT_TIMEOUT });
  });

  it('rejects the body, and nothing else, when the server cuts it short', async () => {
    const port = await listen(
      createHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"items": [');
        setTimeout(() => res.socket?.destroy(), 20);
      }),
    );
    const res = await (await pool()).request(get(`http://127.0.0.1:${port}/`));
    expect(res.statusCode).toBe(200);
    await expect(res.body.text()).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('sends JSON with its length, and reuses one kept-alive connection for requests in turn', async () => {
    const seen: { port: number; body: string; length?: string }[] = [];
    const port = await listen(
      createHttpServer((req, res) => {
        let body = '';
        req.on('data', (d) => (body += d));
        req.on('end', () => {
          seen.push({ port: req.socket.remotePort ?? 0, body, length: req.headers['content-length'] });
          res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
        });
      }),
    );
    const p = await pool();
    for (const n of [1, 2, 3]) {
      const res = await p.request({ ...get(`http://127.0.0.1:${port}/`), method: 'POST', body: `{"n":${n}}` });
      expect(await res.body.text()).toBe('{"ok":true}');
    }
    expect(seen.map((s) => [s.body, s.length])).toEqual([
      ['{"n":1}', '7'],
      ['{"n":2}', '7'],
      ['{"n":3}', '7'],
    ]);
    expect(new Set(seen.map((s) => s.port)).size).toBe(1);
  });
});
