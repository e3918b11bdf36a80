// The seed data the emulator starts with (and returns to on POST /_emulator/reset).
//
// `demo`: user `demo` owns `acme` ("Acme Corp", Team plan, billing active, members jane,
// carol and bob, an open invite for dave@example.com, workspaces `prod` and `dev` on
// usea1.db.pipes.turbot.com, 60 days of usage up to the clock's today, a subscription,
// three paid invoices, usage thresholds) and `hobby` (no paid plan, billing `preview`).
// `jane` is only a member of acme. Both have a user token. The database keeps only hashes of
// tokens: the seed users' secrets live in the emulator process (app.ts), which makes them again
// on reset and mints new ones when it starts on an existing file. GET /_emulator/seed returns
// them as `{tokens: {demo, jane}}`.
//
// `none`: only the user `demo` and its token (no orgs).
import { newId, newTokenSecret } from './ids';
import { TEAM_INCLUDED_USERS, TEAM_PLAN, TEAM_PRICE_PER_EXTRA_USER_CENTS } from './plans';
import type { Store } from './store';
import type { OrgRow, UserRow, WorkspaceRow } from './store/rows';

export type SeedKind = 'demo' | 'none';
export type SeedTokens = Record<string, string>;

export const WORKSPACE_HOST = 'usea1.db.pipes.turbot.com';
export const USAGE_DAYS = 60;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const GB = 1024 ** 3;

export interface SeedResult {
  tenantId: string;
  tokens: SeedTokens;
  /** The seed users' ids by handle (the users a start mints tokens for). */
  users: Record<string, string>;
}

export interface SeedMemory {
  tenantId?: string;
  tokens?: SeedTokens;
}

/** Fill an empty database. `previous` keeps the tenant and token secrets of an earlier seed (held in memory). */
export function applySeed(store: Store, kind: SeedKind, clock: Date, previous?: SeedMemory): SeedResult {
  const now = clock.getTime();
  const tenantId = previous?.tenantId ?? newId('t');
  const tokenFor = (handle: string) => previous?.tokens?.[handle] ?? newTokenSecret();
  store.billing.createPlan(TEAM_PLAN, now - 1000 * DAY_MS);

  const demo = store.users.create(
    { handle: 'demo', email: 'demo@example.com', display_name: 'Demo User' },
    now - 500 * DAY_MS,
  );
  const tokens: SeedTokens = { demo: store.tokens.create({ user_id: demo.id, token_type: 'user', title: 'demo', secret: tokenFor('demo') }, demo.id, now).secret };
  const users: Record<string, string> = { demo: demo.id };
  if (kind === 'none') return { tenantId, tokens, users };

  const jane = store.users.create({ handle: 'jane', email: 'jane@example.com', display_name: 'Jane Doe' }, now - 420 * DAY_MS);
  tokens.jane = store.tokens.create({ user_id: jane.id, token_type: 'user', title: 'jane', secret: tokenFor('jane') }, jane.id, now).secret;
  users.jane = jane.id;
  const carol = store.users.create({ handle: 'carol', email: 'carol@example.com', display_name: 'Carol Chen' }, now - 300 * DAY_MS);
  const bob = store.users.create({ handle: 'bob', email: 'bob@example.com', display_name: 'Bob Smith' }, now - 200 * DAY_MS);
  // An email invite to someone without an account leaves a placeholder user, as the service does.
  const dave = store.users.create({ handle: 'dave', email: 'dave@example.com', display_name: 'dave@example.com', status: 'pending' }, now - 3 * DAY_MS);

  const acme = seedAcme(store, now, { demo, jane, carol, bob, dave });
  seedHobby(store, now, demo);
  seedUsage(store, clock, acme.org, acme.workspaces);
  seedBilling(store, clock, acme.org, demo, 4);
  return { tenantId, tokens, users };
}

function seedAcme(store: Store, now: number, users: Record<'demo' | 'jane' | 'carol' | 'bob' | 'dave', UserRow>) {
  const { demo, jane, carol, bob, dave } = users;
  const created = now - 400 * DAY_MS;
  let org = store.orgs.create(
    { handle: 'acme', display_name: 'Acme Corp', url: 'https://acme.example.com', billing_status: 'active' },
    demo.id,
    created,
  );
  org = store.orgs.update(
    org.id,
    {
      usage_compute_action: 'warn',
      usage_compute_threshold: 3_000,
      usage_storage_action: 'warn',
      usage_storage_threshold: 25,
      usage_user_action: 'cap_and_warn',
      usage_user_threshold: 10,
    },
    demo.id,
    created,
  );
  const team = store.billing.planByName(TEAM_PLAN.plan)!;
  store.billing.setIdentityPlan(org.id, team.id, null, demo.id, created);

  const memberships: Array<[UserRow, string, 'accepted' | 'invited', number, number | null]> = [
    [demo, 'owner', 'accepted', created, now - 1 * 3_600_000],
    [jane, 'member', 'accepted', now - 380 * DAY_MS, now - 2 * DAY_MS],
    [carol, 'member', 'accepted', now - 250 * DAY_MS, now - 9 * DAY_MS],
    [bob, 'member', 'accepted', now - 150 * DAY_MS, now - 40 * DAY_MS],
    [dave, 'member', 'invited', now - 3 * DAY_MS, null],
  ];
  for (const [user, role, status, at, lastActivity] of memberships) {
    store.members.add({ org_id: org.id, user_id: user.id, role, status, last_activity_at: lastActivity }, demo.id, at);
    store.audit.record({
      org_id: org.id,
      action_type: status === 'invited' ? 'org.member.invite' : 'org.member.add',
      actor_id: demo.id,
      actor_handle: demo.handle,
      actor_display_name: demo.display_name ?? demo.handle,
      actor_ip: '127.0.0.1',
      target_id: user.id,
      target_handle: user.handle,
      data: { role, status },
      created_at: at,
    });
  }

  const workspaces = [
    store.workspaces.create(
      { org_id: org.id, handle: 'prod', host: WORKSPACE_HOST, instance_type: 'db1.small', db_volume_size_bytes: 40 * GB },
      demo.id,
      created + DAY_MS,
    ),
    store.workspaces.create(
      { org_id: org.id, handle: 'dev', host: WORKSPACE_HOST, instance_type: 'db1.shared', db_volume_size_bytes: 10 * GB },
      demo.id,
      created + 2 * DAY_MS,
    ),
  ];
  return { org, workspaces };
}

function seedHobby(store: Store, now: number, demo: UserRow): void {
  const created = now - 90 * DAY_MS;
  const org = store.orgs.create({ handle: 'hobby', display_name: 'Hobby Projects', billing_status: 'preview' }, demo.id, created);
  store.members.add({ org_id: org.id, user_id: demo.id, role: 'owner', status: 'accepted', last_activity_at: now - 5 * DAY_MS }, demo.id, created);
}

/** Deterministic pseudo-random numbers in [0, 1) from a day index and a salt. */
function noise(day: number, salt: number): number {
  const x = Math.sin(day * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function seedUsage(store: Store, clock: Date, org: OrgRow, workspaces: WorkspaceRow[]): void {
  const today = startOfUtcDay(clock.getTime());
  const weights: Record<string, number> = { 'db1.shared': 1, 'db1.small': 2, 'db1.medium': 4 };
  const base = { org_id: org.id, billing_mode: 'billable' };
  for (let i = USAGE_DAYS - 1; i >= 0; i--) {
    const day = today - i * DAY_MS;
    const n = Math.floor(day / DAY_MS);
    const users = i > 20 ? 3 : 4;
    store.usage.insert({ ...base, usage_date: day, dimension: 'user', metric: 'user_count', unit: 'count', value: users, value_rounded: users, value_weighted: users, workspace_id: null, instance_type: null });
    workspaces.forEach((ws, w) => {
      const minutes = w === 0 ? 30 + noise(n, 1) * 50 : 3 + noise(n, 2) * 12;
      const ms = Math.round(minutes * MINUTE_MS);
      const rounded = Math.ceil(ms / MINUTE_MS) * MINUTE_MS;
      const weight = weights[ws.instance_type] ?? 1;
      store.usage.insert({ ...base, usage_date: day, dimension: 'compute', metric: 'db_execution_ms', unit: 'millisecond', value: ms, value_rounded: rounded, value_weighted: rounded * weight, workspace_id: ws.id, instance_type: ws.instance_type });
      const used = Math.round((w === 0 ? 12 : 2) * GB + (USAGE_DAYS - i) * (w === 0 ? 40 : 5) * 1024 ** 2);
      store.usage.insert({ ...base, usage_date: day, dimension: 'storage', metric: 'db_volume_bytes', unit: 'byte', value: used, value_rounded: used, value_weighted: used, workspace_id: ws.id, instance_type: ws.instance_type });
    });
    const pipelineMs = Math.round((5 + noise(n, 3) * 10) * MINUTE_MS);
    const pipelineRounded = Math.ceil(pipelineMs / MINUTE_MS) * MINUTE_MS;
    store.usage.insert({ ...base, usage_date: day, dimension: 'compute', metric: 'process_execution_ms', unit: 'millisecond', value: pipelineMs, value_rounded: pipelineRounded, value_weighted: pipelineRounded, workspace_id: null, instance_type: null });
    const snapshots = Math.round(300 * 1024 ** 2 + (USAGE_DAYS - i) * 2 * 1024 ** 2);
    store.usage.insert({ ...base, usage_date: day, dimension: 'storage', metric: 'snapshot_storage_bytes', unit: 'byte', value: snapshots, value_rounded: snapshots, value_weighted: snapshots, workspace_id: null, instance_type: null });
  }
}

function startOfUtcMonth(date: Date, monthsBack: number): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - monthsBack, 1);
}

function seedBilling(store: Store, clock: Date, org: OrgRow, owner: UserRow, seats: number): void {
  const extraSeats = Math.max(0, seats - TEAM_INCLUDED_USERS);
  const card = store.paymentMethods.create({
    org_id: org.id,
    type: 'card',
    brand: 'visa',
    last4: '4242',
    exp_month: 12,
    exp_year: clock.getUTCFullYear() + 2,
    country: 'US',
    funding: 'credit',
    is_default: 1,
    created_at: org.created_at,
  });
  store.billing.createSubscription({
    org_id: org.id,
    status: 'active',
    currency: 'usd',
    default_payment_method_id: card.id,
    created_at: org.created_at,
    current_period_start: startOfUtcMonth(clock, 0),
    current_period_end: startOfUtcMonth(clock, -1),
    items: JSON.stringify([
      { id: newId('si'), billing_scheme: 'per_unit', pricing_id: newId('price'), quantity: seats, unit_amount: TEAM_PRICE_PER_EXTRA_USER_CENTS },
      { id: newId('si'), billing_scheme: 'tiered', pricing_id: newId('price'), quantity: 0, unit_amount: 1 },
    ]),
  });
  for (let back = 3; back >= 1; back--) {
    const start = startOfUtcMonth(clock, back);
    const end = startOfUtcMonth(clock, back - 1);
    store.billing.createInvoice({
      org_id: org.id,
      status: 'paid',
      total: extraSeats * TEAM_PRICE_PER_EXTRA_USER_CENTS + 1_000 * back + 250,
      currency: 'usd',
      billing_reason: 'subscription_cycle',
      receipt_number: `2${owner.id.slice(2, 5).toUpperCase()}-${1000 + back}`,
      attempt_count: 1,
      created_at: end + 3_600_000,
      period_start: start,
      period_end: end,
    });
  }
}
