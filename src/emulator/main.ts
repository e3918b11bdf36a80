// The pipes-emulator executable: parse flags, start the server, print how to reach it,
// close cleanly on SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { VERSION } from './version';
import { isLoopbackHost, isWildcard, localAddresses, startEmulator } from './index';

const USAGE = `Usage: pipes-emulator [options]

A local Pipes-compatible API server (the org administration part of Pipes API v0).

Options:
  --port <port>        port to listen on, 0 for any free port (default 7070)
  --bind <address>     address to listen on (default 127.0.0.1); any other than a
                       loopback address needs --public
  --public             allow a --bind address other hosts can reach: anyone who can
                       reach it can use the API and, unless --no-controls, the controls
  --public-url <url>   the URL users reach the emulator at (a proxy, a container port):
                       URLs it hands out start with it, and its host is accepted
  --no-controls        turn the test controls under /_emulator/ off
  --db <path>          SQLite database file, or :memory: (default ./pipes-emulator.db)
  --seed <demo|none>   data for an empty database (default demo)
  --print-json         print {"url","token","user"} as one JSON line once ready
  --help               show this help
  --version            show the version

It answers only requests whose Host names it (a loopback name, the bound address or
the --public-url host), refuses requests from web pages of other origins, and needs
Content-Type: application/json on request bodies. See the README's Security section.

Examples:
  pipes-emulator --port 0 --db :memory: --print-json
  pipes-emulator --bind 0.0.0.0 --public --no-controls --public-url http://devbox:7070
`;

interface Flags {
  port: number;
  bind: string;
  db: string;
  seed: 'demo' | 'none';
  printJson: boolean;
  public: boolean;
  publicUrl?: string;
  controls: boolean;
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
        public: { type: 'boolean' },
        'public-url': { type: 'string' },
        'no-controls': { type: 'boolean' },
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
  const bind = values.bind ?? '127.0.0.1';
  if (!isLoopbackHost(bind) && !values.public) {
    throw new FlagError(`--bind ${bind} would let other hosts use the emulator${values['no-controls'] ? '' : ' and its controls'}; add --public if that is what you want`);
  }
  return {
    port,
    bind,
    db: values.db ?? './pipes-emulator.db',
    seed,
    printJson: values['print-json'] ?? false,
    public: values.public ?? false,
    publicUrl: values['public-url'],
    controls: !values['no-controls'],
  };
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
  let emulator;
  try {
    emulator = await startEmulator({
      port: flags.port,
      bind: flags.bind,
      db: flags.db,
      seed: flags.seed,
      public: flags.public,
      publicUrl: flags.publicUrl,
      controls: flags.controls,
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      process.stderr.write(`pipes-emulator: port ${flags.port} on ${flags.bind} is already in use (another pipes-emulator?); choose another with --port, or --port 0 for any free port\n`);
      return 1;
    }
    if (code === 'EADDRNOTAVAIL') {
      process.stderr.write(`pipes-emulator: ${flags.bind} is not an address of this machine; use --bind 127.0.0.1\n`);
      return 1;
    }
    if (code === 'EACCES') {
      process.stderr.write(`pipes-emulator: not allowed to listen on port ${flags.port}; choose a port above 1023, or --port 0 for any free port\n`);
      return 1;
    }
    throw err;
  }
  if (!isLoopbackHost(flags.bind)) process.stderr.write(`${publicNotice(flags, emulator.url)}\n`);
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

/** Who can reach a public emulator, said once at start (on stderr, so --print-json stays one line). */
function publicNotice(flags: Flags, url: string): string {
  const port = new URL(url).port;
  const addresses = isWildcard(flags.bind) ? localAddresses().filter((a) => !isLoopbackHost(a)) : [flags.bind];
  const where = addresses.length ? addresses.map((a) => (a.includes(':') ? `[${a}]` : a)).join(', ') : flags.bind;
  const controls = flags.controls
    ? ', including its controls under /_emulator/ (reset, new users with tokens, the seed tokens); --no-controls turns them off'
    : ' (its controls are off)';
  return `pipes-emulator: --public: every host that can reach ${where} on port ${port} can use this emulator${controls}.`;
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
