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

/** What the log keeps of a request body: parsed JSON, or a short note for anything else. */
export function loggedBody(contentType: string | undefined, raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (raw.length > MAX_LOGGED_BODY_BYTES) return `(${type || 'body'}, ${raw.length} bytes)`;
  if (type !== 'application/json') return `(${type || 'no content type'})`;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return '(malformed JSON)';
  }
}

export class RequestLog {
  private readonly capacity: number;
  private entries: LoggedRequest[] = [];
  private start = 0;

  constructor(capacity = 50_000) {
    this.capacity = capacity;
  }

  add(entry: LoggedRequest): void {
    if (this.entries.length < this.capacity) {
      this.entries.push(entry);
      return;
    }
    this.entries[this.start] = entry;
    this.start = (this.start + 1) % this.capacity;
  }

  /** Oldest first. */
  list(): LoggedRequest[] {
    return [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
  }

  clear(): void {
    this.entries = [];
    this.start = 0;
  }
}
