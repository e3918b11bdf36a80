// The emulator's storage: one SQLite database (a file or ':memory:') and a repository per
// resource. Everything is synchronous, so a handler's checks and writes cannot interleave
// with another request's.
import Database, { type Statement } from 'better-sqlite3';
import { AuditRepo } from './audit';
import { AvatarsRepo } from './avatars';
import { BillingRepo } from './billing';
import { IdentitiesRepo } from './identities';
import { LoginRequestsRepo } from './login';
import { MembersRepo } from './members';
import { MetaRepo } from './meta';
import { OrgsRepo } from './orgs';
import { prepareDatabaseFiles, isFilePath } from './files';
import { migrate } from './migrate';
import { PaymentMethodsRepo } from './payment-methods';
import { RememberedReads } from './remembered';
import { DATA_TABLES, SCHEMA, SCHEMA_VERSION } from './schema';
import { TokensRepo } from './tokens';
import { UsageRepo } from './usage';
import { UsersRepo } from './users';
import { WorkspacesRepo } from './workspaces';

export class Store {
  readonly db: Database.Database;
  readonly meta: MetaRepo;
  readonly users: UsersRepo;
  readonly orgs: OrgsRepo;
  readonly members: MembersRepo;
  readonly tokens: TokensRepo;
  readonly workspaces: WorkspacesRepo;
  readonly usage: UsageRepo;
  readonly billing: BillingRepo;
  readonly audit: AuditRepo;
  readonly loginRequests: LoginRequestsRepo;
  readonly avatars: AvatarsRepo;
  readonly paymentMethods: PaymentMethodsRepo;
  readonly identities: IdentitiesRepo;
  /** Reads of users, tokens, orgs and memberships kept between requests while they hold. */
  readonly reads: RememberedReads;
  private readonly totalChangesStmt: Statement<[], number>;

  constructor(path: string) {
    if (isFilePath(path)) prepareDatabaseFiles(path);
    this.db = new Database(path);
    this.runInTransaction = this.db.transaction((fn: () => unknown) => fn());
    if (path !== ':memory:') {
      this.db.pragma('journal_mode = WAL');
      // No fsync per commit: a committed write survives a crash of the process, not necessarily
      // one of the OS or a power loss (see the README).
      this.db.pragma('synchronous = NORMAL');
      // WAL with NORMAL syncs only at checkpoints: checkpoint every ~40 MB of changes rather than
      // every 4 MB, so a burst of writes is not paced by fsync.
      this.db.pragma('wal_autocheckpoint = 10000');
      // A 32 MiB page cache (the default is 2 MiB): paging through a 50,000-member org stays in memory.
      this.db.pragma('cache_size = -32768');
      this.db.pragma('busy_timeout = 5000');
    }
    // Statement and savepoint journals in memory: a batch of requests (run again with a savepoint
    // each when one fails after writing, see app.ts) outgrows the 64 KiB after which SQLite would
    // write them to a temporary file.
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma('foreign_keys = ON');
    try {
      migrate(this.db, path);
    } catch (err) {
      this.db.close();
      throw err;
    }
    this.db.exec(SCHEMA);
    this.meta = new MetaRepo(this.db);
    this.meta.set('schema_version', String(SCHEMA_VERSION));
    this.users = new UsersRepo(this.db);
    this.orgs = new OrgsRepo(this.db);
    this.members = new MembersRepo(this.db);
    this.tokens = new TokensRepo(this.db);
    this.workspaces = new WorkspacesRepo(this.db);
    this.usage = new UsageRepo(this.db);
    this.billing = new BillingRepo(this.db);
    this.audit = new AuditRepo(this.db);
    this.loginRequests = new LoginRequestsRepo(this.db);
    this.avatars = new AvatarsRepo(this.db);
    this.paymentMethods = new PaymentMethodsRepo(this.db);
    this.identities = new IdentitiesRepo(this.db);
    this.reads = new RememberedReads(this.db, ['users', 'tokens', 'orgs', 'org_members']);
    this.totalChangesStmt = this.db.prepare<[], number>('SELECT total_changes()').pluck();
  }

  /** Rows inserted, updated or deleted by this connection so far (triggers' included): a write happened when it moves. */
  totalChanges(): number {
    return this.totalChangesStmt.get()!;
  }

  /** Run fn in one transaction: all of its writes happen, or none. */
  transaction<T>(fn: () => T): T {
    return this.runInTransaction(fn) as T;
  }

  /** One wrapper for every transaction (making one per call costs more than a commit); nested calls are savepoints. */
  private readonly runInTransaction: (fn: () => unknown) => unknown;

  /** Empty every data table (meta stays). */
  wipe(): void {
    this.transaction(() => {
      for (const table of DATA_TABLES) this.db.prepare(`DELETE FROM ${table}`).run();
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export type { Page, PageKey, PageQuery } from './paging';
export type * from './rows';
