// The cards an org pays with (Stripe-like; the emulator keeps brand, last 4 and expiry only).
import type { Database } from 'better-sqlite3';
import { newId } from '../ids';
import type { PaymentMethodRow } from './rows';

export type NewPaymentMethod = Omit<PaymentMethodRow, 'id'>;

export class PaymentMethodsRepo {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly byIdStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO payment_methods (id, org_id, type, brand, last4, exp_month, exp_year, country, funding, is_default, created_at)
       VALUES (@id, @org_id, @type, @brand, @last4, @exp_month, @exp_year, @country, @funding, @is_default, @created_at)`,
    );
    this.listStmt = db.prepare<[string], PaymentMethodRow>('SELECT * FROM payment_methods WHERE org_id = ? ORDER BY created_at, id');
    this.byIdStmt = db.prepare<[string, string], PaymentMethodRow>('SELECT * FROM payment_methods WHERE org_id = ? AND id = ?');
  }

  create(method: NewPaymentMethod): PaymentMethodRow {
    const row: PaymentMethodRow = { id: newId('pm'), ...method };
    this.insertStmt.run(row);
    return row;
  }

  list(orgId: string): PaymentMethodRow[] {
    return this.listStmt.all(orgId);
  }

  byId(orgId: string, id: string): PaymentMethodRow | undefined {
    return this.byIdStmt.get(orgId, id);
  }
}
