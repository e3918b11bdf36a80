// Org memberships (invited and accepted), always read together with their user.
import type { Database } from 'better-sqlite3';
import { newId } from '../ids';
import { pageOf, type Page, type PageQuery } from './paging';
import { joinedUser, USER_COLUMNS, type JoinedUserColumns, type MemberRow, type MemberWithUser } from './rows';

const WITH_USER = `SELECT m.*, ${USER_COLUMNS}
  FROM org_members m JOIN users u ON u.id = m.user_id`;

type JoinedRow = MemberRow & JoinedUserColumns;

function withUser(row: JoinedRow): MemberWithUser {
  return {
    id: row.id,
    org_id: row.org_id,
    user_id: row.user_id,
    role: row.role,
    status: row.status,
    version_id: row.version_id,
    created_at: row.created_at,
    created_by_id: row.created_by_id,
    updated_at: row.updated_at,
    updated_by_id: row.updated_by_id,
    last_activity_at: row.last_activity_at,
    user: joinedUser(row),
  };
}

/** `%text%` for LIKE, with the wildcard characters of the search text escaped. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface NewMember {
  org_id: string;
  user_id: string;
  role: string;
  status: 'invited' | 'accepted';
  last_activity_at?: number | null;
}

export class MembersRepo {
  private readonly byHandleStmt;
  private readonly byUserStmt;
  private readonly byIdStmt;
  private readonly listStmt;
  private readonly searchStmt;
  private readonly listForUserStmt;
  private readonly insertStmt;
  private readonly updateRoleStmt;
  private readonly deleteStmt;
  private readonly acceptStmt;
  private readonly ownersStmt;
  private readonly acceptedStmt;

  constructor(db: Database) {
    this.byHandleStmt = db.prepare<[string, string], JoinedRow>(`${WITH_USER} WHERE m.org_id = ? AND u.handle = ?`);
    this.byUserStmt = db.prepare<[string, string], MemberRow>('SELECT * FROM org_members WHERE org_id = ? AND user_id = ?');
    this.byIdStmt = db.prepare<[string], JoinedRow>(`${WITH_USER} WHERE m.id = ?`);
    // A row-value comparison: SQLite seeks the (org_id, created_at, id) index straight to the key.
    const after = '(m.created_at, m.id) > (@at, @id)';
    this.listStmt = db.prepare<[Record<string, unknown>], JoinedRow>(
      `${WITH_USER} WHERE m.org_id = @org AND ${after} ORDER BY m.created_at, m.id LIMIT @limit`,
    );
    this.searchStmt = db.prepare<[Record<string, unknown>], JoinedRow>(
      `${WITH_USER} WHERE m.org_id = @org AND ${after}
         AND (u.handle LIKE @q ESCAPE '\\' OR u.display_name LIKE @q ESCAPE '\\' OR u.email LIKE @q ESCAPE '\\')
       ORDER BY m.created_at, m.id LIMIT @limit`,
    );
    this.listForUserStmt = db.prepare<[Record<string, unknown>], MemberRow>(
      `SELECT m.* FROM org_members m JOIN orgs o ON o.id = m.org_id
       WHERE m.user_id = @user AND m.status = @status AND o.deleted_at IS NULL AND ${after}
       ORDER BY m.created_at, m.id LIMIT @limit`,
    );
    // Positional parameters: binding by name costs a property lookup per column.
    this.insertStmt = db.prepare(
      `INSERT INTO org_members (id, org_id, user_id, role, status, version_id, created_at, created_by_id,
         updated_at, updated_by_id, last_activity_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateRoleStmt = db.prepare(
      'UPDATE org_members SET role = ?, version_id = version_id + 1, updated_at = ?, updated_by_id = ? WHERE id = ?',
    );
    this.deleteStmt = db.prepare('DELETE FROM org_members WHERE id = ?');
    this.acceptStmt = db.prepare(
      `UPDATE org_members SET status = 'accepted', version_id = version_id + 1, updated_at = ?, updated_by_id = user_id,
         last_activity_at = ? WHERE id = ?`,
    );
    this.ownersStmt = db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM org_members WHERE org_id = ? AND role = 'owner' AND status = 'accepted'`,
    );
    this.acceptedStmt = db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM org_members WHERE org_id = ? AND status = 'accepted'`,
    );
  }

  byHandle(orgId: string, userHandle: string): MemberWithUser | undefined {
    const row = this.byHandleStmt.get(orgId, userHandle);
    return row && withUser(row);
  }

  byId(id: string): MemberWithUser | undefined {
    const row = this.byIdStmt.get(id);
    return row && withUser(row);
  }

  /** The user's membership of the org (invited or accepted), if any. */
  forUser(orgId: string, userId: string): MemberRow | undefined {
    return this.byUserStmt.get(orgId, userId);
  }

  /** Members and invites of an org, oldest first; `q` filters by handle, display name or email. */
  list(orgId: string, q: string | undefined, page: PageQuery): Page<MemberWithUser> {
    const [at, id] = (page.after ?? [-1, '']) as [number, string];
    const params = { org: orgId, at, id, limit: page.limit + 1, q: q ? containsPattern(q) : undefined };
    const rows = q ? this.searchStmt.all(params) : this.listStmt.all({ ...params, q: undefined });
    return pageOf(rows.map(withUser), page.limit, (r) => [r.created_at, r.id]);
  }

  /** The user's memberships of live orgs with the given status, oldest first. */
  listForUser(userId: string, status: 'invited' | 'accepted', page: PageQuery): Page<MemberRow> {
    const [at, id] = (page.after ?? [-1, '']) as [number, string];
    const rows = this.listForUserStmt.all({ user: userId, status, at, id, limit: page.limit + 1 });
    return pageOf(rows, page.limit, (r) => [r.created_at, r.id]);
  }

  add(member: NewMember, actorId: string, now: number): MemberRow {
    const row: MemberRow = {
      id: newId('m'),
      org_id: member.org_id,
      user_id: member.user_id,
      role: member.role,
      status: member.status,
      version_id: 1,
      created_at: now,
      created_by_id: actorId,
      updated_at: now,
      updated_by_id: actorId,
      last_activity_at: member.last_activity_at ?? null,
    };
    this.insertStmt.run(
      row.id, row.org_id, row.user_id, row.role, row.status, row.version_id,
      row.created_at, row.created_by_id, row.updated_at, row.updated_by_id, row.last_activity_at,
    );
    return row;
  }

  /** As add, or undefined when the user already has a membership of the org (invited or accepted). */
  tryAdd(member: NewMember, actorId: string, now: number): MemberRow | undefined {
    try {
      return this.add(member, actorId, now);
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return undefined;
      throw err;
    }
  }

  updateRole(id: string, role: string, actorId: string, now: number): MemberWithUser {
    this.updateRoleStmt.run(role, now, actorId, id);
    return this.byId(id)!;
  }

  /** The invited user accepts: the invitation becomes a membership. */
  accept(id: string, now: number): MemberWithUser {
    this.acceptStmt.run(now, now, id);
    return this.byId(id)!;
  }

  remove(id: string): void {
    this.deleteStmt.run(id);
  }

  acceptedOwnerCount(orgId: string): number {
    return this.ownersStmt.get(orgId)!.n;
  }

  acceptedCount(orgId: string): number {
    return this.acceptedStmt.get(orgId)!.n;
  }
}
