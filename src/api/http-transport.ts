// HTTP for the Pipes client, on Node's own http and https modules: a keep-alive pool, a connect
// timeout, and multipart bodies for FormData. Node's HTTP client parses responses with the
// llhttp built into node, so a command that sends a request loads little beyond node:http.
// (undici, used here before, has one public entry point, which also loads fetch, WebSocket,
// HTTP/2, caches and its mocks, and parses HTTP with WebAssembly that V8 recompiles in the
// background: together ~0.7× a bare `node -e 0` on every command that sends a request.)
import type { Agent as HttpAgent, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

/** The code of the error a request fails with when no connection is made within connectTimeoutMs. */
export const CONNECT_TIMEOUT = 'ERR_CONNECT_TIMEOUT';

export interface PoolOptions {
  /** Sockets per origin; further requests wait for one. */
  connections: number;
  /** An idle keep-alive socket is closed after this long (or sooner, when the server says so). */
  idleTimeoutMs: number;
  connectTimeoutMs: number;
}

export interface SendOptions {
  url: URL;
  method: string;
  headers: Record<string, string>;
  /** JSON text, or a form sent as multipart/form-data. */
  body?: string | FormData;
  /** Aborts the request, or the reading of its body. */
  signal: AbortSignal;
}

export interface HttpResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  /** The body, as a stream (`for await`, `destroy()`) or all at once (`text()`). */
  body: Readable & { text(): Promise<string> };
}

export interface HttpPool {
  request(opts: SendOptions): Promise<HttpResponse>;
  /** Closes every socket; requests still running fail. */
  close(): Promise<void>;
}

type HttpModule = typeof import('node:http');

export async function createPool(opts: PoolOptions): Promise<HttpPool> {
  const http = await import('node:http');
  // https (and with it TLS) only for an https origin.
  let https: Promise<{ module: HttpModule; agent: HttpAgent }> | undefined;
  const agentOptions = { keepAlive: true, maxSockets: opts.connections, timeout: opts.idleTimeoutMs };
  const plain = { module: http, agent: new http.Agent(agentOptions) };
  const secure = () =>
    (https ??= import('node:https').then((module) => ({ module: module as unknown as HttpModule, agent: new module.Agent(agentOptions) })));

  return {
    async request({ url, method, headers, body, signal }) {
      const isHttps = url.protocol === 'https:';
      const { module, agent } = isHttps ? await secure() : plain;
      const outgoing = { ...headers };
      let payload: string | Buffer | undefined;
      if (typeof body === 'string') {
        payload = body;
      } else if (body) {
        // The WHATWG encoding of a form, boundary and all, by the platform's Response.
        const encoded = new Response(body);
        outgoing['content-type'] = encoded.headers.get('content-type') ?? 'multipart/form-data';
        payload = Buffer.from(await encoded.arrayBuffer());
      }
      if (payload !== undefined) outgoing['content-length'] = String(Buffer.byteLength(payload));

      return new Promise<HttpResponse>((resolve, reject) => {
        const req = module.request(url, { method, headers: outgoing, agent, signal });
        req.once('socket', (socket) => {
          if (!socket.connecting) return; // a kept-alive connection
          const timer = setTimeout(() => {
            req.destroy(Object.assign(new Error(`no connection to ${url.host} within ${opts.connectTimeoutMs} ms`), { code: CONNECT_TIMEOUT }));
          }, opts.connectTimeoutMs);
          socket.once(isHttps ? 'secureConnect' : 'connect', () => clearTimeout(timer));
          req.once('close', () => clearTimeout(timer));
        });
        req.once('response', (res: IncomingMessage) => {
          resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: Object.assign(res, { text: () => readText(res) }) });
        });
        // Not once: an error after the response (the body cut short) must not go unlistened.
        req.on('error', reject);
        req.end(payload);
      });
    },
    async close() {
      plain.agent.destroy();
      if (https) (await https).agent.destroy();
    },
  };
}

async function readText(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
