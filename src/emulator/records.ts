// Rows → the API's JSON records (src/api/types.ts). Required fields are always present;
// optional ones are left out when unset rather than sent as null.
import type {
  AuditRecord,
  BillingInvoice,
  BillingStatus,
  BillingSubscription,
  BillingSubscriptionItem,
  IdentityPlan,
  Org,
  OrgUser,
  OrgUserStatus,
  Plan,
  TemporaryTokenRequest,
  TemporaryTokenRequestState,
  Token,
  UsageDimension,
  UsageMetric,
  UsageMetricName,
  UsageThresholdAction,
  UsageUnit,
  User,
  UserOrg,
  Workspace,
  WorkspaceInstanceType,
  WorkspaceState,
} from '../api/types';
import type {
  AuditRow,
  IdentityPlanRow,
  InvoiceRow,
  LoginRequestRow,
  MemberRow,
  MemberWithUser,
  OrgRow,
  PlanRow,
  SubscriptionRow,
  TokenRow,
  UsageRow,
  UserRow,
  WorkspaceRow,
} from './store/rows';

/** What rendering needs beyond the row: the tenant and where the emulator is reachable. */
export interface RenderContext {
  tenantId: string;
  baseUrl: string;
}

/** Recent times in ISO 8601: records repeat a few (the caller's created_at on every request). */
const isoTexts = new Map<number, string>();

export function iso(ms: number): string {
  let text = isoTexts.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString();
    if (isoTexts.size >= 4096) isoTexts.clear();
    isoTexts.set(ms, text);
  }
  return text;
}

/** Copy the entries whose value is set (not null or undefined). */
function defined<T extends object>(fields: { [K in keyof T]?: T[K] | null }): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== null && value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

export function defaultAvatarUrl(ctx: RenderContext, id: string): string {
  return `${ctx.baseUrl}/_emulator/avatars/default/${id}.svg`;
}

export function avatarUrl(ctx: RenderContext, row: Pick<OrgRow, 'id' | 'avatar_key'>): string {
  return row.avatar_key ? `${ctx.baseUrl}/_emulator/avatars/${row.avatar_key}` : defaultAvatarUrl(ctx, row.id);
}

export function userRecord(ctx: RenderContext, row: UserRow): User {
  return {
    id: row.id,
    handle: row.handle,
    status: row.status,
    tenant_id: ctx.tenantId,
    version_id: row.version_id,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    avatar_url: defaultAvatarUrl(ctx, row.id),
    display_name: row.display_name ?? row.handle,
    billing: { status: 'preview' },
  };
}

export function orgRecord(ctx: RenderContext, row: OrgRow): Org {
  return {
    id: row.id,
    handle: row.handle,
    tenant_id: ctx.tenantId,
    version_id: row.version_id,
    created_at: iso(row.created_at),
    created_by_id: row.created_by_id,
    updated_at: iso(row.updated_at),
    updated_by_id: row.updated_by_id,
    // The document makes deleted_by_id required and a user id; a live org has no deleter, so it
    // is "" (as the service sends it) until deletion — see the live-records-have-no-deleter erratum.
    deleted_by_id: row.deleted_by_id ?? '',
    avatar_url: avatarUrl(ctx, row),
    billing: {
      status: row.billing_status as BillingStatus,
      cycle_anchor: iso(row.created_at),
      status_updated_at: iso(row.billing_status_updated_at),
    },
    ...defined<Org>({
      display_name: row.display_name,
      url: row.url,
      deleted_at: row.deleted_at === null ? null : iso(row.deleted_at),
      token_min_issued_at: row.token_min_issued_at === null ? null : iso(row.token_min_issued_at),
      usage_compute_action: row.usage_compute_action as UsageThresholdAction | null,
      usage_compute_threshold: row.usage_compute_threshold,
      usage_storage_action: row.usage_storage_action as UsageThresholdAction | null,
      usage_storage_threshold: row.usage_storage_threshold,
      usage_user_action: row.usage_user_action as UsageThresholdAction | null,
      usage_user_threshold: row.usage_user_threshold,
    }),
  };
}

export function orgUserRecord(ctx: RenderContext, row: MemberWithUser): OrgUser {
  return {
    id: row.id,
    org_id: row.org_id,
    user_id: row.user_id,
    user_handle: row.user.handle,
    status: row.status as OrgUserStatus,
    role: row.role,
    scope: 'org',
    version_id: row.version_id,
    created_at: iso(row.created_at),
    created_by_id: row.created_by_id,
    updated_at: iso(row.updated_at),
    updated_by_id: row.updated_by_id,
    ...defined<OrgUser>({ last_activity_at: row.last_activity_at === null ? null : iso(row.last_activity_at) }),
    user: userRecord(ctx, row.user),
  };
}

/** The contract spells an open invitation `pending` on UserOrg (`invited` on OrgUser). */
export function userOrgRecord(ctx: RenderContext, row: MemberRow, org: OrgRow): UserOrg {
  return {
    id: row.id,
    org_id: row.org_id,
    user_id: row.user_id,
    role: row.role,
    status: row.status === 'invited' ? 'pending' : row.status,
    version_id: row.version_id,
    created_at: iso(row.created_at),
    created_by_id: row.created_by_id,
    updated_at: iso(row.updated_at),
    updated_by_id: row.updated_by_id,
    org: orgRecord(ctx, org),
  };
}

export function workspaceRecord(row: WorkspaceRow): Workspace {
  return {
    id: row.id,
    handle: row.handle,
    identity_id: row.org_id,
    instance_type: row.instance_type as WorkspaceInstanceType,
    desired_state: row.desired_state as Workspace['desired_state'],
    db_volume_size_bytes: row.db_volume_size_bytes,
    version_id: row.version_id,
    created_at: iso(row.created_at),
    created_by_id: row.created_by_id,
    updated_at: iso(row.updated_at),
    updated_by_id: row.updated_by_id,
    // Required, yet no one deleted a live workspace: "" (the live-records-have-no-deleter erratum).
    deleted_by_id: '',
    api_version: row.api_version,
    cli_version: row.cli_version,
    database_name: row.database_name,
    hive: row.hive,
    host: row.host,
    state: row.state as WorkspaceState,
    search_path: [],
    search_path_prefix: [],
  };
}

export function usageRecord(ctx: RenderContext, row: UsageRow): UsageMetric {
  return {
    billing_mode: row.billing_mode as UsageMetric['billing_mode'],
    dimension: row.dimension as UsageDimension,
    metric: row.metric as UsageMetricName,
    unit: row.unit as UsageUnit,
    usage_date: iso(row.usage_date),
    value: row.value,
    value_rounded: row.value_rounded,
    value_weighted: row.value_weighted,
    identity_id: row.org_id,
    tenant_id: ctx.tenantId,
    ...defined<UsageMetric>({ workspace_id: row.workspace_id, instance_type: row.instance_type }),
  };
}

export function planRecord(row: PlanRow): Plan {
  return {
    id: row.id,
    plan: row.plan,
    title: row.title,
    description: row.description,
    version_id: row.version_id,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

export function identityPlanRecord(row: IdentityPlanRow, plan: PlanRow): IdentityPlan {
  return {
    identity_id: row.identity_id,
    plan_id: row.plan_id,
    version_id: row.version_id,
    created_at: iso(row.created_at),
    created_by_id: row.created_by_id,
    updated_at: iso(row.updated_at),
    updated_by_id: row.updated_by_id,
    plan: planRecord(plan),
    ...defined<IdentityPlan>({ expires_at: row.expires_at === null ? null : iso(row.expires_at) }),
  };
}

export function subscriptionRecord(row: SubscriptionRow): BillingSubscription {
  return {
    id: row.id,
    // Stripe's cancellation fields are required by the contract and empty while active.
    cancel_at: '',
    cancel_at_period_end: 'false',
    canceled_at: '',
    created_at: iso(row.created_at),
    currency: row.currency,
    current_period_start: iso(row.current_period_start),
    current_period_end: iso(row.current_period_end),
    items: JSON.parse(row.items) as BillingSubscriptionItem[],
    status: row.status,
    ...defined<BillingSubscription>({ default_payment_method_id: row.default_payment_method_id }),
  };
}

export function invoiceRecord(ctx: RenderContext, row: InvoiceRow): BillingInvoice {
  return {
    id: row.id,
    created_at: iso(row.created_at),
    next_payment_attempt: '',
    period_start: iso(row.period_start),
    period_end: iso(row.period_end),
    attempt_count: row.attempt_count,
    attempted: row.attempt_count > 0,
    billing_reason: row.billing_reason,
    currency: row.currency,
    hosted_invoice_url: `${ctx.baseUrl}/_emulator/invoices/${row.id}`,
    invoice_pdf: `${ctx.baseUrl}/_emulator/invoices/${row.id}.pdf`,
    status: row.status,
    total: row.total,
    ...defined<BillingInvoice>({ receipt_number: row.receipt_number }),
  };
}

export function tokenRecord(row: TokenRow): Token {
  return {
    id: row.id,
    user_id: row.user_id,
    status: row.deleted_at === null ? row.status : 'deleted',
    version_id: row.version_id,
    created_at: iso(row.created_at),
    created_by_id: row.created_by_id,
    updated_at: iso(row.updated_at),
    updated_by_id: row.updated_by_id,
    last4: row.last4,
    token_type: row.token_type,
    ...defined<Token>({
      title: row.title,
      description: row.description,
      expires_at: row.expires_at === null ? null : iso(row.expires_at),
    }),
  };
}

export function loginRequestRecord(row: LoginRequestRow, extra: { code?: string; token?: string } = {}): TemporaryTokenRequest {
  return {
    id: row.id,
    // `expired` (void after too many wrong codes) is the emulator's; the contract knows pending and confirmed.
    state: row.state as TemporaryTokenRequestState,
    client_ip: row.client_ip,
    // The code is shown only where the contract hands it out (the confirming browser, the redeem answer).
    code: extra.code ?? '',
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    ...(extra.token ? { token: extra.token } : {}),
  };
}

export function auditRecord(ctx: RenderContext, row: AuditRow, org: OrgRow): AuditRecord {
  return {
    id: row.id,
    action_type: row.action_type,
    actor_avatar_url: defaultAvatarUrl(ctx, row.actor_id),
    actor_display_name: row.actor_display_name,
    actor_handle: row.actor_handle,
    actor_id: row.actor_id,
    actor_ip: row.actor_ip,
    created_at: iso(row.created_at),
    data: JSON.parse(row.data) as Record<string, unknown>,
    tenant_id: ctx.tenantId,
    identity_handle: org.handle,
    identity_id: org.id,
    ...defined<AuditRecord>({ target_handle: row.target_handle, target_id: row.target_id }),
  };
}
