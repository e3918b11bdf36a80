// Workspaces of an org. Read-only through the API; the seed creates them.
import type { Database } from 'better-sqlite3';
import { newId } from '../ids';
import { pageOf, type Page, type PageQuery } from './paging';
import type { WorkspaceRow } from './rows';

export type NewWorkspace = Pick<WorkspaceRow, 'org_id' | 'handle' | 'host' | 'instance_type' | 'db_volume_size_bytes'> &
  Partial<Pick<WorkspaceRow, 'desired_state' | 'state' | 'hive'>>;

export class WorkspacesRepo {
  private readonly insertStmt;
  private readonly listStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO workspaces (id, org_id, handle, host, hive, instance_type, desired_state, state,
         db_volume_size_bytes, database_name, api_version, cli_version, version_id, created_at, created_by_id,
         updated_at, updated_by_id)
       VALUES (@id, @org_id, @handle, @host, @hive, @instance_type, @desired_state, @state,
         @db_volume_size_bytes, @database_name, @api_version, @cli_version, @version_id, @created_at,
         @created_by_id, @updated_at, @updated_by_id)`,
    );
    this.listStmt = db.prepare<[Record<string, unknown>], WorkspaceRow>(
      `SELECT * FROM workspaces WHERE org_id = @org AND (created_at, id) > (@at, @id)
       ORDER BY created_at, id LIMIT @limit`,
    );
  }

  create(ws: NewWorkspace, actorId: string, now: number): WorkspaceRow {
    const id = newId('w');
    const row: WorkspaceRow = {
      id,
      org_id: ws.org_id,
      handle: ws.handle,
      host: ws.host,
      hive: ws.hive ?? 'usea1-shared-01',
      instance_type: ws.instance_type,
      desired_state: ws.desired_state ?? 'enabled',
      state: ws.state ?? 'enabled',
      db_volume_size_bytes: ws.db_volume_size_bytes,
      // Stable for the life of the workspace, so it does not change when the org is renamed.
      database_name: `d${id.slice(2, 10)}`,
      api_version: 'v0.24.2',
      cli_version: 'v0.24.2',
      version_id: 1,
      created_at: now,
      created_by_id: actorId,
      updated_at: now,
      updated_by_id: actorId,
    };
    this.insertStmt.run(row);
    return row;
  }

  list(orgId: string, page: PageQuery): Page<WorkspaceRow> {
    const [at, id] = (page.after ?? [-1, '']) as [number, string];
    const rows = this.listStmt.all({ org: orgId, at, id, limit: page.limit + 1 });
    return pageOf(rows, page.limit, (r) => [r.created_at, r.id]);
  }
}
