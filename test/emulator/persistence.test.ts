// A file database keeps everything across restarts, and the executable speaks the
// --print-json protocol other tests and scripts rely on.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { startEmulator } from '../../src/emulator/index';
import { apiClient } from '../helpers/api-client';
import { ensureBuilt } from '../helpers/build';

const dir = mkdtempSync(join(tmpdir(), 'pipes-emulator-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The executable tests run dist/emulator.js.
beforeAll(() => ensureBuilt(), 120_000);

describe('file database', () => {
  it('keeps orgs, members and earlier tokens across a restart, and does not seed again', async () => {
    const db = join(dir, 'restart.db');
    const first = await startEmulator({ port: 0, db });
    const api1 = apiClient(() => first);
    expect((await api1('POST', '/org', { body: { handle: 'kept', display_name: 'Kept Inc' } })).status).toBe(201);
    expect((await api1('POST', '/org/kept/member/invite', { body: { email: 'kim@example.com', role: 'owner' } })).status).toBe(201);
    expect((await api1('PATCH', '/org/acme', { body: { display_name: 'Changed' } })).status).toBe(200);
    expect((await api1('DELETE', '/org/hobby')).status).toBe(200);
    await first.close();

    const second = await startEmulator({ port: 0, db });
    try {
      // A new demo token for this start; the one printed at the first start still works.
      expect(second.token).not.toBe(first.token);
      const api2 = apiClient(() => second);
      expect((await api2('GET', '/actor')).body.handle).toBe('demo');
      expect((await api2('GET', '/actor', { token: first.token })).body.handle).toBe('demo');
      expect((await api2('GET', '/org/kept')).body.display_name).toBe('Kept Inc');
      const members = await api2('GET', '/org/kept/member');
      expect(members.body.items.map((m: { user_handle: string; status: string }) => [m.user_handle, m.status])).toEqual([
        ['demo', 'accepted'],
        ['kim', 'invited'],
      ]);
      expect((await api2('GET', '/org/acme')).body.display_name).toBe('Changed');
      expect((await api2('GET', '/org/hobby')).status).toBe(404);
    } finally {
      await second.close();
    }
  });
});

describe('secrets in a file database', () => {
  it('never writes a token in clear: not at the first start, not after a restart or a reset', async () => {
    const db = join(dir, 'secrets.db');
    const seen: string[] = [];
    const seedTokens = async (url: string) =>
      Object.values(((await (await fetch(`${url}/_emulator/seed`)).json()) as { tokens: Record<string, string> }).tokens);
    const first = await startEmulator({ port: 0, db });
    seen.push(...(await seedTokens(first.url)));
    await first.close();
    const second = await startEmulator({ port: 0, db });
    try {
      const api = apiClient(() => second);
      seen.push(...(await seedTokens(second.url)));
      const minted = await api('POST', '/user/demo/token', { body: {} });
      expect(minted.status, JSON.stringify(minted.body)).toBe(201);
      seen.push(minted.body.token);
      expect((await fetch(`${second.url}/_emulator/reset`, { method: 'POST' })).status).toBeLessThan(300);
      seen.push(...(await seedTokens(second.url)));
      expect(new Set(seen).size).toBeGreaterThanOrEqual(5);
    } finally {
      await second.close();
    }
    const bytes = ['', '-wal', '-shm']
      .map((suffix) => `${db}${suffix}`)
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString('latin1'))
      .join('\n');
    expect(bytes.length).toBeGreaterThan(0);
    for (const secret of new Set(seen)) expect(bytes.includes(secret), `a token in clear in ${db}`).toBe(false);
  });
});

/** The database file and its -wal, as bytes, after a checkpoint (what a copy of the files would hold). */
function fileBytes(db: string): string {
  const sqlite = new Database(db);
  try {
    sqlite.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    sqlite.close();
  }
  return [db, `${db}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('');
}

async function seedTokens(url: string): Promise<string[]> {
  const seed = (await (await fetch(`${url}/_emulator/seed`)).json()) as { tokens: Record<string, string> };
  return Object.values(seed.tokens);
}

describe('seed tokens', () => {
  it('are never stored in clear: a restart and reset serve working tokens kept only in memory', async () => {
    const db = join(dir, 'seed-secrets.db');
    const first = await startEmulator({ port: 0, db });
    const firstTokens = [first.token, ...(await seedTokens(first.url))];
    expect(firstTokens).toHaveLength(3);
    await first.close();

    const second = await startEmulator({ port: 0, db });
    let printed: string[];
    try {
      printed = [second.token, ...(await seedTokens(second.url))];
      expect(printed[0]).not.toBe(first.token);
      const api = apiClient(() => second);
      expect((await api('GET', '/actor', { token: second.token })).body.handle).toBe('demo');
      expect((await api('GET', '/actor', { token: printed[2] })).body.handle).toBe('jane');
      expect((await api('GET', '/actor', { token: first.token })).body.handle).toBe('demo');
      // Reset makes the seed again with the tokens this process serves.
      expect((await fetch(`${second.url}/_emulator/reset`, { method: 'POST' })).status).toBe(200);
      expect(await seedTokens(second.url)).toEqual(printed.slice(1));
      expect((await api('GET', '/actor', { token: second.token })).body.handle).toBe('demo');
      expect((await api('GET', '/actor', { token: printed[2] })).body.handle).toBe('jane');
    } finally {
      await second.close();
    }
    const bytes = fileBytes(db);
    expect(bytes.length).toBeGreaterThan(0);
    for (const token of [...firstTokens, ...printed]) expect(bytes).not.toContain(token);
  });

  it('kept in clear by an older file are removed from it, and the tokens keep working', async () => {
    const db = join(dir, 'v3.db');
    const first = await startEmulator({ port: 0, db });
    const [demo, jane] = await seedTokens(first.url);
    await first.close();
    // Turn it back into a version-3 file: the seed's secrets in clear in meta.
    const sqlite = new Database(db);
    sqlite.exec('ALTER TABLE tokens DROP COLUMN at_start');
    sqlite.prepare("INSERT INTO meta (key, value) VALUES ('seed_tokens', ?)").run(JSON.stringify({ demo, jane }));
    sqlite.exec("DELETE FROM meta WHERE key = 'seed_users'");
    sqlite.prepare("UPDATE meta SET value = '3' WHERE key = 'schema_version'").run();
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.close();
    expect(readFileSync(db).toString('latin1')).toContain(demo);

    const second = await startEmulator({ port: 0, db });
    try {
      const api = apiClient(() => second);
      expect((await api('GET', '/actor', { token: demo! })).body.handle).toBe('demo');
      expect((await api('GET', '/actor', { token: jane! })).body.handle).toBe('jane');
      const fresh = await seedTokens(second.url);
      expect(fresh).toHaveLength(2);
      expect((await api('GET', '/actor', { token: fresh[1]! })).body.handle).toBe('jane');
    } finally {
      await second.close();
    }
    const bytes = fileBytes(db);
    expect(bytes).not.toContain(demo);
    expect(bytes).not.toContain(jane);
  });
});

function runEmulator(args: string[]) {
  const child = spawn(process.execPath, ['dist/emulator.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describe('an older database file', () => {
  it('is brought up to date: token secrets become hashes, and the tokens keep working', async () => {
    const db = join(dir, 'old.db');
    const first = await startEmulator({ port: 0, db });
    const token = first.token;
    await first.close();
    // Turn it back into a version-1 file: secrets in clear, no login-code columns.
    const sqlite = new Database(db);
    sqlite.exec('ALTER TABLE tokens RENAME COLUMN secret_hash TO secret');
    sqlite.exec('ALTER TABLE tokens DROP COLUMN last4');
    sqlite.exec('ALTER TABLE login_requests DROP COLUMN failed_attempts');
    sqlite.exec('ALTER TABLE login_requests DROP COLUMN auth_issued_at');
    // Titled as a user's own token: the seed's token is made anew at each start.
    sqlite.prepare("UPDATE tokens SET secret = ?, title = 'kept' WHERE title = ?").run(token, 'demo');
    sqlite.prepare("UPDATE meta SET value = '1' WHERE key = 'schema_version'").run();
    sqlite.close();

    const second = await startEmulator({ port: 0, db });
    try {
      const api = apiClient(() => second);
      expect((await api('GET', '/actor', { token })).body.handle).toBe('demo');
      const listed = await api('GET', '/user/demo/token', { token });
      expect(listed.body.items.find((t: { title?: string }) => t.title === 'kept').last4).toBe(token.slice(-4));
    } finally {
      await second.close();
    }
    const after = new Database(db, { readonly: true });
    try {
      expect(JSON.stringify(after.prepare('SELECT * FROM tokens').all())).not.toContain(token);
    } finally {
      after.close();
    }
  });
});

describe('the pipes-emulator executable', () => {
  it('prints exactly one JSON line with --print-json, serves, and exits 0 on SIGTERM', async () => {
    const { child, exited } = runEmulator(['--port', '0', '--db', ':memory:', '--print-json']);
    const lines: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n')));
    const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
    const ready = JSON.parse(first) as { url: string; token: string; user: string };
    expect(Object.keys(ready)).toEqual(['url', 'token', 'user']);
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.token).toMatch(/^tpt_/);
    expect(ready.user).toBe('demo');
    const actor = await fetch(`${ready.url}/api/v0/actor`, { headers: { authorization: `Bearer ${ready.token}` } });
    expect(actor.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.filter((l) => l !== '')).toEqual([first]);
  });

  it('prints a working demo token at every run on a database file; earlier ones keep working', async () => {
    const db = join(dir, 'cli.db');
    const tokens: string[] = [];
    for (let run = 0; run < 3; run++) {
      const { child, exited } = runEmulator(['--port', '0', '--db', db, '--print-json']);
      const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
      const ready = JSON.parse(line) as { url: string; token: string };
      tokens.push(ready.token);
      for (const token of tokens) {
        const actor = await fetch(`${ready.url}/api/v0/actor`, { headers: { authorization: `Bearer ${token}` } });
        expect(actor.status).toBe(200);
      }
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
    expect(new Set(tokens).size).toBe(3);
    // The tokens made at a start do not use up demo's own two: it can still make one.
    const last = await startEmulator({ port: 0, db });
    try {
      expect((await apiClient(() => last)('POST', '/user/demo/token', { body: { title: 'ci' } })).status).toBe(201);
    } finally {
      await last.close();
    }
  });

  it('exits 2 with a message on bad flags', async () => {
    for (const args of [['--port', 'abc'], ['--seed', 'lots'], ['--frobnicate']]) {
      const { exited, stderr } = runEmulator(args);
      expect(await exited).toBe(2);
      expect(stderr()).toMatch(/pipes-emulator: .+/);
    }
  });

  it('refuses a non-loopback --bind without --public (exit 2); with --public says who can reach it', async () => {
    const refused = runEmulator(['--port', '0', '--db', ':memory:', '--bind', '0.0.0.0']);
    expect(await refused.exited).toBe(2);
    expect(refused.stderr()).toMatch(/--bind 0\.0\.0\.0 would let other hosts use the emulator and its controls; add --public/);

    const open = runEmulator(['--port', '0', '--db', ':memory:', '--bind', '0.0.0.0', '--public', '--no-controls', '--print-json']);
    const line = await new Promise<string>((resolve) => createInterface({ input: open.child.stdout }).once('line', resolve));
    const ready = JSON.parse(line) as { url: string };
    const port = new URL(ready.url).port;
    await vi.waitFor(() => expect(open.stderr()).toContain(`on port ${port} can use this emulator (its controls are off)`));
    expect((await fetch(`${ready.url}/_emulator/seed`)).status).toBe(404);
    open.child.kill('SIGTERM');
    expect(await open.exited).toBe(0);
  });

  it('a port in use is one line suggesting --port 0 (exit 1), not a raw EADDRINUSE', async () => {
    const running = await startEmulator({ port: 0 });
    try {
      const port = new URL(running.url).port;
      const second = runEmulator(['--port', port, '--db', ':memory:']);
      expect(await second.exited).toBe(1);
      expect(second.stderr()).toBe(`pipes-emulator: port ${port} on 127.0.0.1 is already in use (another pipes-emulator?); choose another with --port, or --port 0 for any free port\n`);
    } finally {
      await running.close();
    }
  });
});
