// The SQLite schema. Times are integers (milliseconds since the epoch) and are formatted as
// ISO 8601 only when records are rendered. Bump SCHEMA_VERSION when this changes.
export const SCHEMA_VERSION = 4;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  handle TEXT NOT NULL UNIQUE,
  email TEXT UNIQUE,              -- lower-cased
  display_name TEXT,
  status TEXT NOT NULL,           -- accepted | pending (made by an email invite)
  version_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS orgs (
  id TEXT PRIMARY KEY,
  handle TEXT NOT NULL,
  display_name TEXT,
  url TEXT,
  avatar_key TEXT,
  billing_status TEXT NOT NULL,
  billing_status_updated_at INTEGER NOT NULL,
  token_min_issued_at INTEGER,
  usage_compute_action TEXT,
  usage_compute_threshold INTEGER,
  usage_storage_action TEXT,
  usage_storage_threshold INTEGER,
  usage_user_action TEXT,
  usage_user_threshold INTEGER,
  version_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  created_by_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by_id TEXT NOT NULL,
  deleted_at INTEGER,
  deleted_by_id TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS orgs_live_handle ON orgs(handle) WHERE deleted_at IS NULL;

CREATE TABLE IF NOT EXISTS org_members (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  status TEXT NOT NULL,           -- invited | accepted
  version_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  created_by_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by_id TEXT NOT NULL,
  last_activity_at INTEGER,
  UNIQUE (org_id, user_id)
);
CREATE INDEX IF NOT EXISTS org_members_page ON org_members(org_id, created_at, id);
CREATE INDEX IF NOT EXISTS org_members_by_user ON org_members(user_id, status, created_at, id);

CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  secret_hash TEXT NOT NULL UNIQUE, -- SHA-256 of the secret, hex; the secret itself is shown once
  token_type TEXT NOT NULL,       -- user | temporary
  status TEXT NOT NULL,           -- active | inactive
  title TEXT,
  description TEXT,
  issued_at INTEGER NOT NULL,
  expires_at INTEGER,
  version_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  created_by_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by_id TEXT NOT NULL,
  deleted_at INTEGER,
  last4 TEXT NOT NULL DEFAULT '',
  at_start INTEGER NOT NULL DEFAULT 0 -- 1: made for a seed user when the emulator started on this file
);
CREATE INDEX IF NOT EXISTS tokens_by_user ON tokens(user_id, created_at, id);

CREATE TABLE IF NOT EXISTS plans (
  id TEXT PRIMARY KEY,
  plan TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  version_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS identity_plans (
  identity_id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  expires_at INTEGER,
  version_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  created_by_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by_id TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS subscriptions (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL,
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  default_payment_method_id TEXT,
  created_at INTEGER NOT NULL,
  current_period_start INTEGER NOT NULL,
  current_period_end INTEGER NOT NULL,
  items TEXT NOT NULL             -- JSON array of BillingSubscriptionItem
);
CREATE INDEX IF NOT EXISTS subscriptions_by_org ON subscriptions(org_id, created_at, id);

CREATE TABLE IF NOT EXISTS invoices (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL,
  status TEXT NOT NULL,
  total INTEGER NOT NULL,
  currency TEXT NOT NULL,
  billing_reason TEXT NOT NULL,
  receipt_number TEXT,
  attempt_count INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  period_start INTEGER NOT NULL,
  period_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS invoices_by_org ON invoices(org_id, created_at, id);

CREATE TABLE IF NOT EXISTS payment_methods (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL,
  type TEXT NOT NULL,             -- card
  brand TEXT NOT NULL,
  last4 TEXT NOT NULL,
  exp_month INTEGER NOT NULL,
  exp_year INTEGER NOT NULL,
  country TEXT NOT NULL,
  funding TEXT NOT NULL,
  is_default INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS payment_methods_by_org ON payment_methods(org_id, created_at, id);

CREATE TABLE IF NOT EXISTS workspaces (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL,
  handle TEXT NOT NULL,
  host TEXT NOT NULL,
  hive TEXT NOT NULL,
  instance_type TEXT NOT NULL,
  desired_state TEXT NOT NULL,
  state TEXT NOT NULL,
  db_volume_size_bytes INTEGER NOT NULL,
  database_name TEXT NOT NULL,
  api_version TEXT NOT NULL,
  cli_version TEXT NOT NULL,
  version_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  created_by_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by_id TEXT NOT NULL,
  UNIQUE (org_id, handle)
);
CREATE INDEX IF NOT EXISTS workspaces_page ON workspaces(org_id, created_at, id);

CREATE TABLE IF NOT EXISTS usage_metrics (
  seq INTEGER PRIMARY KEY,
  org_id TEXT NOT NULL,
  usage_date INTEGER NOT NULL,
  dimension TEXT NOT NULL,
  metric TEXT NOT NULL,
  unit TEXT NOT NULL,
  billing_mode TEXT NOT NULL,
  value INTEGER NOT NULL,
  value_rounded INTEGER NOT NULL,
  value_weighted INTEGER NOT NULL,
  workspace_id TEXT,
  instance_type TEXT
);
CREATE INDEX IF NOT EXISTS usage_page ON usage_metrics(org_id, usage_date, seq);

CREATE TABLE IF NOT EXISTS audit_log (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  org_id TEXT NOT NULL,
  action_type TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_handle TEXT NOT NULL,
  actor_display_name TEXT NOT NULL,
  actor_ip TEXT NOT NULL,
  target_id TEXT,
  target_handle TEXT,
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_page ON audit_log(org_id, seq);

CREATE TABLE IF NOT EXISTS login_requests (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,            -- pending | confirmed | expired (void after too many wrong codes)
  client_ip TEXT NOT NULL,
  code TEXT,
  user_id TEXT,
  token_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  auth_issued_at INTEGER          -- the issue time the redeemed token carries (the confirming token's)
);

CREATE TABLE IF NOT EXISTS avatars (
  key TEXT PRIMARY KEY,
  org_id TEXT NOT NULL,
  content_type TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
`;

/** Every table holding API data: emptied on reset (meta keeps the seed's kind, tenant and user ids). */
export const DATA_TABLES = [
  'avatars',
  'login_requests',
  'audit_log',
  'usage_metrics',
  'workspaces',
  'payment_methods',
  'invoices',
  'subscriptions',
  'identity_plans',
  'plans',
  'tokens',
  'org_members',
  'orgs',
  'users',
] as const;
