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
import { createEmulatorServer } from './server';
import { Store } from './store';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Address to listen on; default 127.0.0.1. */
  bind?: string;
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
  /** The demo user's token (stable for a given database file). */
  token: string;
  user: 'demo';
  close(): Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const store = new Store(opts.db ?? ':memory:');
  let emulator: Emulator;
  try {
    emulator = new Emulator({
      store,
      clock: opts.clock ?? (() => new Date()),
      seed: opts.seed ?? 'demo',
      onError: opts.onError ?? ((err) => process.stderr.write(`pipes-emulator: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)),
    });
  } catch (err) {
    store.close();
    throw err;
  }
  const server = createEmulatorServer(emulator);
  const bind = opts.bind ?? '127.0.0.1';
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
  const host = bind === '0.0.0.0' || bind === '::' ? '127.0.0.1' : bind.includes(':') ? `[${bind}]` : bind;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    token: emulator.seedTokens().demo!,
    user: 'demo',
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeAllConnections();
      })),
  };
}

export type { SeedKind } from './seed';
export type { FaultConfig } from './faults';
export type { LoggedRequest } from './request-log';
