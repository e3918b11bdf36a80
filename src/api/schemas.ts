// JSON-schema-like descriptions of the API records pipesctl uses, written by hand from the
// Pipes OpenAPI document (v0, org administration subset), and a small validator for them.
// The contract tests check every emulator answer against these; the client may use them to
// tell a real answer from an HTML error page or a truncated body.

export type Schema = StringSchema | NumberSchema | BooleanSchema | ArraySchema | ObjectSchema;

interface BaseSchema {
  /** null is accepted as well as the type. */
  nullable?: boolean;
}
export interface StringSchema extends BaseSchema {
  type: 'string';
  enum?: readonly string[];
  pattern?: RegExp;
}
export interface NumberSchema extends BaseSchema {
  type: 'integer' | 'number';
}
export interface BooleanSchema extends BaseSchema {
  type: 'boolean';
}
export interface ArraySchema extends BaseSchema {
  type: 'array';
  items: Schema;
}
export interface ObjectSchema extends BaseSchema {
  type: 'object';
  properties?: Record<string, Schema>;
  required?: readonly string[];
}

/** The problems found in `value`, each as `$.path: message`; empty when it conforms. */
export function validate(schema: Schema, value: unknown, path = '$'): string[] {
  if (value === null) return schema.nullable ? [] : [`${path}: must not be null`];
  switch (schema.type) {
    case 'string': {
      if (typeof value !== 'string') return [`${path}: must be a string, got ${describe(value)}`];
      if (schema.enum && !schema.enum.includes(value)) return [`${path}: '${value}' is not one of ${schema.enum.join(', ')}`];
      if (schema.pattern && !schema.pattern.test(value)) return [`${path}: '${value}' does not match ${schema.pattern}`];
      return [];
    }
    case 'integer':
      return Number.isInteger(value) ? [] : [`${path}: must be an integer, got ${describe(value)}`];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [`${path}: must be a number, got ${describe(value)}`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: must be a boolean, got ${describe(value)}`];
    case 'array':
      if (!Array.isArray(value)) return [`${path}: must be an array, got ${describe(value)}`];
      return value.flatMap((item, i) => validate(schema.items, item, `${path}[${i}]`));
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: must be an object, got ${describe(value)}`];
      const record = value as Record<string, unknown>;
      const errors = (schema.required ?? []).filter((key) => record[key] === undefined).map((key) => `${path}.${key}: is required`);
      for (const [key, propSchema] of Object.entries(schema.properties ?? {})) {
        if (record[key] !== undefined) errors.push(...validate(propSchema, record[key], `${path}.${key}`));
      }
      return errors;
    }
  }
}

/** Throws an Error listing every problem when `value` does not conform. */
export function assertValid(schema: Schema, value: unknown, name = 'value'): void {
  const errors = validate(schema, value);
  if (errors.length > 0) throw new Error(`${name} does not match its schema:\n  ${errors.join('\n  ')}`);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

// ---- building blocks ----

const str: StringSchema = { type: 'string' };
const int: NumberSchema = { type: 'integer' };
const bool: BooleanSchema = { type: 'boolean' };
const strings: ArraySchema = { type: 'array', items: str };
const pattern = (re: RegExp): StringSchema => ({ type: 'string', pattern: re });
const oneOf = (...values: string[]): StringSchema => ({ type: 'string', enum: values });

/** ISO 8601 date-time with a zone, as the API writes times. */
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const dateTime = pattern(DATE_TIME);
/** Some required Stripe-derived times are empty strings when unset. */
const dateTimeOrEmpty = pattern(new RegExp(`${DATE_TIME.source}|^$`));
const anyId = pattern(/^[a-z]_[0-9a-v]{20}$/);
const userId = pattern(/^u_[0-9a-v]{20}$/);
const tenantId = pattern(/^t_[0-9a-v]{20}$/);
/** deleted_by_id is required but empty while the record is live. */
const userIdOrEmpty = pattern(/^(u_[0-9a-v]{20})?$/);
const thresholdAction = oneOf('warn', 'cap_and_warn');

export const BillingInfoSchema: ObjectSchema = {
  type: 'object',
  required: ['status'],
  properties: {
    status: oneOf('preview', 'trial', 'active', 'payment_failed'),
    cycle_anchor: str,
    delete_at: str,
    delete_at_reason: str,
    status_updated_at: str,
    suspend_at: str,
    suspend_at_reason: str,
  },
};

/** The profile users and orgs share as identities: names, avatar, billing, token cut-off and usage limits. */
const identityProfile: Record<string, Schema> = {
  avatar_url: str,
  billing: BillingInfoSchema,
  display_name: str,
  token_min_issued_at: dateTime,
  url: str,
  usage_compute_action: thresholdAction,
  usage_compute_threshold: int,
  usage_storage_action: thresholdAction,
  usage_storage_threshold: int,
};

export const UserSchema: ObjectSchema = {
  type: 'object',
  required: ['created_at', 'handle', 'id', 'status', 'tenant_id', 'version_id'],
  properties: {
    id: userId,
    handle: str,
    status: str,
    tenant_id: tenantId,
    version_id: int,
    created_at: dateTime,
    updated_at: dateTime,
    ...identityProfile,
    preview_access_mode: str,
  },
};

/** What every versioned record carries: its version, and who created and last updated it, when. */
const auditedRequired = ['created_at', 'created_by_id', 'updated_by_id', 'version_id'];
const audited: Record<string, Schema> = {
  version_id: int,
  created_at: dateTime,
  created_by_id: userId,
  created_by: UserSchema,
  updated_at: dateTime,
  updated_by_id: userId,
  updated_by: UserSchema,
};

export const OrgSchema: ObjectSchema = {
  type: 'object',
  required: [...auditedRequired, 'deleted_by_id', 'handle', 'id', 'tenant_id'],
  properties: {
    id: anyId,
    handle: str,
    tenant_id: tenantId,
    ...audited,
    deleted_at: dateTime,
    deleted_by_id: userIdOrEmpty,
    deleted_by: UserSchema,
    ...identityProfile,
    usage_user_action: thresholdAction,
    usage_user_threshold: int,
  },
};

export const OrgUserSchema: ObjectSchema = {
  type: 'object',
  required: [...auditedRequired, 'id', 'org_id', 'status', 'user_handle', 'user_id'],
  properties: {
    id: anyId,
    org_id: anyId,
    user_id: anyId,
    user_handle: str,
    status: oneOf('invited', 'accepted'),
    role: str,
    scope: str,
    ...audited,
    last_activity_at: dateTime,
    user: UserSchema,
  },
};

export const UserOrgSchema: ObjectSchema = {
  type: 'object',
  required: [...auditedRequired, 'org_id', 'role', 'status', 'user_id'],
  properties: {
    id: anyId,
    org_id: str,
    user_id: str,
    role: str,
    status: pattern(/^(pending|accepted)$/),
    ...audited,
    org: OrgSchema,
  },
};

export const WorkspaceSchema: ObjectSchema = {
  type: 'object',
  required: [
    'created_at',
    'created_by_id',
    'db_volume_size_bytes',
    'deleted_by_id',
    'desired_state',
    'handle',
    'id',
    'identity_id',
    'instance_type',
    'updated_by_id',
    'version_id',
  ],
  properties: {
    id: anyId,
    handle: pattern(/^[a-z0-9]{1,23}$/),
    identity_id: anyId,
    instance_type: oneOf('db1.shared', 'db1.small', 'db1.medium'),
    desired_state: oneOf('enabled', 'disabled', 'paused'),
    db_volume_size_bytes: int,
    version_id: int,
    created_at: dateTime,
    created_by_id: userId,
    updated_at: dateTime,
    updated_by_id: userId,
    deleted_at: dateTime,
    deleted_by_id: userIdOrEmpty,
    api_version: str,
    cli_version: str,
    powerpipe_version: str,
    database_name: str,
    hive: str,
    host: str,
    public_key: str,
    notices: { type: 'object' },
    search_path: strings,
    search_path_prefix: strings,
    state: oneOf(
      'pending',
      'running',
      'shutting-down',
      'terminated',
      'stopping',
      'stopped',
      'creating',
      'enabling',
      'enabled',
      'pausing',
      'paused',
      'disabling',
      'disabled',
    ),
    state_reason: str,
  },
};

export const UsageMetricSchema: ObjectSchema = {
  type: 'object',
  required: ['billing_mode', 'dimension', 'metric', 'unit', 'usage_date'],
  properties: {
    billing_mode: oneOf('billable', 'non_billable'),
    dimension: oneOf('compute', 'storage', 'user'),
    metric: oneOf(
      'user_count',
      'db_execution_ms',
      'db_volume_bytes',
      'db_volume_used_bytes',
      'process_execution_ms',
      'process_log_bytes',
      'snapshot_storage_bytes',
    ),
    unit: oneOf('byte', 'count', 'millisecond'),
    usage_date: dateTime,
    value: int,
    value_rounded: int,
    value_weighted: int,
    identity_id: str,
    tenant_id: str,
    instance_type: str,
    pipe: str,
    workspace_id: str,
  },
};

export const PlanSchema: ObjectSchema = {
  type: 'object',
  required: ['created_at', 'description', 'id', 'plan', 'version_id'],
  properties: {
    id: anyId,
    plan: str,
    title: str,
    description: str,
    version_id: int,
    created_at: dateTime,
    updated_at: dateTime,
  },
};

export const IdentityPlanSchema: ObjectSchema = {
  type: 'object',
  required: [...auditedRequired, 'identity_id', 'plan_id'],
  properties: {
    identity_id: str,
    plan_id: anyId,
    plan: PlanSchema,
    expires_at: dateTime,
    ...audited,
  },
};

export const BillingSubscriptionItemSchema: ObjectSchema = {
  type: 'object',
  required: ['billing_scheme', 'id', 'pricing_id', 'quantity', 'unit_amount'],
  properties: {
    id: pattern(/^si_[0-9a-v]{20}$/),
    billing_scheme: str,
    pricing_id: pattern(/^price_[0-9a-v]{20}$/),
    quantity: int,
    unit_amount: int,
  },
};

export const BillingSubscriptionSchema: ObjectSchema = {
  type: 'object',
  required: ['cancel_at', 'cancel_at_period_end', 'canceled_at', 'created_at', 'currency', 'current_period_end', 'current_period_start', 'id'],
  properties: {
    id: pattern(/^sub_[0-9a-v]{20}$/),
    cancel_at: dateTimeOrEmpty,
    cancel_at_period_end: str,
    canceled_at: dateTimeOrEmpty,
    created_at: dateTime,
    currency: str,
    current_period_start: dateTime,
    current_period_end: dateTime,
    default_payment_method_id: str,
    items: { type: 'array', items: BillingSubscriptionItemSchema },
    status: str,
  },
};

export const BillingInvoiceSchema: ObjectSchema = {
  type: 'object',
  required: ['created_at', 'next_payment_attempt', 'period_end', 'period_start'],
  properties: {
    id: str,
    created_at: dateTime,
    next_payment_attempt: dateTimeOrEmpty,
    period_start: dateTime,
    period_end: dateTime,
    attempt_count: int,
    attempted: bool,
    billing_reason: str,
    currency: str,
    hosted_invoice_url: str,
    invoice_pdf: str,
    receipt_number: str,
    status: str,
    total: int,
  },
};

export const TemporaryTokenRequestSchema: ObjectSchema = {
  type: 'object',
  required: ['client_ip', 'code', 'created_at', 'id', 'state'],
  properties: {
    id: pattern(/^spttr_[0-9a-v]{20}_[0-9a-z]{26}$/),
    state: oneOf('pending', 'confirmed'),
    client_ip: str,
    code: pattern(/^(\d{6})?$/),
    created_at: dateTime,
    updated_at: dateTime,
    token: str,
  },
};

export const TokenSchema: ObjectSchema = {
  type: 'object',
  required: [...auditedRequired, 'id', 'status', 'user_id'],
  properties: {
    id: anyId,
    user_id: anyId,
    status: str,
    ...audited,
    description: str,
    expires_at: dateTime,
    last4: str,
    title: str,
    token_type: str,
  },
};

export const AuditRecordSchema: ObjectSchema = {
  type: 'object',
  required: ['action_type', 'actor_avatar_url', 'actor_display_name', 'actor_handle', 'actor_id', 'actor_ip', 'created_at', 'data', 'id', 'tenant_id'],
  properties: {
    id: str,
    action_type: str,
    actor_avatar_url: str,
    actor_display_name: str,
    actor_handle: str,
    actor_id: str,
    actor_ip: str,
    created_at: dateTime,
    data: { type: 'object' },
    tenant_id: str,
    identity_handle: str,
    identity_id: str,
    process_id: str,
    target_handle: str,
    target_id: str,
  },
};

export const ErrorModelSchema: ObjectSchema = {
  type: 'object',
  required: ['instance', 'status', 'title', 'type'],
  properties: {
    type: str,
    title: str,
    status: int,
    instance: str,
    detail: str,
    validation_errors: { type: 'array', items: { type: 'object', properties: { location: str, message: str } } },
  },
};

export const AvatarResponseSchema: ObjectSchema = { type: 'object', properties: { avatar_url: str } };

/** `{items?, next_token?}`, the shape of every list answer. */
export function listSchema(items: Schema): ObjectSchema {
  return { type: 'object', properties: { items: { type: 'array', items }, next_token: str } };
}

export const ListOrgsSchema = listSchema(OrgSchema);
export const ListOrgUsersSchema = listSchema(OrgUserSchema);
export const ListUserOrgsSchema = listSchema(UserOrgSchema);
export const ListWorkspacesSchema = listSchema(WorkspaceSchema);
export const ListUsageMetricsSchema = listSchema(UsageMetricSchema);
export const ListSubscriptionsSchema = listSchema(BillingSubscriptionSchema);
export const ListBillingInvoicesSchema = listSchema(BillingInvoiceSchema);
export const ListTokensSchema = listSchema(TokenSchema);
export const ListAuditLogsSchema = listSchema(AuditRecordSchema);
