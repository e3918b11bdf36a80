// Builders for API records as the API document (src/api/generated/openapi.json) has them
// (test/api/generated.test.ts checks them against it): every required field is present with
// a plausible value, and each builder takes overrides for what a test cares about.
import type {
  BillingInvoice,
  BillingSubscription,
  IdentityPlan,
  Org,
  OrgUser,
  Plan,
  UsageMetric,
  UsageMetricName,
  User,
} from '../../src/api/types';

const TIME = '2026-01-15T09:00:00Z';

/** A 22-character id in the API's shape (`o_` + 20 base-32 characters). */
export function fixtureId(prefix: string, n = 1): string {
  return `${prefix}_${n.toString(32).padStart(20, '0')}`;
}

export function makeUser(overrides: Partial<User> = {}): User {
  return {
    id: fixtureId('u'),
    handle: 'demo',
    status: 'accepted',
    tenant_id: fixtureId('t'),
    version_id: 1,
    created_at: TIME,
    display_name: 'Demo User',
    ...overrides,
  };
}

export function makeOrg(overrides: Partial<Org> = {}): Org {
  return {
    id: fixtureId('o'),
    handle: 'acme',
    display_name: 'Acme Corp',
    tenant_id: fixtureId('t'),
    version_id: 1,
    created_at: TIME,
    created_by_id: fixtureId('u'),
    updated_by_id: fixtureId('u'),
    deleted_by_id: '',
    billing: { status: 'active', cycle_anchor: TIME },
    ...overrides,
  };
}

export function makeOrgUser(overrides: Partial<OrgUser> = {}): OrgUser {
  return {
    id: fixtureId('o', 7),
    org_id: fixtureId('o'),
    user_id: fixtureId('u'),
    user_handle: 'demo',
    status: 'accepted',
    role: 'owner',
    version_id: 1,
    created_at: TIME,
    created_by_id: fixtureId('u'),
    updated_by_id: fixtureId('u'),
    ...overrides,
  };
}

const UNIT_OF: Record<UsageMetricName, UsageMetric['unit']> = {
  user_count: 'count',
  db_execution_ms: 'millisecond',
  process_execution_ms: 'millisecond',
  db_volume_bytes: 'byte',
  db_volume_used_bytes: 'byte',
  process_log_bytes: 'byte',
  snapshot_storage_bytes: 'byte',
};

const DIMENSION_OF: Record<UsageMetricName, UsageMetric['dimension']> = {
  user_count: 'user',
  db_execution_ms: 'compute',
  process_execution_ms: 'compute',
  db_volume_bytes: 'storage',
  db_volume_used_bytes: 'storage',
  process_log_bytes: 'storage',
  snapshot_storage_bytes: 'storage',
};

/** One daily usage record; dimension and unit follow from the metric. */
export function makeUsageMetric(metric: UsageMetricName, usageDate: string, value: number, overrides: Partial<UsageMetric> = {}): UsageMetric {
  return {
    billing_mode: 'billable',
    dimension: DIMENSION_OF[metric],
    metric,
    unit: UNIT_OF[metric],
    usage_date: usageDate,
    value,
    identity_id: fixtureId('o'),
    tenant_id: fixtureId('t'),
    ...overrides,
  };
}

/** The same metric for each day from `first` (YYYY-MM-DD), `values[i]` on day i. */
export function makeUsageSeries(metric: UsageMetricName, first: string, values: number[]): UsageMetric[] {
  const start = new Date(`${first}T00:00:00Z`);
  return values.map((value, i) => {
    const day = new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    return makeUsageMetric(metric, day, value);
  });
}

export function makePlan(overrides: Partial<Plan> = {}): Plan {
  return {
    id: fixtureId('p'),
    plan: 'team',
    title: 'Team',
    description: 'For teams: 3 users, 2,000 compute minutes and 20 GB included.',
    version_id: 1,
    created_at: TIME,
    ...overrides,
  };
}

export function makeIdentityPlan(overrides: Partial<IdentityPlan> = {}): IdentityPlan {
  return {
    identity_id: fixtureId('o'),
    plan_id: fixtureId('p'),
    plan: makePlan(),
    version_id: 1,
    created_at: TIME,
    created_by_id: fixtureId('u'),
    updated_by_id: fixtureId('u'),
    ...overrides,
  };
}

export function makeSubscription(overrides: Partial<BillingSubscription> = {}): BillingSubscription {
  return {
    id: `sub_${'0'.repeat(19)}1`,
    status: 'active',
    currency: 'usd',
    created_at: '2025-11-01T00:00:00Z',
    current_period_start: '2026-01-01T00:00:00Z',
    current_period_end: '2026-02-01T00:00:00Z',
    cancel_at: '',
    cancel_at_period_end: 'false',
    canceled_at: '',
    items: [{ id: `si_${'0'.repeat(19)}1`, billing_scheme: 'per_unit', pricing_id: `price_${'0'.repeat(19)}1`, quantity: 1, unit_amount: 2900 }],
    ...overrides,
  };
}

export function makeInvoice(overrides: Partial<BillingInvoice> = {}): BillingInvoice {
  return {
    id: 'in_0001',
    status: 'paid',
    currency: 'usd',
    total: 2900,
    billing_reason: 'subscription_cycle',
    created_at: '2026-01-01T00:00:00Z',
    period_start: '2025-12-01T00:00:00Z',
    period_end: '2026-01-01T00:00:00Z',
    next_payment_attempt: '',
    attempted: true,
    attempt_count: 1,
    receipt_number: '1234-5678',
    hosted_invoice_url: 'https://invoice.example.com/i/in_0001',
    ...overrides,
  };
}
