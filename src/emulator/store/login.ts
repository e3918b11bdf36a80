// Login (temporary token) requests: pending until a signed-in browser confirms them.
import type { Database } from 'better-sqlite3';
import { newLoginRequestId } from '../ids';
import type { LoginRequestRow } from './rows';

export class LoginRequestsRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly confirmStmt;
  private readonly setTokenStmt;
  private readonly deleteStmt;
  private readonly failStmt;

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO login_requests (id, state, client_ip, code, user_id, token_id, created_at, updated_at, failed_attempts, auth_issued_at)
       VALUES (@id, @state, @client_ip, @code, @user_id, @token_id, @created_at, @updated_at, @failed_attempts, @auth_issued_at)`,
    );
    this.byIdStmt = db.prepare<[string], LoginRequestRow>('SELECT * FROM login_requests WHERE id = ?');
    this.confirmStmt = db.prepare(
      `UPDATE login_requests SET state = 'confirmed', code = ?, user_id = ?, auth_issued_at = ?, updated_at = ? WHERE id = ?`,
    );
    this.failStmt = db.prepare(
      `UPDATE login_requests SET failed_attempts = failed_attempts + 1,
         state = CASE WHEN failed_attempts + 1 >= ? THEN 'expired' ELSE state END, updated_at = ? WHERE id = ?`,
    );
    this.setTokenStmt = db.prepare('UPDATE login_requests SET token_id = ?, updated_at = ? WHERE id = ?');
    this.deleteStmt = db.prepare('DELETE FROM login_requests WHERE id = ?');
  }

  create(clientIp: string, now: number): LoginRequestRow {
    const row: LoginRequestRow = {
      id: newLoginRequestId(),
      state: 'pending',
      client_ip: clientIp,
      code: null,
      user_id: null,
      token_id: null,
      created_at: now,
      updated_at: now,
      failed_attempts: 0,
      auth_issued_at: null,
    };
    this.insertStmt.run(row);
    return row;
  }

  byId(id: string): LoginRequestRow | undefined {
    return this.byIdStmt.get(id);
  }

  /** `authIssuedAt`: the issue time of the token that confirmed it (null: a browser session, now). */
  confirm(id: string, code: string, userId: string, authIssuedAt: number | null, now: number): LoginRequestRow {
    this.confirmStmt.run(code, userId, authIssuedAt, now, id);
    return this.byId(id)!;
  }

  /** Count a wrong code; the request becomes `expired` (void) at `limit` wrong codes. */
  fail(id: string, limit: number, now: number): LoginRequestRow {
    this.failStmt.run(limit, now, id);
    return this.byId(id)!;
  }

  setToken(id: string, tokenId: string, now: number): LoginRequestRow {
    this.setTokenStmt.run(tokenId, now, id);
    return this.byId(id)!;
  }

  delete(id: string): void {
    this.deleteStmt.run(id);
  }
}
