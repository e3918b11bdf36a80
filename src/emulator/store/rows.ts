// Rows as the repositories return them: column names as in schema.ts, times in ms.

export interface UserRow {
  id: string;
  handle: string;
  email: string | null;
  display_name: string | null;
  status: string;
  version_id: number;
  created_at: number;
  updated_at: number;
}

/** A user's columns joined onto another row under a `u_` prefix (see USER_COLUMNS). */
export interface JoinedUserColumns {
  user_id: string;
  u_handle: string;
  u_email: string | null;
  u_display_name: string | null;
  u_status: string;
  u_version_id: number;
  u_created_at: number;
  u_updated_at: number;
}

/** The select list that joins a user (aliased `u`) as JoinedUserColumns. */
export const USER_COLUMNS = `u.handle AS u_handle, u.email AS u_email, u.display_name AS u_display_name, u.status AS u_status,
    u.version_id AS u_version_id, u.created_at AS u_created_at, u.updated_at AS u_updated_at`;

/** The user of a joined row, built field by field (object rest is a slow path in V8). */
export function joinedUser(row: JoinedUserColumns): UserRow {
  return {
    id: row.user_id,
    handle: row.u_handle,
    email: row.u_email,
    display_name: row.u_display_name,
    status: row.u_status,
    version_id: row.u_version_id,
    created_at: row.u_created_at,
    updated_at: row.u_updated_at,
  };
}

export interface OrgRow {
  id: string;
  handle: string;
  display_name: string | null;
  url: string | null;
  avatar_key: string | null;
  billing_status: string;
  billing_status_updated_at: number;
  token_min_issued_at: number | null;
  usage_compute_action: string | null;
  usage_compute_threshold: number | null;
  usage_storage_action: string | null;
  usage_storage_threshold: number | null;
  usage_user_action: string | null;
  usage_user_threshold: number | null;
  version_id: number;
  created_at: number;
  created_by_id: string;
  updated_at: number;
  updated_by_id: string;
  deleted_at: number | null;
  deleted_by_id: string | null;
}

export interface MemberRow {
  id: string;
  org_id: string;
  user_id: string;
  role: string;
  status: string;
  version_id: number;
  created_at: number;
  created_by_id: string;
  updated_at: number;
  updated_by_id: string;
  last_activity_at: number | null;
}

/** A membership with its user, as member lists show it. */
export interface MemberWithUser extends MemberRow {
  user: UserRow;
}

export interface TokenRow {
  id: string;
  user_id: string;
  /** SHA-256 of the secret (hex): the secret itself is not kept. */
  secret_hash: string;
  last4: string;
  token_type: string;
  /** 1 for a token made for a seed user when the emulator started on an existing file. */
  at_start: number;
  status: string;
  title: string | null;
  description: string | null;
  issued_at: number;
  expires_at: number | null;
  version_id: number;
  created_at: number;
  created_by_id: string;
  updated_at: number;
  updated_by_id: string;
  deleted_at: number | null;
}

export interface PlanRow {
  id: string;
  plan: string;
  title: string;
  description: string;
  version_id: number;
  created_at: number;
  updated_at: number;
}

export interface IdentityPlanRow {
  identity_id: string;
  plan_id: string;
  expires_at: number | null;
  version_id: number;
  created_at: number;
  created_by_id: string;
  updated_at: number;
  updated_by_id: string;
}

export interface SubscriptionRow {
  id: string;
  org_id: string;
  status: string;
  currency: string;
  default_payment_method_id: string | null;
  created_at: number;
  current_period_start: number;
  current_period_end: number;
  items: string;
}

export interface InvoiceRow {
  id: string;
  org_id: string;
  status: string;
  total: number;
  currency: string;
  billing_reason: string;
  receipt_number: string | null;
  attempt_count: number;
  created_at: number;
  period_start: number;
  period_end: number;
}

export interface WorkspaceRow {
  id: string;
  org_id: string;
  handle: string;
  host: string;
  hive: string;
  instance_type: string;
  desired_state: string;
  state: string;
  db_volume_size_bytes: number;
  database_name: string;
  api_version: string;
  cli_version: string;
  version_id: number;
  created_at: number;
  created_by_id: string;
  updated_at: number;
  updated_by_id: string;
}

export interface UsageRow {
  seq: number;
  org_id: string;
  usage_date: number;
  dimension: string;
  metric: string;
  unit: string;
  billing_mode: string;
  value: number;
  value_rounded: number;
  value_weighted: number;
  workspace_id: string | null;
  instance_type: string | null;
}

export interface AuditRow {
  seq: number;
  id: string;
  org_id: string;
  action_type: string;
  actor_id: string;
  actor_handle: string;
  actor_display_name: string;
  actor_ip: string;
  target_id: string | null;
  target_handle: string | null;
  data: string;
  created_at: number;
}

export interface LoginRequestRow {
  id: string;
  state: string;
  client_ip: string;
  code: string | null;
  user_id: string | null;
  token_id: string | null;
  created_at: number;
  updated_at: number;
  failed_attempts: number;
  /** The issue time the redeemed token carries: that of the token that confirmed the request. */
  auth_issued_at: number | null;
}

export interface AvatarRow {
  key: string;
  org_id: string;
  content_type: string;
  data: Buffer;
  created_at: number;
}

/** A card an org pays with; the emulator never holds more than brand, last 4 and expiry. */
export interface PaymentMethodRow {
  id: string;
  org_id: string;
  type: string;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  country: string;
  funding: string;
  /** 1 for the org's default payment method. */
  is_default: number;
  created_at: number;
}

/** A user or a live org, as public identity lists show them. */
export interface IdentityRow {
  id: string;
  handle: string;
  display_name: string | null;
  type: 'user' | 'org';
  avatar_key: string | null;
}
