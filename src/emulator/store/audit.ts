// The audit log of org mutations, newest first.
import type { Database } from 'better-sqlite3';
import { newId } from '../ids';
import { pageOf, type Page, type PageQuery } from './paging';
import type { AuditRow } from './rows';

export type NewAuditRecord = Omit<AuditRow, 'seq' | 'id' | 'data'> & { data: Record<string, unknown> };

export class AuditRepo {
  private readonly insertStmt;
  private readonly listStmt;

  constructor(db: Database) {
    // Positional parameters: binding by name costs a property lookup per column.
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (id, org_id, action_type, actor_id, actor_handle, actor_display_name, actor_ip,
         target_id, target_handle, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.listStmt = db.prepare<[string, number, number], AuditRow>(
      'SELECT * FROM audit_log WHERE org_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
    );
  }

  record(entry: NewAuditRecord): void {
    const { org_id, action_type, actor_id, actor_handle, actor_display_name, actor_ip, target_id, target_handle, data, created_at } = entry;
    this.insertStmt.run(
      newId('a'), org_id, action_type, actor_id, actor_handle, actor_display_name, actor_ip,
      target_id, target_handle, JSON.stringify(data), created_at,
    );
  }

  list(orgId: string, page: PageQuery): Page<AuditRow> {
    const [seq] = (page.after ?? [Number.MAX_SAFE_INTEGER]) as [number];
    const rows = this.listStmt.all(orgId, seq, page.limit + 1);
    return pageOf(rows, page.limit, (r) => [r.seq]);
  }
}
