// pipes-emulator as a library: start a local Pipes-compatible API server in-process.
//
//   const emu = await startEmulator({ port: 0 });   // :memory: database, demo seed
//   fetch(`${emu.url}/api/v0/actor`, { headers: { authorization: `Bearer ${emu.token}` } });
//   await emu.close();
//
// Test controls live under `${url}/_emulator/` (see routes/controls.ts); the seed is
// described in seed.ts.
import type { AddressInfo } from 'node:net';
import { Emulator } from './app';
import type { SeedKind } from './seed';
import { Guard, isLoopbackHost, isWildcard } from './guard';
import { createEmulatorServer } from './server';
import { Store } from './store';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Address to listen on; default 127.0.0.1. Anything but a loopback address needs `public`. */
  bind?: string;
  /** Allow a bind address other hosts can reach (the controls are then theirs too, unless `controls: false`). */
  public?: boolean;
  /** The URL users reach the emulator at, when not its bound address: URLs it hands out start with it. */
  publicUrl?: string;
  /** Whether the test controls under /_emulator/ answer; default true. */
  controls?: boolean;
  /** A database file path, or ':memory:' (the default). */
  db?: string;
  /** Seed for an empty database; default 'demo'. */
  seed?: SeedKind;
  /** The emulator's idea of now (record times, usage dates, token expiry). */
  clock?: () => Date;
  /** Where unexpected errors (answered 500) are reported; default stderr. */
  onError?: (err: unknown) => void;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`; the API is under `${url}/api/v0`. */
  url: string;
  /** The demo user's token: made at this start (a new one at each start on an existing file), valid across reset. */
  token: string;
  user: 'demo';
  close(): Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const bind = opts.bind ?? '127.0.0.1';
  if (!isLoopbackHost(bind) && !opts.public) {
    throw new Error(`${bind} is not a loopback address: other hosts could reach the emulator and its controls; allow that with --public (and consider --no-controls)`);
  }
  const publicUrl = opts.publicUrl === undefined ? undefined : parsePublicUrl(opts.publicUrl);
  const store = new Store(opts.db ?? ':memory:');
  let emulator: Emulator;
  try {
    emulator = new Emulator({
      store,
      clock: opts.clock ?? (() => new Date()),
      seed: opts.seed ?? 'demo',
      controls: opts.controls ?? true,
      onError: opts.onError ?? ((err) => process.stderr.write(`pipes-emulator: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)),
    });
  } catch (err) {
    store.close();
    throw err;
  }
  const server = createEmulatorServer(emulator);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, bind, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    store.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const host = isWildcard(bind) ? '127.0.0.1' : bind.includes(':') ? `[${bind}]` : bind;
  const url = `http://${host}:${port}`;
  emulator.listening(publicUrl?.origin ?? url, new Guard({ port, bind, publicUrl }));
  let closing: Promise<void> | undefined;
  return {
    url,
    token: emulator.seedTokens().demo!,
    user: 'demo',
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          emulator.commitPending();
          store.close();
          resolve();
        });
        server.closeAllConnections();
      })),
  };
}

function parsePublicUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`the public URL '${text}' is not a URL such as http://emulator.internal:7070`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new Error(`the public URL '${text}' must be an http(s) origin such as http://emulator.internal:7070, without a path`);
  }
  return url;
}

export { isLoopbackHost, localAddresses, isWildcard } from './guard';
export type { SeedKind } from './seed';
export type { FaultConfig } from './faults';
export type { LoggedRequest } from './request-log';
