// node:http in front of the Emulator: reads the body, builds an ApiRequest, writes the Reply.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Emulator } from './app';
import { errorModel, type ApiRequest, type Reply } from './http';

/** Larger bodies are refused (413); avatars, the largest legitimate bodies, are at most 1 MiB. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export function createEmulatorServer(emulator: Emulator): Server {
  const server = createServer((req, res) => {
    serve(emulator, req, res).catch((err: unknown) => {
      if (!res.headersSent) writeReply(res, { status: 500, body: errorModel(500, req.url ?? '/', String(err)) });
      else res.destroy();
    });
  });
  // Benchmarks open many connections at once; keep idle ones around for reuse.
  server.keepAliveTimeout = 10_000;
  return server;
}

async function serve(emulator: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  // Refused before the body is read: the connection is closed rather than drained.
  const refused = emulator.refuse(url.pathname, req.headers);
  if (refused) {
    writeReply(res, refused, true);
    return;
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    writeReply(res, { status: 413, body: errorModel(413, url.pathname, `request bodies are limited to ${MAX_BODY_BYTES} bytes`) }, true);
    return;
  }
  const body = await readBody(req);
  if (body === undefined) {
    writeReply(res, { status: 413, body: errorModel(413, url.pathname, `request bodies are limited to ${MAX_BODY_BYTES} bytes`) }, true);
    return;
  }
  const apiRequest: ApiRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    params: {},
    headers: req.headers,
    rawBody: body,
    clientIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
  };
  const outcome = await emulator.handle(apiRequest);
  if (outcome.kind === 'drop') {
    req.socket.destroy();
    return;
  }
  writeReply(res, outcome.reply);
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
