// Daily usage metrics of an org, filtered by the SQL-like `where` of GET /org/{h}/usage.
import type { Database, Statement } from 'better-sqlite3';
import { pageOf, type Page, type PageQuery } from './paging';
import type { UsageRow } from './rows';

export type NewUsage = Omit<UsageRow, 'seq'>;

/** A parsed `where` filter: a SQL condition on usage_metrics columns and its parameters. */
export interface UsageFilter {
  sql: string;
  params: Array<string | number>;
}

export class UsageRepo {
  private readonly db: Database;
  private readonly insertStmt;
  private readonly listStmts = new Map<string, Statement<unknown[], UsageRow>>();

  constructor(db: Database) {
    this.db = db;
    this.insertStmt = db.prepare(
      `INSERT INTO usage_metrics (org_id, usage_date, dimension, metric, unit, billing_mode, value, value_rounded,
         value_weighted, workspace_id, instance_type)
       VALUES (@org_id, @usage_date, @dimension, @metric, @unit, @billing_mode, @value, @value_rounded,
         @value_weighted, @workspace_id, @instance_type)`,
    );
  }

  insert(row: NewUsage): void {
    this.insertStmt.run(row);
  }

  /** Oldest day first. */
  list(orgId: string, filter: UsageFilter | null, page: PageQuery): Page<UsageRow> {
    const condition = filter ? ` AND (${filter.sql})` : '';
    const sql = `SELECT * FROM usage_metrics WHERE org_id = ? AND (usage_date, seq) > (?, ?)${condition}
      ORDER BY usage_date, seq LIMIT ?`;
    let stmt = this.listStmts.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], UsageRow>(sql);
      this.listStmts.set(sql, stmt);
    }
    const [date, seq] = (page.after ?? [Number.MIN_SAFE_INTEGER, -1]) as [number, number];
    const rows = stmt.all(orgId, date, seq, ...(filter?.params ?? []), page.limit + 1);
    return pageOf(rows, page.limit, (r) => [r.usage_date, r.seq]);
  }

  /** Sum of a metric over [from, to), for the upcoming invoice estimate. */
  total(orgId: string, metric: string, from: number, to: number): number {
    const row = this.db
      .prepare<[string, string, number, number], { total: number | null }>(
        'SELECT sum(value) AS total FROM usage_metrics WHERE org_id = ? AND metric = ? AND usage_date >= ? AND usage_date < ?',
      )
      .get(orgId, metric, from, to);
    return row?.total ?? 0;
  }
}
