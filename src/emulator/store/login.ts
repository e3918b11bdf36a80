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

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO login_requests (id, state, client_ip, code, user_id, token_id, created_at, updated_at)
       VALUES (@id, @state, @client_ip, @code, @user_id, @token_id, @created_at, @updated_at)`,
    );
    this.byIdStmt = db.prepare<[string], LoginRequestRow>('SELECT * FROM login_requests WHERE id = ?');
    this.confirmStmt = db.prepare(
      `UPDATE login_requests SET state = 'confirmed', code = ?, user_id = ?, updated_at = ? WHERE id = ?`,
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
    };
    this.insertStmt.run(row);
    return row;
  }

  byId(id: string): LoginRequestRow | undefined {
    return this.byIdStmt.get(id);
  }

  confirm(id: string, code: string, userId: string, now: number): LoginRequestRow {
    this.confirmStmt.run(code, userId, now, id);
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
