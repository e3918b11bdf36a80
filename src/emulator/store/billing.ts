// Plans, the plan each org is on, its Stripe-like subscriptions and invoices.
import type { Database } from 'better-sqlite3';
import { newId } from '../ids';
import { pageOf, type Page, type PageQuery } from './paging';
import type { IdentityPlanRow, InvoiceRow, PlanRow, SubscriptionRow } from './rows';

export type NewInvoice = Omit<InvoiceRow, 'id'>;
export type NewSubscription = Omit<SubscriptionRow, 'id'>;

export class BillingRepo {
  private readonly insertPlanStmt;
  private readonly planByIdStmt;
  private readonly planByNameStmt;
  private readonly identityPlanStmt;
  private readonly setIdentityPlanStmt;
  private readonly insertSubscriptionStmt;
  private readonly subscriptionsStmt;
  private readonly insertInvoiceStmt;
  private readonly invoicesStmt;
  private readonly invoiceStmt;

  constructor(db: Database) {
    this.insertPlanStmt = db.prepare(
      `INSERT INTO plans (id, plan, title, description, version_id, created_at, updated_at)
       VALUES (@id, @plan, @title, @description, @version_id, @created_at, @updated_at)`,
    );
    this.planByIdStmt = db.prepare<[string], PlanRow>('SELECT * FROM plans WHERE id = ?');
    this.planByNameStmt = db.prepare<[string], PlanRow>('SELECT * FROM plans WHERE plan = ?');
    this.identityPlanStmt = db.prepare<[string], IdentityPlanRow>('SELECT * FROM identity_plans WHERE identity_id = ?');
    this.setIdentityPlanStmt = db.prepare(
      `INSERT INTO identity_plans (identity_id, plan_id, expires_at, version_id, created_at, created_by_id, updated_at, updated_by_id)
       VALUES (@identity_id, @plan_id, @expires_at, 1, @now, @actor, @now, @actor)
       ON CONFLICT (identity_id) DO UPDATE SET plan_id = excluded.plan_id, expires_at = excluded.expires_at,
         version_id = version_id + 1, updated_at = excluded.updated_at, updated_by_id = excluded.updated_by_id`,
    );
    this.insertSubscriptionStmt = db.prepare(
      `INSERT INTO subscriptions (id, org_id, status, currency, default_payment_method_id, created_at,
         current_period_start, current_period_end, items)
       VALUES (@id, @org_id, @status, @currency, @default_payment_method_id, @created_at,
         @current_period_start, @current_period_end, @items)`,
    );
    this.subscriptionsStmt = db.prepare<[string], SubscriptionRow>(
      'SELECT * FROM subscriptions WHERE org_id = ? ORDER BY created_at, id',
    );
    this.insertInvoiceStmt = db.prepare(
      `INSERT INTO invoices (id, org_id, status, total, currency, billing_reason, receipt_number, attempt_count,
         created_at, period_start, period_end)
       VALUES (@id, @org_id, @status, @total, @currency, @billing_reason, @receipt_number, @attempt_count,
         @created_at, @period_start, @period_end)`,
    );
    // Newest first, as billing pages show them.
    this.invoicesStmt = db.prepare<[Record<string, unknown>], InvoiceRow>(
      `SELECT * FROM invoices WHERE org_id = @org AND (created_at, id) < (@at, @id)
       ORDER BY created_at DESC, id DESC LIMIT @limit`,
    );
    this.invoiceStmt = db.prepare<[string, string], InvoiceRow>('SELECT * FROM invoices WHERE org_id = ? AND id = ?');
  }

  createPlan(plan: Pick<PlanRow, 'plan' | 'title' | 'description'>, now: number): PlanRow {
    const row: PlanRow = { id: newId('p'), ...plan, version_id: 1, created_at: now, updated_at: now };
    this.insertPlanStmt.run(row);
    return row;
  }

  planById(id: string): PlanRow | undefined {
    return this.planByIdStmt.get(id);
  }

  planByName(name: string): PlanRow | undefined {
    return this.planByNameStmt.get(name);
  }

  identityPlan(identityId: string): IdentityPlanRow | undefined {
    return this.identityPlanStmt.get(identityId);
  }

  setIdentityPlan(identityId: string, planId: string, expiresAt: number | null, actorId: string, now: number): IdentityPlanRow {
    this.setIdentityPlanStmt.run({ identity_id: identityId, plan_id: planId, expires_at: expiresAt, actor: actorId, now });
    return this.identityPlan(identityId)!;
  }

  createSubscription(sub: NewSubscription): SubscriptionRow {
    const row: SubscriptionRow = { id: newId('sub'), ...sub };
    this.insertSubscriptionStmt.run(row);
    return row;
  }

  subscriptions(orgId: string): SubscriptionRow[] {
    return this.subscriptionsStmt.all(orgId);
  }

  createInvoice(invoice: NewInvoice): InvoiceRow {
    const row: InvoiceRow = { id: newId('in'), ...invoice };
    this.insertInvoiceStmt.run(row);
    return row;
  }

  invoices(orgId: string, page: PageQuery): Page<InvoiceRow> {
    const [at, id] = (page.after ?? [Number.MAX_SAFE_INTEGER, '']) as [number, string];
    const rows = this.invoicesStmt.all({ org: orgId, at, id, limit: page.limit + 1 });
    return pageOf(rows, page.limit, (r) => [r.created_at, r.id]);
  }

  invoice(orgId: string, id: string): InvoiceRow | undefined {
    return this.invoiceStmt.get(orgId, id);
  }
}
