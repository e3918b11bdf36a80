// Reads worth keeping between requests (who a token belongs to, a caller's access to an org),
// kept while none of the rows they came from can have changed.
//
// They are built only from rows that an INSERT cannot change: a new row never alters an existing
// one, and a read that found nothing is never kept. So what invalidates them is an UPDATE or a
// DELETE of the tables they read, counted by triggers in this connection's temp schema (never
// in the file), or a commit by another connection to the file (data_version, looked at once per
// turn of the event loop: requests read in the same turn arrived together). The emulator also
// forgets everything whenever a transaction or savepoint is rolled back.
import type { Database, Statement } from 'better-sqlite3';

/** How many reads are kept; past that they are all dropped and kept again as asked for. */
const CAPACITY = 1024;

export class RememberedReads {
  private readonly changesStmt: Statement<[], number>;
  private readonly dataVersionStmt: Statement<[], number>;
  private readonly kept = new Map<string, unknown>();
  private keptAt = '';
  /** data_version as read in this turn of the event loop. */
  private othersThisTurn: number | undefined;
  private readonly newTurn = () => {
    this.othersThisTurn = undefined;
  };

  constructor(db: Database, tables: readonly string[]) {
    const triggers = tables.flatMap((table) =>
      ['UPDATE', 'DELETE'].map(
        (op) => `CREATE TEMP TRIGGER IF NOT EXISTS ${table}_${op.toLowerCase()}_counted AFTER ${op} ON main.${table}
                 BEGIN UPDATE rows_changed SET n = n + 1; END;`,
      ),
    );
    db.exec(`
      CREATE TEMP TABLE IF NOT EXISTS rows_changed (n INTEGER NOT NULL);
      INSERT INTO rows_changed SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM rows_changed);
      ${triggers.join('\n')}
    `);
    this.changesStmt = db.prepare<[], number>('SELECT n FROM temp.rows_changed').pluck();
    this.dataVersionStmt = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /** The value kept under `key`, or `read()`'s, kept when it is not undefined. */
  remember<T>(key: string, read: () => T | undefined): T | undefined {
    if (this.othersThisTurn === undefined) {
      this.othersThisTurn = this.dataVersionStmt.get()!;
      setImmediate(this.newTurn);
    }
    const stamp = `${this.changesStmt.get()!}/${this.othersThisTurn}`;
    if (stamp !== this.keptAt) {
      this.kept.clear();
      this.keptAt = stamp;
    }
    let value = this.kept.get(key) as T | undefined;
    if (value === undefined) {
      value = read();
      if (value !== undefined) {
        if (this.kept.size >= CAPACITY) this.kept.clear();
        this.kept.set(key, value);
      }
    }
    return value;
  }

  forget(): void {
    this.kept.clear();
    this.keptAt = '';
  }
}
