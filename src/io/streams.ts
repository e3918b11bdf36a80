// The three standard streams and the terminal facts commands decide on (gh's iostreams).
// Tests build them over buffers (test/helpers/streams.ts) and flip the "is a terminal" flags.
import type { Readable, Writable } from 'node:stream';
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
