// Hand-written types for the Pipes API v0 records pipesctl uses, taken from the public
// OpenAPI document (org administration subset). Shared by the client and the emulator.

/** A page of a list endpoint. `next_token` present means there are more pages. */
export interface ListResponse<T> {
  items?: T[];
  next_token?: string;
}

export interface ErrorDetailModel {
  location?: string;
  message?: string;
}

export interface ErrorModel {
  type: string;
  title: string;
  status: number;
  instance: string;
  detail?: string;
  validation_errors?: ErrorDetailModel[];
}

export type BillingStatus = 'preview' | 'trial' | 'active' | 'payment_failed';

export interface BillingInfo {
  status: BillingStatus;
  cycle_anchor?: string;
  delete_at?: string;
  delete_at_reason?: string;
  status_updated_at?: string;
  suspend_at?: string;
  suspend_at_reason?: string;
}

export type UsageThresholdAction = 'warn' | 'cap_and_warn';

export interface User {
  id: string;
  handle: string;
  status: string;
  tenant_id: string;
  version_id: number;
  created_at: string;
  avatar_url?: string;
  billing?: BillingInfo;
  display_name?: string;
  preview_access_mode?: string;
  token_min_issued_at?: string;
  updated_at?: string;
  url?: string;
  usage_compute_action?: UsageThresholdAction;
  usage_compute_threshold?: number;
  usage_storage_action?: UsageThresholdAction;
  usage_storage_threshold?: number;
}

export interface Org {
  id: string;
  handle: string;
  tenant_id: string;
  version_id: number;
  created_at: string;
  created_by_id: string;
  updated_by_id: string;
  deleted_by_id: string;
  avatar_url?: string;
  billing?: BillingInfo;
  created_by?: User;
  deleted_at?: string;
  deleted_by?: User;
  display_name?: string;
  token_min_issued_at?: string;
  updated_at?: string;
  updated_by?: User;
  url?: string;
  usage_compute_action?: UsageThresholdAction;
  usage_compute_threshold?: number;
  usage_storage_action?: UsageThresholdAction;
  usage_storage_threshold?: number;
  usage_user_action?: UsageThresholdAction;
  usage_user_threshold?: number;
}

export type OrgRole = 'member' | 'owner';
export const ORG_ROLES: readonly OrgRole[] = ['member', 'owner'];

export type OrgUserStatus = 'invited' | 'accepted';

export interface OrgUser {
  id: string;
  org_id: string;
  user_id: string;
  user_handle: string;
  status: OrgUserStatus;
  version_id: number;
  created_at: string;
  created_by_id: string;
  updated_by_id: string;
  role?: string;
  scope?: string;
  last_activity_at?: string;
  updated_at?: string;
  created_by?: User;
  updated_by?: User;
  user?: User;
}

export interface UserOrg {
  id?: string;
  org_id: string;
  user_id: string;
  role: string;
  status: string;
  version_id: number;
  created_at: string;
  created_by_id: string;
  updated_by_id: string;
  org?: Org;
  updated_at?: string;
  created_by?: User;
  updated_by?: User;
}

export type WorkspaceInstanceType = 'db1.shared' | 'db1.small' | 'db1.medium';

export interface Workspace {
  id: string;
  handle: string;
  identity_id: string;
  instance_type: WorkspaceInstanceType;
  desired_state: 'enabled' | 'disabled' | 'paused';
  db_volume_size_bytes: number;
  version_id: number;
  created_at: string;
  created_by_id: string;
  updated_by_id: string;
  deleted_by_id: string;
  api_version?: string;
  cli_version?: string;
  database_name?: string;
  deleted_at?: string;
  hive?: string;
  host?: string;
  state?: string;
  state_reason?: string;
  updated_at?: string;
  search_path?: string[];
  search_path_prefix?: string[];
}

export type UsageDimension = 'compute' | 'storage' | 'user';
export type UsageMetricName =
  | 'user_count'
  | 'db_execution_ms'
  | 'db_volume_bytes'
  | 'db_volume_used_bytes'
  | 'process_execution_ms'
  | 'process_log_bytes'
  | 'snapshot_storage_bytes';
export type UsageUnit = 'byte' | 'count' | 'millisecond';

export interface UsageMetric {
  billing_mode: 'billable' | 'non_billable';
  dimension: UsageDimension;
  metric: UsageMetricName;
  unit: UsageUnit;
  usage_date: string;
  value?: number;
  value_rounded?: number;
  value_weighted?: number;
  identity_id?: string;
  tenant_id?: string;
  instance_type?: string;
  pipe?: string;
  workspace_id?: string;
}

export interface Plan {
  id: string;
  plan: string;
  description: string;
  version_id: number;
  created_at: string;
  title?: string;
  updated_at?: string;
}

export interface IdentityPlan {
  identity_id: string;
  plan_id: string;
  version_id: number;
  created_at: string;
  created_by_id: string;
  updated_by_id: string;
  plan?: Plan;
  expires_at?: string;
  updated_at?: string;
  created_by?: User;
  updated_by?: User;
}

export interface BillingSubscriptionItem {
  id: string;
  billing_scheme: string;
  pricing_id: string;
  quantity: number;
  unit_amount: number;
}

export interface BillingSubscription {
  id: string;
  cancel_at: string;
  cancel_at_period_end: string;
  canceled_at: string;
  created_at: string;
  currency: string;
  current_period_start: string;
  current_period_end: string;
  default_payment_method_id?: string;
  items?: BillingSubscriptionItem[];
  status?: string;
}

export interface BillingInvoice {
  created_at: string;
  next_payment_attempt: string;
  period_start: string;
  period_end: string;
  id?: string;
  attempt_count?: number;
  attempted?: boolean;
  billing_reason?: string;
  currency?: string;
  hosted_invoice_url?: string;
  invoice_pdf?: string;
  receipt_number?: string;
  status?: string;
  total?: number;
}

export type TemporaryTokenRequestState = 'pending' | 'confirmed';

export interface TemporaryTokenRequest {
  id: string;
  state: TemporaryTokenRequestState;
  client_ip: string;
  code: string;
  created_at: string;
  token?: string;
  updated_at?: string;
}

export interface Token {
  id: string;
  user_id: string;
  status: string;
  version_id: number;
  created_at: string;
  created_by_id: string;
  updated_by_id: string;
  description?: string;
  expires_at?: string;
  last4?: string;
  title?: string;
  token_type?: string;
  updated_at?: string;
}

export interface AuditRecord {
  id: string;
  action_type: string;
  actor_avatar_url: string;
  actor_display_name: string;
  actor_handle: string;
  actor_id: string;
  actor_ip: string;
  created_at: string;
  data: Record<string, unknown>;
  tenant_id: string;
  identity_handle?: string;
  identity_id?: string;
  process_id?: string;
  target_handle?: string;
  target_id?: string;
}

export interface CreateAvatarResponse {
  avatar_url?: string;
}
export type DeleteAvatarResponse = CreateAvatarResponse;

// ---- request bodies ----

export interface CreateOrgRequest {
  handle: string;
  display_name?: string;
  plan_id?: string;
  url?: string;
}

export interface UpdateOrgRequest {
  handle?: string;
  display_name?: string;
  url?: string;
  token_min_issued_at?: string;
  usage_compute_action?: UsageThresholdAction;
  usage_compute_threshold?: number;
  usage_storage_action?: UsageThresholdAction;
  usage_storage_threshold?: number;
  usage_user_action?: UsageThresholdAction;
  usage_user_threshold?: number;
}

/** Exactly one of `email` or `handle`. */
export interface InviteOrgUserRequest {
  role: string;
  email?: string;
  handle?: string;
}

export interface UpdateOrgUserRequest {
  role: string;
}

export interface UpdateTemporaryTokenRequest {
  state: TemporaryTokenRequestState;
}

export interface UpdateTokenRequest {
  status: string;
  title?: string;
  description?: string;
}

// ---- the rules of the service, shared by client-side checks and the emulator ----

/** Org and user handles on create/update (NOTES.md: at most 39 characters, single hyphens). */
export const HANDLE_PATTERN = /^[a-z0-9]{1,2}(?:[a-z0-9]{1,2}|-[a-z0-9]){0,18}[a-z0-9]?$/;
/** Handles as path parameters. */
export const PATH_HANDLE_PATTERN = /^[a-z0-9][a-z0-9-]{0,37}[a-z0-9]$/;
export const WORKSPACE_HANDLE_PATTERN = /^[a-z0-9]{1,23}$/;
export const LIST_LIMIT_MAX = 100;
export const LIST_LIMIT_DEFAULT = 25;
