// A small real HTTP server on 127.0.0.1, port 0, that answers each request with a scripted
// reply (JSON, an HTML error page, truncated JSON, a reset socket, a slow answer) and records
// what it received, so client tests exercise real sockets rather than a mocked fetch.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query as sent, e.g. `/api/v0/org?limit=100`. */
  url: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The client's port: equal for requests that shared a keep-alive connection. */
  remotePort: number;
}

export type Reply =
  | { kind: 'respond'; status: number; headers?: Record<string, string>; body?: string | Buffer; delayMs?: number; stallBodyMs?: number }
  /** Sends a TCP RST: the client sees ECONNRESET before any answer. */
  | { kind: 'reset' }
  /** Closes the socket cleanly without answering: the client sees "other side closed". */
  | { kind: 'hangup' };

export type Handler = (req: RecordedRequest, index: number) => Reply;

export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  setHandler(handler: Handler): void;
  close(): Promise<void>;
}

export const reply = {
  json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
    return { kind: 'respond', status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
  },
  raw(status: number, body: string, headers: Record<string, string> = {}): Reply {
    return { kind: 'respond', status, headers, body };
  },
  /** The page a load balancer shows when the API behind it is down. */
  html(status: number, title = '502 Bad Gateway'): Reply {
    return {
      kind: 'respond',
      status,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: `<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>`,
    };
  },
  empty(status = 204): Reply {
    return { kind: 'respond', status };
  },
  errorModel(status: number, title: string, detail?: string, headers: Record<string, string> = {}): Reply {
    return reply.json(status, { type: 'about:blank', title, status, instance: 'test', ...(detail ? { detail } : {}) }, headers);
  },
  reset(): Reply {
    return { kind: 'reset' };
  },
  hangup(): Reply {
    return { kind: 'hangup' };
  },
  /** Answers only after `ms`. */
  slow(ms: number, then: Reply): Reply {
    return then.kind === 'respond' ? { ...then, delayMs: ms } : then;
  },
};

/** Replies in order, repeating the last one once the list runs out. */
export function sequence(...replies: Reply[]): Handler {
  return (_req, index) => replies[Math.min(index, replies.length - 1)]!;
}

export async function startTestServer(handler: Handler = () => reply.json(200, {})): Promise<TestServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      const parsed = new URL(url, 'http://localhost');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url,
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
        remotePort: req.socket.remotePort ?? 0,
      };
      requests.push(recorded);
      const r = current(recorded, requests.length - 1);
      if (r.kind === 'reset') return void req.socket.resetAndDestroy();
      if (r.kind === 'hangup') return void req.socket.destroy();
      const send = () => respond(res, r, later);
      if (r.delayMs) later(r.delayMs, send);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setHandler(h) {
      current = h;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function respond(res: ServerResponse, r: Extract<Reply, { kind: 'respond' }>, later: (ms: number, fn: () => void) => void): void {
  const body = r.body === undefined ? undefined : Buffer.from(r.body);
  res.writeHead(r.status, { ...(body ? { 'content-length': String(body.length) } : {}), ...r.headers });
  if (!body) return void res.end();
  if (r.stallBodyMs) {
    // Headers and half the body now, the rest much later: exercises the body part of the timeout.
    res.write(body.subarray(0, body.length >> 1));
    later(r.stallBodyMs, () => res.end(body.subarray(body.length >> 1)));
    return;
  }
  res.end(body);
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
