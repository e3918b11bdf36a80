// A JSON array written one item at a time, for lists too long to hold twice in memory. The
// text is exactly what Printer.json would print for the whole array (two-space indentation,
// a final newline), so a streamed list and a printed one cannot be told apart.
import type { Writable } from 'node:stream';

export class JsonArrayWriter {
  readonly #stream: Writable;
  #count = 0;
  #closed = false;

  constructor(stream: Writable) {
    this.#stream = stream;
  }

  /** How many items were written so far. */
  get count(): number {
    return this.#count;
  }

  /** Writes one item; waits for the stream to drain when its buffer is full. */
  async write(item: unknown): Promise<void> {
    if (this.#closed) throw new Error('JsonArrayWriter: write after close');
    const body = JSON.stringify(item, null, 2).replace(/\n/g, '\n  ');
    const text = `${this.#count === 0 ? '[\n' : ',\n'}  ${body}`;
    this.#count++;
    if (!this.#stream.write(text)) await drained(this.#stream);
  }

  /** Ends the array ("[]" when nothing was written). Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (!this.#stream.write(this.#count === 0 ? '[]\n' : '\n]\n')) await drained(this.#stream);
  }
}

function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      stream.off('drain', onDrain);
      stream.off('error', done);
      stream.off('close', onDrain);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    stream.once('drain', onDrain);
    stream.once('close', onDrain);
    stream.once('error', done);
  });
}
