// Users: real accounts and the placeholders an email invite creates.
import type { Database } from 'better-sqlite3';
import { Conflict } from '../errors';
import { newId } from '../ids';
import type { UserRow } from './rows';

export interface NewUser {
  handle: string;
  email?: string | null;
  display_name?: string | null;
  /** `accepted` for real accounts, `pending` for placeholders made by an email invite. */
  status?: string;
}

export class UsersRepo {
  private readonly byIdStmt;
  private readonly byHandleStmt;
  private readonly byEmailStmt;
  private readonly insertStmt;
  private readonly handleInUseStmt;
  private readonly highestSuffixStmt;

  constructor(db: Database) {
    this.byIdStmt = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
    this.byHandleStmt = db.prepare<[string], UserRow>('SELECT * FROM users WHERE handle = ?');
    this.byEmailStmt = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?');
    // Positional parameters: binding by name costs a property lookup per column.
    this.insertStmt = db.prepare(
      'INSERT INTO users (id, handle, email, display_name, status, version_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.highestSuffixStmt = db.prepare<[{ pattern: string; from: number }], { n: number | null }>(
      `SELECT max(n) AS n FROM (
         SELECT CAST(substr(handle, @from) AS INTEGER) AS n FROM users WHERE handle GLOB @pattern
         UNION ALL
         SELECT CAST(substr(handle, @from) AS INTEGER) AS n FROM orgs WHERE handle GLOB @pattern AND deleted_at IS NULL)`,
    );
    // Handles are unique across users and live orgs.
    this.handleInUseStmt = db.prepare<[string, string], { n: number }>(
      `SELECT (SELECT count(*) FROM users WHERE handle = ?) +
              (SELECT count(*) FROM orgs WHERE handle = ? AND deleted_at IS NULL) AS n`,
    );
  }

  /**
   * The highest n for which a user or live org has the handle `${stem}-${n}` (n digits, perhaps
   * followed by more), or 0: the next free numbered handle in one query. GLOB with a literal
   * prefix seeks the handle indexes.
   */
  highestSuffix(stem: string): number {
    return this.highestSuffixStmt.get({ pattern: `${stem}-[0-9]*`, from: stem.length + 2 })!.n ?? 0;
  }

  byId(id: string): UserRow | undefined {
    return this.byIdStmt.get(id);
  }

  byHandle(handle: string): UserRow | undefined {
    return this.byHandleStmt.get(handle);
  }

  byEmail(email: string): UserRow | undefined {
    return this.byEmailStmt.get(email.toLowerCase());
  }

  /** Whether a user or a live org already uses this handle. */
  handleInUse(handle: string): boolean {
    return this.handleInUseStmt.get(handle, handle)!.n > 0;
  }

  /** `checked`: the caller has already made sure the handle and the email are free (no lookups again). */
  create(user: NewUser, now: number, opts: { checked?: boolean } = {}): UserRow {
    const email = user.email ? user.email.toLowerCase() : null;
    if (!opts.checked) {
      if (this.handleInUse(user.handle)) throw new Conflict(`the handle '${user.handle}' is already in use`);
      if (email && this.byEmail(email)) throw new Conflict(`a user with the email '${email}' already exists`);
    }
    const row: UserRow = {
      id: newId('u'),
      handle: user.handle,
      email,
      display_name: user.display_name ?? null,
      status: user.status ?? 'accepted',
      version_id: 1,
      created_at: now,
      updated_at: now,
    };
    this.insertStmt.run(row.id, row.handle, row.email, row.display_name, row.status, row.version_id, row.created_at, row.updated_at);
    return row;
  }
}
