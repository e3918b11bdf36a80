// API tokens: user tokens (created through /user/{h}/token or by the seed) and the
// temporary tokens the login flow issues. Only a SHA-256 hash of each secret is kept: the
// secret is returned once, by create().
import type { Database } from 'better-sqlite3';
import { newId, newTokenSecret } from '../ids';
import { hashSecret } from './migrate';
import { pageOf, type Page, type PageQuery } from './paging';
import { joinedUser, USER_COLUMNS, type JoinedUserColumns, type TokenRow, type UserRow } from './rows';

export interface NewToken {
  user_id: string;
  token_type: 'user' | 'temporary';
  expires_at?: number | null;
  title?: string | null;
  /** Reuse a secret the process holds (the seed's tokens, made again on reset); otherwise a new one is made. */
  secret?: string;
  /** Made for a seed user as the emulator started on an existing file: does not count against the user's limit. */
  at_start?: boolean;
  /**
   * When the authority behind the token was granted; default now. A token made with another
   * token carries that token's issue time, so a reset of an org (token_min_issued_at) covers both.
   */
  issued_at?: number;
}

/** A token as made: the row and, this once, its secret. */
export type CreatedToken = TokenRow & { secret: string };

export class TokensRepo {
  private readonly bySecretStmt;
  private readonly withUserStmt;
  private readonly byIdStmt;
  private readonly insertStmt;
  private readonly listStmt;
  private readonly countUserTokensStmt;
  private readonly updateStmt;
  private readonly deleteStmt;

  constructor(db: Database) {
    this.bySecretStmt = db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE secret_hash = ? AND deleted_at IS NULL');
    this.withUserStmt = db.prepare<[string], TokenRow & JoinedUserColumns>(
      `SELECT t.*, ${USER_COLUMNS}
       FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.secret_hash = ? AND t.deleted_at IS NULL`,
    );
    this.byIdStmt = db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE id = ? AND deleted_at IS NULL');
    this.insertStmt = db.prepare(
      `INSERT INTO tokens (id, user_id, secret_hash, last4, token_type, at_start, status, title, description, issued_at, expires_at,
         version_id, created_at, created_by_id, updated_at, updated_by_id, deleted_at)
       VALUES (@id, @user_id, @secret_hash, @last4, @token_type, @at_start, @status, @title, @description, @issued_at, @expires_at,
         @version_id, @created_at, @created_by_id, @updated_at, @updated_by_id, @deleted_at)`,
    );
    this.listStmt = db.prepare<[Record<string, unknown>], TokenRow>(
      `SELECT * FROM tokens WHERE user_id = @user AND deleted_at IS NULL
         AND (created_at, id) > (@at, @id)
       ORDER BY created_at, id LIMIT @limit`,
    );
    this.countUserTokensStmt = db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM tokens WHERE user_id = ? AND token_type = 'user' AND at_start = 0 AND deleted_at IS NULL`,
    );
    this.updateStmt = db.prepare(
      `UPDATE tokens SET status = @status, title = @title, description = @description,
         version_id = version_id + 1, updated_at = @now, updated_by_id = @actor WHERE id = @id`,
    );
    this.deleteStmt = db.prepare(
      `UPDATE tokens SET deleted_at = @now, version_id = version_id + 1, updated_at = @now, updated_by_id = @actor
       WHERE id = @id`,
    );
  }

  bySecret(secret: string): TokenRow | undefined {
    return this.bySecretStmt.get(hashSecret(secret));
  }

  /** The live token with this secret and its user, in one query (the callers an Authenticator has not kept). */
  withUser(secret: string): { token: TokenRow; user: UserRow } | undefined {
    const row = this.withUserStmt.get(hashSecret(secret));
    if (!row) return undefined;
    // Built field by field: object rest (`...token`) is a slow path in V8.
    const token: TokenRow = {
      id: row.id,
      user_id: row.user_id,
      secret_hash: row.secret_hash,
      last4: row.last4,
      token_type: row.token_type,
      at_start: row.at_start,
      status: row.status,
      title: row.title,
      description: row.description,
      issued_at: row.issued_at,
      expires_at: row.expires_at,
      version_id: row.version_id,
      created_at: row.created_at,
      created_by_id: row.created_by_id,
      updated_at: row.updated_at,
      updated_by_id: row.updated_by_id,
      deleted_at: row.deleted_at,
    };
    return { token, user: joinedUser(row) };
  }

  byId(id: string): TokenRow | undefined {
    return this.byIdStmt.get(id);
  }

  create(token: NewToken, actorId: string, now: number): CreatedToken {
    const secret = token.secret ?? newTokenSecret();
    const row: TokenRow = {
      id: newId('k'),
      user_id: token.user_id,
      secret_hash: hashSecret(secret),
      last4: secret.slice(-4),
      token_type: token.token_type,
      at_start: token.at_start ? 1 : 0,
      status: 'active',
      title: token.title ?? null,
      description: null,
      issued_at: Math.min(token.issued_at ?? now, now),
      expires_at: token.expires_at ?? null,
      version_id: 1,
      created_at: now,
      created_by_id: actorId,
      updated_at: now,
      updated_by_id: actorId,
      deleted_at: null,
    };
    this.insertStmt.run(row);
    return { ...row, secret };
  }

  listForUser(userId: string, page: PageQuery): Page<TokenRow> {
    const [at, id] = (page.after ?? [-1, '']) as [number, string];
    const rows = this.listStmt.all({ user: userId, at, id, limit: page.limit + 1 });
    return pageOf(rows, page.limit, (r) => [r.created_at, r.id]);
  }

  /** Live user tokens (temporary login tokens and those made at a start do not count against the limit). */
  userTokenCount(userId: string): number {
    return this.countUserTokensStmt.get(userId)!.n;
  }

  update(id: string, changes: { status: string; title: string | null; description: string | null }, actorId: string, now: number): TokenRow {
    this.updateStmt.run({ ...changes, id, now, actor: actorId });
    return this.byId(id)!;
  }

  /** Soft delete; returns the row as it was at deletion. */
  delete(id: string, actorId: string, now: number): TokenRow {
    const before = this.byId(id)!;
    this.deleteStmt.run({ id, now, actor: actorId });
    return { ...before, deleted_at: now, version_id: before.version_id + 1, updated_at: now, updated_by_id: actorId };
  }
}
