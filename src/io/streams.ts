// The three standard streams and the terminal facts commands decide on (gh's iostreams).
// Tests build them over buffers and flip the "is a terminal" flags as they need.
import { PassThrough, Writable, type Readable } from 'node:stream';
import { isatty } from 'node:tty';

export interface IOStreams {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** Width of the terminal on stdout, when there is one. */
  readonly columns?: number;
}

/**
 * The process's own streams. Each is created by Node on first access (stdin costs a couple of
 * milliseconds), so they are only touched when used; the terminal facts come from isatty.
 */
export function systemStreams(): IOStreams {
  const stdoutIsTTY = isatty(1);
  return {
    get stdin() {
      return process.stdin;
    },
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
    stdinIsTTY: isatty(0),
    stdoutIsTTY,
    stderrIsTTY: isatty(2),
    get columns() {
      return stdoutIsTTY ? process.stdout.columns : undefined;
    },
  };
}

/** Reads stdin to its end as UTF-8 text (for `login --with-token < file`). */
export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

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
