// Uploaded org avatars, served back by the emulator at their avatar_url.
import type { Database } from 'better-sqlite3';
import type { AvatarRow } from './rows';

export class AvatarsRepo {
  private readonly insertStmt;
  private readonly byKeyStmt;
  private readonly deleteForOrgStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      'INSERT OR REPLACE INTO avatars (key, org_id, content_type, data, created_at) VALUES (@key, @org_id, @content_type, @data, @created_at)',
    );
    this.byKeyStmt = db.prepare<[string], AvatarRow>('SELECT * FROM avatars WHERE key = ?');
    this.deleteForOrgStmt = db.prepare('DELETE FROM avatars WHERE org_id = ?');
  }

  /** Replace the org's avatar (only the current one is kept). */
  put(row: AvatarRow): void {
    this.deleteForOrgStmt.run(row.org_id);
    this.insertStmt.run(row);
  }

  byKey(key: string): AvatarRow | undefined {
    return this.byKeyStmt.get(key);
  }

  deleteForOrg(orgId: string): void {
    this.deleteForOrgStmt.run(orgId);
  }
}
