// Hostile data below the API: an emulator on a database file that the test also opens with
// SQLite, so records can hold what the API itself would refuse (control characters in a
// display name, an invoice field, a workspace host). The CLI's own defence is then tested
// whatever the server accepts.
//
//   const emu = useHostileEmulator();                           // at the top of the file
//   emu().sql("UPDATE orgs SET display_name = ? WHERE handle = 'acme'", HOSTILE);
//   expectSanitised(t.stdout());
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';
import { useTestContexts, type TestContext, type TestContextOptions } from './context';

/** A window-title sequence, a bell, colour codes and a right-to-left override. */
export const HOSTILE = 'Evil\u001b]0;pwned\u0007\u001b[31mRED\u001b[0m\u202eoops';
/** HOSTILE as a person must see it. */
export const HOSTILE_SHOWN = 'Evil^[]0;pwned^G^[[31mRED^[[0m<U+202E>oops';

export interface HostileEmulator {
  url: string;
  token: string;
  /** Runs one SQL statement on the emulator's database. */
  sql(statement: string, ...params: unknown[]): void;
}

export function useHostileEmulator(): () => HostileEmulator {
  let dir: string;
  let running: RunningEmulator;
  let db: Database.Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pipesctl-hostile-'));
    const file = join(dir, 'emulator.db');
    running = await startEmulator({ port: 0, db: file, seed: 'demo' });
    db = new Database(file);
    db.pragma('busy_timeout = 5000');
  });
  afterAll(async () => {
    db?.close();
    await running?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    const res = await fetch(`${running.url}/_emulator/reset`, { method: 'POST' });
    await res.arrayBuffer();
  });
  return () => ({
    url: running.url,
    token: running.token,
    sql: (statement, ...params) => {
      db.prepare(statement).run(...params);
    },
  });
}

/**
 * The hostile emulator, contexts (`newContext`), and `terminal()`: a colour terminal on stdout,
 * stderr and stdin, logged in as demo, acting on acme.
 */
export function useHostileTerminals(): {
  emu: () => HostileEmulator;
  newContext: (opts?: TestContextOptions) => TestContext;
  terminal: (opts?: TestContextOptions) => TestContext;
} {
  const emu = useHostileEmulator();
  const newContext = useTestContexts();
  const terminal = (opts: TestContextOptions = {}) =>
    newContext({ emulator: emu(), tty: true, ...opts, env: { PIPES_TOKEN: emu().token, PIPES_ORG: 'acme', FORCE_COLOR: '1', ...opts.env } });
  return { emu, newContext, terminal };
}

/**
 * Nothing of HOSTILE reaches the text raw: no OSC or its bell, not its colour codes, no bidi
 * override; and it is shown in caret notation instead (so nothing is hidden either).
 */
export function expectSanitised(text: string): void {
  expect(text).not.toContain('\u001b]');
  expect(text).not.toContain('\u0007');
  expect(text).not.toContain('\u202e');
  expect(text).not.toContain('\u001b[31mRED');
  expect(text).not.toContain('\u001b[0m');
  expect(text).toContain(HOSTILE_SHOWN);
}
