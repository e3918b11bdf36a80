// node:http in front of the Emulator: reads the body, builds an ApiRequest, writes the Reply.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Emulator, Outcome } from './app';
import { errorModel, type ApiRequest, type Reply } from './http';

/** Larger bodies are refused (413); avatars, the largest legitimate bodies, are at most 1 MiB. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export function createEmulatorServer(emulator: Emulator): Server {
  const server = createServer((req, res) => {
    const failed = (err: unknown) => {
      if (!res.headersSent) writeReply(res, { status: 500, body: errorModel(500, req.url ?? '/', String(err)) });
      else res.destroy();
    };
    try {
      const served = serve(emulator, req, res);
      if (served) served.catch(failed);
    } catch (err) {
      failed(err);
    }
  });
  // Benchmarks open many connections at once; keep idle ones around for reuse.
  server.keepAliveTimeout = 10_000;
  return server;
}

/** Paths that `new URL` would leave as they are: no dot segments, escapes or characters it would encode. */
const SAFE_PATH = /^\/[A-Za-z0-9_~:@!$&'()*+,;=/-]*$/;

/** The path and the raw query (after `?`) of a request target; `new URL` only when the path needs normalising. */
function splitTarget(target: string): { path: string; search: string } {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  if (SAFE_PATH.test(path) && !path.includes('//')) return { path, search: q < 0 ? '' : target.slice(q + 1) };
  const url = new URL(target, 'http://emulator.invalid');
  return { path: url.pathname, search: url.search.slice(1) };
}

/** A request as handlers see it; the query and the client's address are worked out when asked for. */
class ServedRequest implements ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly search: string;
  params: Record<string, string> = {};
  readonly headers: IncomingMessage['headers'];
  readonly rawBody: Buffer;
  private readonly socket: IncomingMessage['socket'];
  private parsedQuery?: URLSearchParams;

  constructor(req: IncomingMessage, path: string, search: string, rawBody: Buffer) {
    this.method = (req.method ?? 'GET').toUpperCase();
    this.path = path;
    this.search = search;
    this.headers = req.headers;
    this.rawBody = rawBody;
    this.socket = req.socket;
  }

  get query(): URLSearchParams {
    return (this.parsedQuery ??= new URLSearchParams(this.search));
  }

  get clientIp(): string {
    return this.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
  }
}

/** Answers a request; a promise only when the body must be read or the answer waits (faults). */
function serve(emulator: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> | undefined {
  const { path, search } = splitTarget(req.url ?? '/');
  // Refused before the body is read: the connection is closed rather than drained.
  const refused = emulator.refuse(path, req.headers);
  if (refused) {
    writeReply(res, refused, true);
    return undefined;
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    writeReply(res, { status: 413, body: errorModel(413, path, `request bodies are limited to ${MAX_BODY_BYTES} bytes`) }, true);
    return undefined;
  }
  const respond = (body: Buffer | undefined): Promise<void> | undefined => {
    if (body === undefined) {
      writeReply(res, { status: 413, body: errorModel(413, path, `request bodies are limited to ${MAX_BODY_BYTES} bytes`) }, true);
      return undefined;
    }
    const apiRequest = new ServedRequest(req, path, search, body);
    const outcome = emulator.handle(apiRequest);
    if (outcome instanceof Promise) return outcome.then((settled) => deliver(req, res, settled));
    deliver(req, res, outcome);
    return undefined;
  };
  const body = readBody(req);
  return Buffer.isBuffer(body) ? respond(body) : body.then(respond);
}

function deliver(req: IncomingMessage, res: ServerResponse, outcome: Outcome): void {
  if (outcome.kind === 'drop') req.socket.destroy();
  else writeReply(res, outcome.reply);
}

const EMPTY = Buffer.alloc(0);

/** The body, or undefined once it grows past the limit. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> | Buffer {
  // Most requests (GET, DELETE) have none: no stream to wait for.
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    req.resume();
    return EMPTY;
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function writeReply(res: ServerResponse, reply: Reply, closeAfter = false): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  // Text goes out as a string: node then sends the head and the body in one write.
  let payload: string | Buffer | undefined;
  if (reply.body !== undefined && reply.status !== 204) {
    if (typeof reply.body === 'string' || Buffer.isBuffer(reply.body)) {
      payload = reply.body;
    } else {
      payload = JSON.stringify(reply.body);
      headers['content-type'] ??= 'application/json';
    }
    headers['content-length'] = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
  }
  if (closeAfter) headers.connection = 'close';
  res.writeHead(reply.status, headers);
  res.end(payload);
}
