// Brings a database made by an earlier version of pipes-emulator up to SCHEMA_VERSION.
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { SCHEMA_VERSION } from './schema';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function schemaVersion(db: Database): number | undefined {
  const meta = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!meta || meta.n === 0) return undefined;
  const row = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema_version'").get();
  return row === undefined ? undefined : Number(row.value);
}

/** Version 2 added tables only (payment methods), which SCHEMA creates. */
function from1(): void {}

/** Versions 1 and 2 kept token secrets in clear and had no limit on wrong login codes. */
function from2(db: Database): void {
  db.exec('ALTER TABLE tokens RENAME COLUMN secret TO secret_hash');
  db.exec("ALTER TABLE tokens ADD COLUMN last4 TEXT NOT NULL DEFAULT ''");
  const rows = db.prepare<[], { id: string; secret_hash: string }>('SELECT id, secret_hash FROM tokens').all();
  const update = db.prepare('UPDATE tokens SET secret_hash = ?, last4 = ? WHERE id = ?');
  for (const row of rows) update.run(hashSecret(row.secret_hash), row.secret_hash.slice(-4), row.id);
  db.exec('ALTER TABLE login_requests ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0');
  db.exec('ALTER TABLE login_requests ADD COLUMN auth_issued_at INTEGER');
}

/**
 * Version 3 kept the seed users' token secrets in clear in meta (`seed_tokens`): delete them and
 * record only who the seed users are (`seed_users`, handle to id; a start mints their tokens).
 * Tokens made at a start do not count against a user's limit, so they get a column saying so.
 */
function from3(db: Database): void {
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(tokens)').all();
  if (!columns.some((c) => c.name === 'at_start')) db.exec('ALTER TABLE tokens ADD COLUMN at_start INTEGER NOT NULL DEFAULT 0');
  const kind = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'seed'").get()?.value;
  if (kind !== undefined) {
    const userId = db.prepare<[string], { id: string }>('SELECT id FROM users WHERE handle = ?');
    const users: Record<string, string> = {};
    for (const handle of kind === 'none' ? ['demo'] : ['demo', 'jane']) {
      const user = userId.get(handle);
      if (user) users[handle] = user.id;
    }
    db.prepare("INSERT INTO meta (key, value) VALUES ('seed_users', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(users));
  }
  db.exec("DELETE FROM meta WHERE key = 'seed_tokens'");
}

const STEPS: Record<number, (db: Database) => void> = { 1: from1, 2: from2, 3: from3 };

/** Run the steps from the database's version to the current one; a newer or unknown version is an error. */
export function migrate(db: Database, path: string): void {
  const found = schemaVersion(db);
  if (found === undefined || found === SCHEMA_VERSION) return;
  if (!(found < SCHEMA_VERSION) || !STEPS[found]) {
    throw new Error(`${path} was made by another version of pipes-emulator (schema ${found}, expected ${SCHEMA_VERSION})`);
  }
  // Overwrite what a step deletes (secrets kept in clear by older versions), not just unlink it.
  db.pragma('secure_delete = ON');
  try {
    db.transaction(() => {
      for (let version = found; version < SCHEMA_VERSION; version++) STEPS[version]!(db);
      db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION));
    })();
  } finally {
    db.pragma('secure_delete = OFF');
  }
}
