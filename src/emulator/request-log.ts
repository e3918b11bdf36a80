// The requests the emulator answered, for tests that must prove what was (or was not) sent.
// A ring buffer: the oldest entries are dropped past the capacity.

export interface LoggedRequest {
  method: string;
  /** The path with its query string. */
  path: string;
  /** The HTTP status answered; 0 when the connection was dropped on purpose. */
  status: number;
  /** When the answer was sent, ISO 8601. */
  time: string;
  /**
   * The JSON request body, parsed, for tests that check what clients send against the API
   * document; absent when there was none, `"(multipart/form-data)"` or the like for other types.
   */
  body?: unknown;
  /** The User-Agent header (first 200 characters): tells pipesctl's requests from tests' own calls. */
  userAgent?: string;
}

/** Bodies larger than this are logged as a note, not kept. */
const MAX_LOGGED_BODY_BYTES = 64 * 1024;

/** What the log keeps of a request body: its JSON text (parsed when the log is read), or a short note. */
type KeptBody = { json: string } | string | undefined;

function keptBody(contentType: string | undefined, raw: Buffer): KeptBody {
  if (raw.length === 0) return undefined;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (raw.length > MAX_LOGGED_BODY_BYTES) return `(${type || 'body'}, ${raw.length} bytes)`;
  if (type !== 'application/json') return `(${type || 'no content type'})`;
  return { json: raw.toString('utf8') };
}

function shownBody(body: KeptBody): unknown {
  if (typeof body !== 'object') return body;
  try {
    return JSON.parse(body.json) as unknown;
  } catch {
    return '(malformed JSON)';
  }
}

/** A request as it is added: the time in ms and the body as received (kept cheaply, shown when listed). */
export interface RequestToLog {
  method: string;
  path: string;
  status: number;
  at: number;
  contentType?: string;
  rawBody?: Buffer;
  userAgent?: string;
}

interface Kept {
  method: string;
  path: string;
  status: number;
  at: number;
  body: KeptBody;
  userAgent?: string;
}

export class RequestLog {
  private readonly capacity: number;
  private entries: Kept[] = [];
  private start = 0;

  constructor(capacity = 50_000) {
    this.capacity = capacity;
  }

  add(request: RequestToLog): void {
    const entry: Kept = {
      method: request.method,
      path: request.path,
      status: request.status,
      at: request.at,
      body: request.rawBody === undefined ? undefined : keptBody(request.contentType, request.rawBody),
      userAgent: request.userAgent?.slice(0, 200),
    };
    if (this.entries.length < this.capacity) {
      this.entries.push(entry);
      return;
    }
    this.entries[this.start] = entry;
    this.start = (this.start + 1) % this.capacity;
  }

  /** Oldest first. */
  list(): LoggedRequest[] {
    return [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)].map((e) => {
      const shown: LoggedRequest = { method: e.method, path: e.path, status: e.status, time: new Date(e.at).toISOString() };
      const body = shownBody(e.body);
      if (body !== undefined) shown.body = body;
      if (e.userAgent !== undefined) shown.userAgent = e.userAgent;
      return shown;
    });
  }

  clear(): void {
    this.entries = [];
    this.start = 0;
  }
}
