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
