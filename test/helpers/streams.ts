// Buffer-backed standard streams for tests (gh's iostreams.Test()): output is captured
// synchronously, stdin yields a given text, and the "is a terminal" flags can be flipped.
import { PassThrough, Writable, type Readable } from 'node:stream';
import type { IOStreams } from '../../src/io/streams';

export interface TestStreams {
  io: MutableIOStreams;
  /** Everything written to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Replaces what stdin will yield (ended after the text). */
  setStdin(text: string): void;
}

export type MutableIOStreams = { -readonly [K in keyof IOStreams]: IOStreams[K] };

/** Buffer-backed streams; every stream starts as "not a terminal" unless told otherwise. */
export function testStreams(opts: { stdin?: string; tty?: boolean; stdinIsTTY?: boolean; stdoutIsTTY?: boolean; stderrIsTTY?: boolean } = {}): TestStreams {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  // A Writable whose write lands in the buffer synchronously, so output is visible at once.
  const collector = (sink: Buffer[]): Writable =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        sink.push(Buffer.from(chunk));
        done();
      },
    });
  const io: MutableIOStreams = {
    stdin: endedStream(opts.stdin ?? ''),
    stdout: collector(out),
    stderr: collector(err),
    stdinIsTTY: opts.stdinIsTTY ?? opts.tty ?? false,
    stdoutIsTTY: opts.stdoutIsTTY ?? opts.tty ?? false,
    stderrIsTTY: opts.stderrIsTTY ?? opts.tty ?? false,
    columns: (opts.stdoutIsTTY ?? opts.tty) ? 100 : undefined,
  };
  return {
    io,
    stdout: () => Buffer.concat(out).toString('utf8'),
    stderr: () => Buffer.concat(err).toString('utf8'),
    setStdin: (text) => {
      io.stdin = endedStream(text);
    },
  };
}

function endedStream(text: string): Readable {
  const stream = new PassThrough();
  stream.end(text);
  return stream;
}
