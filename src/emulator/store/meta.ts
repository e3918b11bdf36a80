// Key/value facts about the database itself (schema version, the seed and its tokens).
// Kept on reset, so the demo token stays the same for the life of a database file.
import type { Database } from 'better-sqlite3';

export class MetaRepo {
  private readonly getStmt;
  private readonly setStmt;

  constructor(db: Database) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.setStmt = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
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
