// Key/value facts about the database itself (schema version, the seed's kind, tenant and user
// ids). Kept on reset. Never a secret: tokens are stored only as hashes, in their own table.
import type { Database } from 'better-sqlite3';

export class MetaRepo {
  private readonly getStmt;
  private readonly setStmt;
  private readonly deleteStmt;

  constructor(db: Database) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.setStmt = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.deleteStmt = db.prepare('DELETE FROM meta WHERE key = ?');
  }

  delete(key: string): void {
    this.deleteStmt.run(key);
  }

  get(key: string): string | undefined {
    return this.getStmt.get(key)?.value;
  }

  set(key: string, value: string): void {
    this.setStmt.run(key, value);
  }

  getJson<T>(key: string): T | undefined {
    const value = this.get(key);
    return value === undefined ? undefined : (JSON.parse(value) as T);
  }

  setJson(key: string, value: unknown): void {
    this.set(key, JSON.stringify(value));
  }
}
