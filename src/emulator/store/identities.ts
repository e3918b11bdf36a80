// Identities: users and live orgs together, by handle (handles are unique across both).
import type { Database } from 'better-sqlite3';
import { pageOf, type Page, type PageQuery } from './paging';
import type { IdentityRow } from './rows';

// Placeholder users made by an email invite have no account yet: they are not identities.
const IDENTITIES = `
  SELECT id, handle, display_name, 'user' AS type, NULL AS avatar_key FROM users WHERE status = 'accepted'
  UNION ALL
  SELECT id, handle, display_name, 'org' AS type, avatar_key FROM orgs WHERE deleted_at IS NULL`;

export class IdentitiesRepo {
  private readonly listStmt;
  private readonly byHandleStmt;

  constructor(db: Database) {
    // q matches handles and display names, case-insensitively, as a plain substring.
    this.listStmt = db.prepare<[Record<string, unknown>], IdentityRow>(
      `SELECT * FROM (${IDENTITIES}) WHERE handle > @after
         AND (@q IS NULL OR instr(lower(handle), @q) > 0 OR instr(lower(coalesce(display_name, '')), @q) > 0)
       ORDER BY handle LIMIT @limit`,
    );
    this.byHandleStmt = db.prepare<[string], IdentityRow>(`SELECT * FROM (${IDENTITIES}) WHERE handle = ?`);
  }

  list(q: string | undefined, page: PageQuery): Page<IdentityRow> {
    const [after] = (page.after ?? ['']) as [string];
    const rows = this.listStmt.all({ q: q ? q.toLowerCase() : null, after, limit: page.limit + 1 });
    return pageOf(rows, page.limit, (r) => [r.handle]);
  }

  byHandle(handle: string): IdentityRow | undefined {
    return this.byHandleStmt.get(handle);
  }
}
