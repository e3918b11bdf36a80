// Orgs. A deleted org keeps its row (deleted_at set) but frees its handle.
import type { Database } from 'better-sqlite3';
import { newId } from '../ids';
import { pageOf, type Page, type PageQuery } from './paging';
import type { MemberRow, OrgRow } from './rows';

/** An org row from a raw row whose first columns are ORG_COLUMNS (a literal, so V8 keeps one shape). */
function orgFromRaw(r: unknown[]): OrgRow {
  return {
    id: r[0] as string,
    handle: r[1] as string,
    display_name: r[2] as string | null,
    url: r[3] as string | null,
    avatar_key: r[4] as string | null,
    billing_status: r[5] as string,
    billing_status_updated_at: r[6] as number,
    token_min_issued_at: r[7] as number | null,
    usage_compute_action: r[8] as string | null,
    usage_compute_threshold: r[9] as number | null,
    usage_storage_action: r[10] as string | null,
    usage_storage_threshold: r[11] as number | null,
    usage_user_action: r[12] as string | null,
    usage_user_threshold: r[13] as number | null,
    version_id: r[14] as number,
    created_at: r[15] as number,
    created_by_id: r[16] as string,
    updated_at: r[17] as number,
    updated_by_id: r[18] as string,
    deleted_at: r[19] as number | null,
    deleted_by_id: r[20] as string | null,
  };
}

/** Every column of an org row, in the order orgFromRaw reads them: for queries that read rows as arrays. */
const ORG_COLUMNS = Object.keys(orgFromRaw([])) as Array<keyof OrgRow>;

export interface NewOrg {
  handle: string;
  display_name?: string | null;
  url?: string | null;
  billing_status: string;
}

/** The columns a PATCH may change. */
export type OrgChanges = Partial<
  Pick<
    OrgRow,
    | 'handle'
    | 'display_name'
    | 'url'
    | 'avatar_key'
    | 'billing_status'
    | 'token_min_issued_at'
    | 'usage_compute_action'
    | 'usage_compute_threshold'
    | 'usage_storage_action'
    | 'usage_storage_threshold'
    | 'usage_user_action'
    | 'usage_user_threshold'
  >
>;

const CHANGEABLE = new Set<string>([
  'handle',
  'display_name',
  'url',
  'avatar_key',
  'billing_status',
  'token_min_issued_at',
  'usage_compute_action',
  'usage_compute_threshold',
  'usage_storage_action',
  'usage_storage_threshold',
  'usage_user_action',
  'usage_user_threshold',
]);

export class OrgsRepo {
  private readonly db: Database;
  private readonly byIdStmt;
  private readonly liveByHandleStmt;
  private readonly insertStmt;
  private readonly deleteStmt;
  private readonly listForUserStmt;
  private readonly withMemberStmt;
  private readonly updateStmts = new Map<string, ReturnType<Database['prepare']>>();

  constructor(db: Database) {
    this.db = db;
    this.byIdStmt = db.prepare<[string], OrgRow>('SELECT * FROM orgs WHERE id = ?');
    this.liveByHandleStmt = db.prepare<[string], OrgRow>('SELECT * FROM orgs WHERE handle = ? AND deleted_at IS NULL');
    this.insertStmt = db.prepare(
      `INSERT INTO orgs (id, handle, display_name, url, avatar_key, billing_status, billing_status_updated_at,
         token_min_issued_at, usage_compute_action, usage_compute_threshold, usage_storage_action,
         usage_storage_threshold, usage_user_action, usage_user_threshold, version_id, created_at,
         created_by_id, updated_at, updated_by_id, deleted_at, deleted_by_id)
       VALUES (@id, @handle, @display_name, @url, @avatar_key, @billing_status, @billing_status_updated_at,
         @token_min_issued_at, @usage_compute_action, @usage_compute_threshold, @usage_storage_action,
         @usage_storage_threshold, @usage_user_action, @usage_user_threshold, @version_id, @created_at,
         @created_by_id, @updated_at, @updated_by_id, @deleted_at, @deleted_by_id)`,
    );
    // Raw rows (arrays, columns in the order named): cheaper than an object per row with 30 keys.
    this.withMemberStmt = db
      .prepare<[string, string], unknown[]>(
        `SELECT ${ORG_COLUMNS.map((c) => `o.${c}`).join(', ')},
           m.id, m.role, m.status, m.version_id, m.created_at, m.created_by_id, m.updated_at, m.updated_by_id, m.last_activity_at
         FROM orgs o LEFT JOIN org_members m ON m.org_id = o.id AND m.user_id = ?
         WHERE o.handle = ? AND o.deleted_at IS NULL`,
      )
      .raw(true);
    this.deleteStmt = db.prepare(
      `UPDATE orgs SET deleted_at = ?, deleted_by_id = ?, updated_at = ?, updated_by_id = ?,
         version_id = version_id + 1 WHERE id = ?`,
    );
    this.listForUserStmt = db.prepare<[string, number, string, number], OrgRow>(
      `SELECT o.* FROM orgs o JOIN org_members m ON m.org_id = o.id
       WHERE m.user_id = ? AND m.status = 'accepted' AND o.deleted_at IS NULL
         AND (o.created_at, o.id) > (?, ?)
       ORDER BY o.created_at, o.id LIMIT ?`,
    );
  }

  byId(id: string): OrgRow | undefined {
    return this.byIdStmt.get(id);
  }

  liveByHandle(handle: string): OrgRow | undefined {
    return this.liveByHandleStmt.get(handle);
  }

  /** The live org with this handle and the user's membership of it (invited or accepted), in one query. */
  liveWithMember(handle: string, userId: string): { org: OrgRow; member: MemberRow | undefined } | undefined {
    const row = this.withMemberStmt.get(userId, handle);
    if (!row) return undefined;
    const org = orgFromRaw(row);
    const m = ORG_COLUMNS.length;
    const member: MemberRow | undefined =
      row[m] === null
        ? undefined
        : {
            id: row[m] as string,
            org_id: org.id,
            user_id: userId,
            role: row[m + 1] as string,
            status: row[m + 2] as string,
            version_id: row[m + 3] as number,
            created_at: row[m + 4] as number,
            created_by_id: row[m + 5] as string,
            updated_at: row[m + 6] as number,
            updated_by_id: row[m + 7] as string,
            last_activity_at: row[m + 8] as number | null,
          };
    return { org, member };
  }

  /** Live orgs by id, for rendering a page of memberships in one query. */
  byIds(ids: string[]): Map<string, OrgRow> {
    if (ids.length === 0) return new Map();
    const rows = this.db
      .prepare<string[], OrgRow>(`SELECT * FROM orgs WHERE id IN (${ids.map(() => '?').join(',')})`)
      .all(...ids);
    return new Map(rows.map((row) => [row.id, row]));
  }

  create(org: NewOrg, actorId: string, now: number): OrgRow {
    const row: OrgRow = {
      id: newId('o'),
      handle: org.handle,
      display_name: org.display_name ?? null,
      url: org.url ?? null,
      avatar_key: null,
      billing_status: org.billing_status,
      billing_status_updated_at: now,
      token_min_issued_at: null,
      usage_compute_action: null,
      usage_compute_threshold: null,
      usage_storage_action: null,
      usage_storage_threshold: null,
      usage_user_action: null,
      usage_user_threshold: null,
      version_id: 1,
      created_at: now,
      created_by_id: actorId,
      updated_at: now,
      updated_by_id: actorId,
      deleted_at: null,
      deleted_by_id: null,
    };
    this.insertStmt.run(row);
    return row;
  }

  /** Apply changes, bump the version and return the new row. */
  update(id: string, changes: OrgChanges, actorId: string, now: number): OrgRow {
    const columns = Object.keys(changes).filter((c) => CHANGEABLE.has(c)).sort();
    const sql = `UPDATE orgs SET ${columns.map((c) => `${c} = @${c}, `).join('')}
      version_id = version_id + 1, updated_at = @now, updated_by_id = @actor WHERE id = @id`;
    let stmt = this.updateStmts.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.updateStmts.set(sql, stmt);
    }
    const params: Record<string, unknown> = { id, now, actor: actorId };
    for (const c of columns) params[c] = (changes as Record<string, unknown>)[c] ?? null;
    stmt.run(params);
    return this.byId(id)!;
  }

  softDelete(id: string, actorId: string, now: number): OrgRow {
    this.deleteStmt.run(now, actorId, now, actorId, id);
    return this.byId(id)!;
  }

  /** Live orgs the user is an accepted member of, oldest first. */
  listForUser(userId: string, page: PageQuery): Page<OrgRow> {
    const [at, id] = (page.after ?? [-1, '']) as [number, string];
    const rows = this.listForUserStmt.all(userId, at, id, page.limit + 1);
    return pageOf(rows, page.limit, (r) => [r.created_at, r.id]);
  }
}
