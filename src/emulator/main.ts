// The pipes-emulator executable: parse flags, start the server, print how to reach it,
// close cleanly on SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { VERSION } from './version';
import { startEmulator } from './index';

const USAGE = `Usage: pipes-emulator [options]

A local Pipes-compatible API server (the org administration part of Pipes API v0).

Options:
  --port <port>        port to listen on, 0 for any free port (default 7070)
  --bind <address>     address to listen on (default 127.0.0.1)
  --db <path>          SQLite database file, or :memory: (default ./pipes-emulator.db)
  --seed <demo|none>   data for an empty database (default demo)
  --print-json         print {"url","token","user"} as one JSON line once ready
  --help               show this help
  --version            show the version
`;

interface Flags {
  port: number;
  bind: string;
  db: string;
  seed: 'demo' | 'none';
  printJson: boolean;
}

class FlagError extends Error {}

function parseFlags(argv: string[]): Flags | 'help' | 'version' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        bind: { type: 'string' },
        db: { type: 'string' },
        seed: { type: 'string' },
        'print-json': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    }));
  } catch (err) {
    throw new FlagError((err as Error).message);
  }
  if (values.help) return 'help';
  if (values.version) return 'version';
  const port = Number(values.port ?? '7070');
  if (!/^\d+$/.test(values.port ?? '7070') || port > 65535) throw new FlagError(`--port must be a number from 0 to 65535, not '${values.port}'`);
  const seed = values.seed ?? 'demo';
  if (seed !== 'demo' && seed !== 'none') throw new FlagError(`--seed must be demo or none, not '${seed}'`);
  if (values.db === '') throw new FlagError('--db needs a file path or :memory:');
  return { port, bind: values.bind ?? '127.0.0.1', db: values.db ?? './pipes-emulator.db', seed, printJson: values['print-json'] ?? false };
}

async function main(): Promise<number | undefined> {
  let flags: ReturnType<typeof parseFlags>;
  try {
    flags = parseFlags(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    process.stderr.write(`pipes-emulator: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (flags === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (flags === 'version') {
    process.stdout.write(`pipes-emulator ${VERSION}\n`);
    return 0;
  }

  // Listen for signals before announcing readiness: a supervisor may signal as soon as it reads the line.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stderr.write(`pipes-emulator: ${signal}, shutting down\n`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  // Unexpected errors are reported on stderr (startEmulator's default), so stdout stays clean.
  const emulator = await startEmulator({ port: flags.port, bind: flags.bind, db: flags.db, seed: flags.seed });
  if (flags.printJson) {
    process.stdout.write(`${JSON.stringify({ url: emulator.url, token: emulator.token, user: emulator.user })}\n`);
  } else {
    process.stdout.write(
      [
        `pipes-emulator ${VERSION} listening on ${emulator.url} (database: ${flags.db})`,
        `  API:         ${emulator.url}/api/v0`,
        `  demo token:  ${emulator.token}`,
        '',
        'Try:',
        `  PIPES_HOST=${emulator.url} PIPES_TOKEN=${emulator.token} pipesctl auth status`,
        '',
        'Press Ctrl+C to stop.',
        '',
      ].join('\n'),
    );
  }

  await stopped;
  await emulator.close();
  return 0;
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`pipes-emulator: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
