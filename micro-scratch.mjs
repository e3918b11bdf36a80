import { createRequire } from 'module'; const require = createRequire(import.meta.url);

// src/emulator/errors.ts
var EmulatorError = class extends Error {
  validationErrors;
  constructor(detail, validationErrors) {
    super(detail);
    this.name = new.target.name;
    this.validationErrors = validationErrors;
  }
};
var BadRequest = class extends EmulatorError {
  status = 400;
};
var Validation = class extends EmulatorError {
  status = 400;
  constructor(location, message) {
    super(`${location}: ${message}`, [{ location, message }]);
  }
};
var Unauthorized = class extends EmulatorError {
  status = 401;
};
var Forbidden = class extends EmulatorError {
  status = 403;
};
var NotFound = class extends EmulatorError {
  status = 404;
};
var MethodNotAllowed = class extends EmulatorError {
  status = 405;
  allow;
  constructor(detail, allow) {
    super(detail);
    this.allow = allow;
  }
};
var Conflict = class extends EmulatorError {
  status = 409;
};
var PreconditionFailed = class extends EmulatorError {
  status = 412;
};
var UnsupportedMediaType = class extends EmulatorError {
  status = 415;
};

// src/emulator/auth.ts
function authenticate(store2, headers, now) {
  const header = headers.authorization;
  if (!header) throw new Unauthorized("a token is required: send Authorization: Bearer <token>");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new Unauthorized('the Authorization header must be "Bearer <token>"');
  const found = store2.tokens.withUser(match[1]);
  const token2 = found?.token;
  if (!found || !token2 || token2.status !== "active" || token2.expires_at !== null && token2.expires_at <= now) {
    throw new Unauthorized("the token is not valid, or has expired or been revoked");
  }
  return found;
}
function readableOrg(req, ctx) {
  const actor = ctx.actor();
  const handle = req.params.org;
  const found = ctx.store.orgs.liveWithMember(handle, actor.user.id);
  const org = found?.org;
  const member = found?.member;
  if (!org || !member || member.status !== "accepted") throw new NotFound(`org '${handle}' not found`);
  checkTokenNotRevoked(org, actor);
  return { org, member, actor };
}
function ownedOrg(req, ctx, action) {
  const access = readableOrg(req, ctx);
  if (access.member.role !== "owner") {
    throw new Forbidden(`the owner role is required to ${action}; '${access.actor.user.handle}' is a ${access.member.role} of '${access.org.handle}'`);
  }
  return access;
}
function checkTokenNotRevoked(org, actor) {
  if (org.token_min_issued_at !== null && actor.token.issued_at < org.token_min_issued_at) {
    throw new Unauthorized(`the token was issued before the authentication of '${org.handle}' was reset; log in again`);
  }
}

// src/emulator/faults.ts
var METHODS = /* @__PURE__ */ new Set(["GET", "POST", "PATCH", "PUT", "DELETE"]);
var OFF = { rate: 0, statuses: [], latency_ms: 0, reset_connections: false, processed_rate: 0, seed: 1 };
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 >>> 0;
    let t2 = a;
    t2 = Math.imul(t2 ^ t2 >>> 15, t2 | 1);
    t2 ^= t2 + Math.imul(t2 ^ t2 >>> 7, t2 | 61);
    return ((t2 ^ t2 >>> 14) >>> 0) / 4294967296;
  };
}
var FaultInjector = class {
  current = OFF;
  random = prng(OFF.seed);
  /** Validate and apply a POST /_emulator/faults body; `{}` turns faults off. */
  configure(body) {
    const config = { ...OFF };
    if (body.rate !== void 0) {
      if (typeof body.rate !== "number" || body.rate < 0 || body.rate > 1) throw new Validation("body.rate", "must be a number from 0 to 1");
      config.rate = body.rate;
    }
    if (body.statuses !== void 0) {
      const ok2 = Array.isArray(body.statuses) && body.statuses.every((s) => Number.isInteger(s) && s >= 400 && s <= 599);
      if (!ok2) throw new Validation("body.statuses", "must be an array of HTTP error statuses (400..599)");
      config.statuses = body.statuses;
    }
    if (body.latency_ms !== void 0) {
      if (!Number.isInteger(body.latency_ms) || body.latency_ms < 0) throw new Validation("body.latency_ms", "must be a non-negative integer");
      config.latency_ms = body.latency_ms;
    }
    if (body.retry_after_s !== void 0) {
      if (!Number.isInteger(body.retry_after_s) || body.retry_after_s < 0) throw new Validation("body.retry_after_s", "must be a non-negative integer");
      config.retry_after_s = body.retry_after_s;
    }
    if (body.reset_connections !== void 0) {
      if (typeof body.reset_connections !== "boolean") throw new Validation("body.reset_connections", "must be a boolean");
      config.reset_connections = body.reset_connections;
    }
    if (body.processed_rate !== void 0) {
      const rate = body.processed_rate;
      if (typeof rate !== "number" || rate < 0 || rate > 1) throw new Validation("body.processed_rate", "must be a number from 0 to 1");
      config.processed_rate = rate;
    }
    if (body.methods !== void 0) {
      const ok2 = Array.isArray(body.methods) && body.methods.length > 0 && body.methods.every((m) => typeof m === "string" && METHODS.has(m.toUpperCase()));
      if (!ok2) throw new Validation("body.methods", `must be a non-empty array of HTTP methods (${[...METHODS].join(", ")})`);
      config.methods = [...new Set(body.methods.map((m) => m.toUpperCase()))];
    }
    if (body.seed !== void 0) {
      if (!Number.isInteger(body.seed)) throw new Validation("body.seed", "must be an integer");
      config.seed = body.seed;
    }
    if (config.rate > 0 && config.statuses.length === 0 && !config.reset_connections) config.statuses = [503];
    this.current = config;
    this.random = prng(config.seed);
    return config;
  }
  off() {
    this.current = OFF;
    this.random = prng(OFF.seed);
  }
  config() {
    return this.current;
  }
  /** Whether faults (and latency) apply to a request with this method. */
  applies(method) {
    const { methods } = this.current;
    return methods === void 0 || methods.includes(method);
  }
  get latencyMs() {
    return this.current.latency_ms;
  }
  /** Whether (and how) to fault the next API request. */
  decide() {
    const { rate, statuses, reset_connections, retry_after_s, processed_rate } = this.current;
    if (rate <= 0 || this.random() >= rate) return { kind: "none" };
    const afterProcessing = processed_rate > 0 && this.random() < processed_rate;
    if (reset_connections && (statuses.length === 0 || this.random() < 0.5)) return { kind: "reset", afterProcessing };
    const status = statuses[Math.floor(this.random() * statuses.length)];
    if (status === 429) return retry_after_s !== void 0 ? { kind: "status", status, retryAfterS: retry_after_s, afterProcessing: false } : { kind: "status", status, afterProcessing: false };
    return { kind: "status", status, afterProcessing: afterProcessing && status >= 500 };
  }
};

// src/emulator/http.ts
function ok(body) {
  return { status: 200, body };
}
function created(body) {
  return { status: 201, body };
}
function noContent() {
  return { status: 204 };
}
function html(status, page2) {
  return { status, body: page2, headers: { "content-type": "text/html; charset=utf-8" } };
}
function jsonBody(req, opts = {}) {
  const text = req.rawBody.toString("utf8").trim();
  if (text === "") {
    if (opts.optional) return {};
    throw new BadRequest("a JSON request body is required");
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequest("the request body is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new BadRequest("the request body must be a JSON object");
  }
  return value;
}
var TITLES = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  421: "Misdirected Request",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout"
};
function statusTitle(status) {
  return TITLES[status] ?? `HTTP ${status}`;
}
function errorModel(status, instance, detail, extra = {}) {
  const model = { type: "about:blank", title: statusTitle(status), status, instance };
  if (detail) model.detail = detail;
  return { ...model, ...extra };
}
function errorResponse(err, instance) {
  if (err instanceof EmulatorError) {
    const extra = err.validationErrors ? { validation_errors: err.validationErrors } : {};
    const headers = err instanceof MethodNotAllowed ? { allow: err.allow.join(", ") } : void 0;
    return { status: err.status, body: errorModel(err.status, instance, err.message, extra), headers };
  }
  return { status: 500, body: errorModel(500, instance, "the emulator hit an unexpected error") };
}

// src/emulator/request-log.ts
var MAX_LOGGED_BODY_BYTES = 64 * 1024;
function loggedBody(contentType, raw) {
  if (raw.length === 0) return void 0;
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (raw.length > MAX_LOGGED_BODY_BYTES) return `(${type || "body"}, ${raw.length} bytes)`;
  if (type !== "application/json") return `(${type || "no content type"})`;
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    return "(malformed JSON)";
  }
}
var RequestLog = class {
  capacity;
  entries = [];
  start = 0;
  constructor(capacity = 5e4) {
    this.capacity = capacity;
  }
  add(entry) {
    if (this.entries.length < this.capacity) {
      this.entries.push(entry);
      return;
    }
    this.entries[this.start] = entry;
    this.start = (this.start + 1) % this.capacity;
  }
  /** Oldest first. */
  list() {
    return [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
  }
  clear() {
    this.entries = [];
    this.start = 0;
  }
};

// src/emulator/router.ts
var Router = class {
  /** Routes by number of segments: a path is compared only with patterns of its length. */
  byLength = /* @__PURE__ */ new Map();
  constructor(routes) {
    for (const route of routes) {
      const segments = route.path.split("/").filter(Boolean);
      const compiled = { route, segments, literals: segments.filter((s) => !s.startsWith(":")).length };
      const list = this.byLength.get(segments.length) ?? [];
      list.push(compiled);
      this.byLength.set(segments.length, list);
    }
  }
  match(method, path) {
    const parts = decodeParts(path);
    let best;
    let bestLiterals = -1;
    const allowed = /* @__PURE__ */ new Set();
    for (const compiled of (parts && this.byLength.get(parts.length)) ?? []) {
      const params = matchSegments(compiled.segments, parts);
      if (!params) continue;
      allowed.add(compiled.route.method);
      if (compiled.route.method === method && compiled.literals > bestLiterals) {
        best = { route: compiled.route, params };
        bestLiterals = compiled.literals;
      }
    }
    if (best) return best;
    if (allowed.size > 0) throw new MethodNotAllowed(`${method} is not allowed on ${path}`, [...allowed].sort());
    throw new NotFound(`no such path: ${path}`);
  }
};
function decodeParts(path) {
  const parts = path.split("/").filter(Boolean);
  try {
    return parts.map((p) => p.includes("%") ? decodeURIComponent(p) : p);
  } catch {
    return void 0;
  }
}
function matchSegments(pattern, parts) {
  const params = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i];
    const actual = parts[i];
    if (expected.startsWith(":")) params[expected.slice(1)] = actual;
    else if (expected !== actual) return void 0;
  }
  return params;
}

// src/emulator/records.ts
function iso(ms) {
  return new Date(ms).toISOString();
}
function defined(fields) {
  const out = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== null && value !== void 0) out[key] = value;
  }
  return out;
}
function defaultAvatarUrl(ctx, id) {
  return `${ctx.baseUrl}/_emulator/avatars/default/${id}.svg`;
}
function avatarUrl(ctx, row) {
  return row.avatar_key ? `${ctx.baseUrl}/_emulator/avatars/${row.avatar_key}` : defaultAvatarUrl(ctx, row.id);
}
function userRecord(ctx, row) {
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
    billing: { status: "preview" }
  };
}
function orgRecord(ctx, row) {
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
    deleted_by_id: row.deleted_by_id ?? "",
    avatar_url: avatarUrl(ctx, row),
    billing: {
      status: row.billing_status,
      cycle_anchor: iso(row.created_at),
      status_updated_at: iso(row.billing_status_updated_at)
    },
    ...defined({
      display_name: row.display_name,
      url: row.url,
      deleted_at: row.deleted_at === null ? null : iso(row.deleted_at),
      token_min_issued_at: row.token_min_issued_at === null ? null : iso(row.token_min_issued_at),
      usage_compute_action: row.usage_compute_action,
      usage_compute_threshold: row.usage_compute_threshold,
      usage_storage_action: row.usage_storage_action,
      usage_storage_threshold: row.usage_storage_threshold,
      usage_user_action: row.usage_user_action,
      usage_user_threshold: row.usage_user_threshold
    })
  };
}
function orgUserRecord(ctx, row) {
  return {
    id: row.id,
    org_id: row.org_id,
    user_id: row.user_id,
    user_handle: row.user.handle,
    status: row.status,
    role: row.role,
    scope: "org",
    version_id: row.version_id,
    created_at: iso(row.created_at),
    created_by_id: row.created_by_id,
    updated_at: iso(row.updated_at),
    updated_by_id: row.updated_by_id,
    ...defined({ last_activity_at: row.last_activity_at === null ? null : iso(row.last_activity_at) }),
    user: userRecord(ctx, row.user)
  };
}
function userOrgRecord(ctx, row, org) {
  return {
    id: row.id,
    org_id: row.org_id,
    user_id: row.user_id,
    role: row.role,
    status: row.status === "invited" ? "pending" : row.status,
    version_id: row.version_id,
    created_at: iso(row.created_at),
    created_by_id: row.created_by_id,
    updated_at: iso(row.updated_at),
    updated_by_id: row.updated_by_id,
    org: orgRecord(ctx, org)
  };
}
function workspaceRecord(row) {
  return {
    id: row.id,
    handle: row.handle,
    identity_id: row.org_id,
    instance_type: row.instance_type,
    desired_state: row.desired_state,
    db_volume_size_bytes: row.db_volume_size_bytes,
    version_id: row.version_id,
    created_at: iso(row.created_at),
    created_by_id: row.created_by_id,
    updated_at: iso(row.updated_at),
    updated_by_id: row.updated_by_id,
    // Required, yet no one deleted a live workspace: "" (the live-records-have-no-deleter erratum).
    deleted_by_id: "",
    api_version: row.api_version,
    cli_version: row.cli_version,
    database_name: row.database_name,
    hive: row.hive,
    host: row.host,
    state: row.state,
    search_path: [],
    search_path_prefix: []
  };
}
function usageRecord(ctx, row) {
  return {
    billing_mode: row.billing_mode,
    dimension: row.dimension,
    metric: row.metric,
    unit: row.unit,
    usage_date: iso(row.usage_date),
    value: row.value,
    value_rounded: row.value_rounded,
    value_weighted: row.value_weighted,
    identity_id: row.org_id,
    tenant_id: ctx.tenantId,
    ...defined({ workspace_id: row.workspace_id, instance_type: row.instance_type })
  };
}
function planRecord(row) {
  return {
    id: row.id,
    plan: row.plan,
    title: row.title,
    description: row.description,
    version_id: row.version_id,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at)
  };
}
function identityPlanRecord(row, plan) {
  return {
    identity_id: row.identity_id,
    plan_id: row.plan_id,
    version_id: row.version_id,
    created_at: iso(row.created_at),
    created_by_id: row.created_by_id,
    updated_at: iso(row.updated_at),
    updated_by_id: row.updated_by_id,
    plan: planRecord(plan),
    ...defined({ expires_at: row.expires_at === null ? null : iso(row.expires_at) })
  };
}
function subscriptionRecord(row) {
  return {
    id: row.id,
    // Stripe's cancellation fields are required by the contract and empty while active.
    cancel_at: "",
    cancel_at_period_end: "false",
    canceled_at: "",
    created_at: iso(row.created_at),
    currency: row.currency,
    current_period_start: iso(row.current_period_start),
    current_period_end: iso(row.current_period_end),
    items: JSON.parse(row.items),
    status: row.status,
    ...defined({ default_payment_method_id: row.default_payment_method_id })
  };
}
function invoiceRecord(ctx, row) {
  return {
    id: row.id,
    created_at: iso(row.created_at),
    next_payment_attempt: "",
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
    ...defined({ receipt_number: row.receipt_number })
  };
}
function tokenRecord(row) {
  return {
    id: row.id,
    user_id: row.user_id,
    status: row.deleted_at === null ? row.status : "deleted",
    version_id: row.version_id,
    created_at: iso(row.created_at),
    created_by_id: row.created_by_id,
    updated_at: iso(row.updated_at),
    updated_by_id: row.updated_by_id,
    last4: row.last4,
    token_type: row.token_type,
    ...defined({
      title: row.title,
      description: row.description,
      expires_at: row.expires_at === null ? null : iso(row.expires_at)
    })
  };
}
function loginRequestRecord(row, extra = {}) {
  return {
    id: row.id,
    // `expired` (void after too many wrong codes) is the emulator's; the contract knows pending and confirmed.
    state: row.state,
    client_ip: row.client_ip,
    // The code is shown only where the contract hands it out (the confirming browser, the redeem answer).
    code: extra.code ?? "",
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    ...extra.token ? { token: extra.token } : {}
  };
}
function auditRecord(ctx, row, org) {
  return {
    id: row.id,
    action_type: row.action_type,
    actor_avatar_url: defaultAvatarUrl(ctx, row.actor_id),
    actor_display_name: row.actor_display_name,
    actor_handle: row.actor_handle,
    actor_id: row.actor_id,
    actor_ip: row.actor_ip,
    created_at: iso(row.created_at),
    data: JSON.parse(row.data),
    tenant_id: ctx.tenantId,
    identity_handle: org.handle,
    identity_id: org.id,
    ...defined({ target_handle: row.target_handle, target_id: row.target_id })
  };
}

// src/api/types.ts
var ORG_ROLES = ["member", "owner"];
var LIST_LIMIT_MAX = 100;
var LIST_LIMIT_DEFAULT = 25;

// src/emulator/routes/common.ts
function pageQuery(req, list) {
  const rawLimit = req.query.get("limit");
  let limit = LIST_LIMIT_DEFAULT;
  if (rawLimit !== null) {
    limit = /^\d{1,4}$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(limit >= 1 && limit <= LIST_LIMIT_MAX)) throw new Validation("query.limit", `must be an integer from 1 to ${LIST_LIMIT_MAX}`);
  }
  const token2 = req.query.get("next_token");
  if (token2 === null || token2 === "") return { limit, after: null };
  return { limit, after: decodeNextToken(token2, list) };
}
function decodeNextToken(token2, list) {
  try {
    const decoded = JSON.parse(Buffer.from(token2, "base64url").toString("utf8"));
    const key = decoded.k;
    if (decoded.l === list && Array.isArray(key) && key.length > 0 && key.every((v) => typeof v === "string" || typeof v === "number")) {
      return key;
    }
  } catch {
  }
  throw new Validation("query.next_token", "is not a next_token this list returned");
}
function listResponse(page2, list, render) {
  const body = { items: page2.rows.map(render) };
  if (page2.next) body.next_token = Buffer.from(JSON.stringify({ l: list, k: page2.next })).toString("base64url");
  return body;
}
function checkIfMatch(req, currentVersion) {
  const header = req.headers["if-match"];
  if (header === void 0) return;
  const wanted = header.trim().replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
  if (wanted === "*" || wanted === String(currentVersion)) return;
  throw new PreconditionFailed(`the record is at version_id ${currentVersion}, not ${wanted}`);
}
function optionalString(body, field) {
  const value = body[field];
  if (value === void 0 || value === null) return void 0;
  if (typeof value !== "string") throw new Validation(`body.${field}`, "must be a string");
  return value;
}
function requiredString(body, field) {
  const value = optionalString(body, field);
  if (value === void 0) throw new Validation(`body.${field}`, "is required");
  return value;
}
function optionalEnum(body, field, allowed) {
  const value = optionalString(body, field);
  if (value === void 0) return void 0;
  if (!allowed.includes(value)) throw new Validation(`body.${field}`, `must be one of: ${allowed.join(", ")}`);
  return value;
}
function optionalInteger(body, field, min = 0) {
  const value = body[field];
  if (value === void 0 || value === null) return void 0;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new Validation(`body.${field}`, `must be an integer of at least ${min}`);
  }
  return value;
}
function audit(ctx, req, actor, org, action, target, data) {
  ctx.store.audit.record({
    org_id: org.id,
    action_type: action,
    actor_id: actor.user.id,
    actor_handle: actor.user.handle,
    actor_display_name: actor.user.display_name ?? actor.user.handle,
    actor_ip: req.clientIp,
    target_id: target?.id ?? null,
    target_handle: target?.handle ?? null,
    data,
    created_at: ctx.now()
  });
}

// src/emulator/routes/actor.ts
function getActor(_req, ctx) {
  return ok(userRecord(ctx, ctx.actor().user));
}
function listActorOrgs(status) {
  return (req, ctx) => {
    const { user } = ctx.actor();
    const list = `actor-orgs:${status}`;
    const page2 = ctx.store.members.listForUser(user.id, status, pageQuery(req, list));
    const orgs = ctx.store.orgs.byIds(page2.rows.map((m) => m.org_id));
    return ok(listResponse(page2, list, (m) => userOrgRecord(ctx, m, orgs.get(m.org_id))));
  };
}
var actorRoutes = [
  { method: "GET", path: "/api/v0/actor", auth: true, handler: getActor },
  { method: "GET", path: "/api/v0/actor/org", auth: true, handler: listActorOrgs("accepted") },
  { method: "GET", path: "/api/v0/actor/org/invite", auth: true, handler: listActorOrgs("invited") }
];

// src/emulator/routes/avatar.ts
import { createHash } from "node:crypto";

// src/api/rules.ts
var HANDLE_MAX = 39;
var HANDLE_GROUPS_MAX = 18;
function isHandleChar(code) {
  return code >= 97 && code <= 122 || code >= 48 && code <= 57;
}
function isHandle(value) {
  const n = value.length;
  if (n < 1 || n > HANDLE_MAX) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (!isHandleChar(c) && c !== 45) return false;
  }
  for (const head of [1, 2]) {
    for (const tail of [0, 1]) {
      if (head + tail > n) continue;
      if (!allAlnum(value, 0, head) || !allAlnum(value, n - tail, n)) continue;
      if (fewestGroups(value, head, n - tail) <= HANDLE_GROUPS_MAX) return true;
    }
  }
  return false;
}
function allAlnum(value, from, to) {
  for (let i = from; i < to; i++) if (!isHandleChar(value.charCodeAt(i))) return false;
  return true;
}
function fewestGroups(value, from, to) {
  const len = to - from;
  const best = new Array(len + 1).fill(Infinity);
  best[0] = 0;
  for (let j = 1; j <= len; j++) {
    const last = value.charCodeAt(from + j - 1);
    if (!isHandleChar(last)) continue;
    best[j] = best[j - 1] + 1;
    if (j >= 2) {
      const before = value.charCodeAt(from + j - 2);
      if (isHandleChar(before) || before === 45) best[j] = Math.min(best[j], best[j - 2] + 1);
    }
  }
  return best[len];
}
var EMAIL_MAX_LENGTH = 254;
function hasControlCharacters(value) {
  return /[\p{Cc}\p{Cf}]/u.test(value);
}
function emailProblem(value) {
  if (value === "") return "empty";
  if (value.length > EMAIL_MAX_LENGTH) {
    const length = codePoints(value);
    if (length > EMAIL_MAX_LENGTH) return `${length} characters, at most ${EMAIL_MAX_LENGTH}`;
  }
  if (/\s/.test(value)) return "contains spaces";
  if (hasControlCharacters(value)) return "contains control characters";
  const at = value.indexOf("@");
  if (at < 0) return 'no "@"';
  if (value.indexOf("@", at + 1) >= 0) return 'more than one "@"';
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local === "") return 'nothing before the "@"';
  if (domain === "") return 'nothing after the "@"';
  if (!domain.includes(".")) return `the domain "${domain}" has no dot`;
  if (domain.split(".").some((label) => label === "")) return `the domain "${domain}" has an empty part`;
  return void 0;
}
function codePoints(value) {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 56320 || c > 57343) n++;
  }
  return n;
}
function imageTypeOf(data) {
  const starts = (bytes, at = 0) => data.length >= at + bytes.length && bytes.every((b, i) => data[at + i] === b);
  const ascii = (text, at = 0) => starts([...text].map((c) => c.charCodeAt(0)), at);
  if (starts([137, 80, 78, 71, 13, 10, 26, 10])) return "image/png";
  if (starts([255, 216, 255])) return "image/jpeg";
  if (ascii("GIF87a") || ascii("GIF89a")) return "image/gif";
  if (ascii("RIFF") && ascii("WEBP", 8)) return "image/webp";
  return void 0;
}

// src/emulator/multipart.ts
function parseMultipart(contentType, body) {
  const match = /^multipart\/form-data\s*;.*?boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType ?? "");
  if (!match) throw new BadRequest("the request must be multipart/form-data with a boundary");
  const delimiter = Buffer.from(`--${match[1] ?? match[2]}`);
  const parts = [];
  let start = body.indexOf(delimiter);
  if (start < 0) throw new BadRequest("the multipart body has no parts");
  for (; ; ) {
    let from = start + delimiter.length;
    if (body.subarray(from, from + 2).toString() === "--") break;
    if (body.subarray(from, from + 2).toString() === "\r\n") from += 2;
    const end = body.indexOf(delimiter, from);
    if (end < 0) throw new BadRequest("the multipart body is truncated");
    const headerEnd = body.indexOf("\r\n\r\n", from);
    if (headerEnd < 0 || headerEnd > end) throw new BadRequest("a multipart part has no headers");
    const headers = body.subarray(from, headerEnd).toString("utf8");
    const data = body.subarray(headerEnd + 4, end - 2);
    const disposition = /content-disposition:[^\r\n]*?\bname="([^"]*)"(?:[^\r\n]*?\bfilename="([^"]*)")?/i.exec(headers);
    const type = /content-type:\s*([^\r\n;]+)/i.exec(headers);
    if (disposition) parts.push({ name: disposition[1], filename: disposition[2], contentType: type?.[1]?.trim().toLowerCase(), data });
    start = end;
  }
  return parts;
}

// src/emulator/routes/avatar.ts
var MAX_AVATAR_BYTES = 1024 * 1024;
function uploadAvatar(req, ctx) {
  const { org, actor } = ownedOrg(req, ctx, "change the avatar");
  checkIfMatch(req, org.version_id);
  const file = parseMultipart(req.headers["content-type"], req.rawBody).find((part) => part.name === "avatar");
  if (!file) throw new Validation("body.avatar", "a file field named avatar is required");
  if (file.data.length === 0) throw new Validation("body.avatar", "the file is empty");
  if (file.data.length > MAX_AVATAR_BYTES) throw new Validation("body.avatar", `the file is ${file.data.length} bytes; the limit is 1 MiB`);
  const type = imageTypeOf(file.data);
  if (!type) throw new Validation("body.avatar", "the file must be a PNG, JPEG, GIF or WebP image");
  const now = ctx.now();
  const key = `${org.id}-${createHash("sha256").update(file.data).digest("hex").slice(0, 16)}`;
  const updated = ctx.store.transaction(() => {
    ctx.store.avatars.put({ key, org_id: org.id, content_type: type, data: file.data, created_at: now });
    const row = ctx.store.orgs.update(org.id, { avatar_key: key }, actor.user.id, now);
    audit(ctx, req, actor, row, "org.avatar.update", { id: org.id, handle: org.handle }, { content_type: type, bytes: file.data.length });
    return row;
  });
  return created({ avatar_url: avatarUrl(ctx, updated) });
}
function deleteAvatar(req, ctx) {
  const { org, actor } = ownedOrg(req, ctx, "change the avatar");
  checkIfMatch(req, org.version_id);
  const updated = ctx.store.transaction(() => {
    ctx.store.avatars.deleteForOrg(org.id);
    const row = ctx.store.orgs.update(org.id, { avatar_key: null }, actor.user.id, ctx.now());
    audit(ctx, req, actor, row, "org.avatar.delete", { id: org.id, handle: org.handle }, {});
    return row;
  });
  return created({ avatar_url: avatarUrl(ctx, updated) });
}
var avatarRoutes = [
  { method: "POST", path: "/api/v0/org/:org/avatar", auth: true, body: "multipart", handler: uploadAvatar },
  { method: "DELETE", path: "/api/v0/org/:org/avatar", auth: true, handler: deleteAvatar }
];

// src/emulator/ids.ts
import { randomBytes } from "node:crypto";
var BASE32HEX = "0123456789abcdefghijklmnopqrstuv";
var BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
var POOL_SIZE = 4096;
var pool = randomBytes(POOL_SIZE);
var used = 0;
function take(count) {
  if (used + count > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    used = 0;
  }
  const bytes = pool.subarray(used, used + count);
  used += count;
  return bytes;
}
function randomChars(alphabet, count) {
  const bytes = take(count);
  let out = "";
  for (let i = 0; i < count; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}
function newId(prefix) {
  return `${prefix}_${randomChars(BASE32HEX, 20)}`;
}
function newLoginRequestId() {
  return `spttr_${randomChars(BASE32HEX, 20)}_${randomChars(BASE36, 26)}`;
}
function newTokenSecret() {
  return `tpt_${randomChars(BASE32HEX, 40)}`;
}
function newLoginCode() {
  const n = randomBytes(4).readUInt32BE(0) % 1e6;
  return n.toString().padStart(6, "0");
}

// src/emulator/plans.ts
var TEAM_PLAN = {
  plan: "team",
  title: "Team",
  description: "For small teams: 3 users, 2,000 compute minutes and 20 GB of storage included, pay as you go beyond."
};
var TEAM_TRIAL_DAYS = 14;
var TEAM_INCLUDED_USERS = 3;
var TEAM_INCLUDED_COMPUTE_MINUTES = 2e3;
var TEAM_INCLUDED_STORAGE_BYTES = 20 * 1024 ** 3;
var TEAM_PRICE_PER_EXTRA_USER_CENTS = 1500;
var TEAM_PRICE_PER_COMPUTE_MINUTE_CENTS = 1;

// src/emulator/routes/billing.ts
var MINUTE_MS = 6e4;
function billedOrg(req, ctx) {
  const { org } = readableOrg(req, ctx);
  const plan = ctx.store.billing.identityPlan(org.id);
  if (!plan) throw new NotFound(`'${org.handle}' has no billing plan: billing applies only to orgs on the Team plan`);
  return { org, planId: plan.plan_id };
}
function getPlan(req, ctx) {
  const { org } = billedOrg(req, ctx);
  const identityPlan = ctx.store.billing.identityPlan(org.id);
  return ok(identityPlanRecord(identityPlan, ctx.store.billing.planById(identityPlan.plan_id)));
}
function listSubscriptions(req, ctx) {
  const { org } = billedOrg(req, ctx);
  return ok({ items: ctx.store.billing.subscriptions(org.id).map(subscriptionRecord) });
}
function createSubscription(req, ctx) {
  const { org, actor } = ownedOrg(req, ctx, "manage billing");
  if (ctx.store.billing.subscriptions(org.id).some((s) => s.status === "active")) {
    throw new BadRequest(`'${org.handle}' already has an active subscription`);
  }
  const now = ctx.now();
  const today = new Date(now);
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1);
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1);
  const subscription = ctx.store.transaction(() => {
    const team = ctx.store.billing.planByName(TEAM_PLAN.plan);
    ctx.store.billing.setIdentityPlan(org.id, team.id, null, actor.user.id, now);
    ctx.store.orgs.update(org.id, { billing_status: "active" }, actor.user.id, now);
    const sub = ctx.store.billing.createSubscription({
      org_id: org.id,
      status: "active",
      currency: "usd",
      default_payment_method_id: null,
      created_at: now,
      current_period_start: start,
      current_period_end: end,
      items: JSON.stringify([
        { id: newId("si"), billing_scheme: "per_unit", pricing_id: newId("price"), quantity: 1, unit_amount: TEAM_PRICE_PER_EXTRA_USER_CENTS }
      ])
    });
    audit(ctx, req, actor, org, "org.billing.subscribe", { id: org.id, handle: org.handle }, { plan: TEAM_PLAN.plan });
    return sub;
  });
  return created(subscriptionRecord(subscription));
}
function listInvoices(req, ctx) {
  const { org } = billedOrg(req, ctx);
  const list = `invoices:${org.id}`;
  const page2 = ctx.store.billing.invoices(org.id, pageQuery(req, list));
  return ok(listResponse(page2, list, (row) => invoiceRecord(ctx, row)));
}
function upcomingInvoice(req, ctx) {
  const { org } = billedOrg(req, ctx);
  const now = ctx.now();
  const today = new Date(now);
  const sub = ctx.store.billing.subscriptions(org.id).find((s) => s.status === "active");
  const start = sub?.current_period_start ?? Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1);
  const end = sub?.current_period_end ?? Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1);
  const members = ctx.store.members.acceptedCount(org.id);
  const computeMs = ctx.store.usage.total(org.id, "db_execution_ms", start, end) + ctx.store.usage.total(org.id, "process_execution_ms", start, end);
  const extraMinutes = Math.max(0, Math.ceil(computeMs / MINUTE_MS) - TEAM_INCLUDED_COMPUTE_MINUTES);
  const total = Math.max(0, members - TEAM_INCLUDED_USERS) * TEAM_PRICE_PER_EXTRA_USER_CENTS + extraMinutes * TEAM_PRICE_PER_COMPUTE_MINUTE_CENTS;
  const invoice = {
    created_at: iso(now),
    next_payment_attempt: iso(end + 36e5),
    period_start: iso(start),
    period_end: iso(end),
    attempt_count: 0,
    attempted: false,
    billing_reason: "upcoming",
    currency: "usd",
    status: "draft",
    total
  };
  return ok(invoice);
}
var billingRoutes = [
  { method: "GET", path: "/api/v0/org/:org/billing/plan", auth: true, handler: getPlan },
  { method: "GET", path: "/api/v0/org/:org/billing/subscription", auth: true, handler: listSubscriptions },
  { method: "POST", path: "/api/v0/org/:org/billing/subscription", auth: true, handler: createSubscription },
  { method: "GET", path: "/api/v0/org/:org/billing/invoice", auth: true, handler: listInvoices },
  { method: "GET", path: "/api/v0/org/:org/billing/stripe/invoice/upcoming", auth: true, handler: upcomingInvoice }
];

// src/emulator/routes/billing-details.ts
function requireBilling(ctx, org) {
  if (!ctx.store.billing.identityPlan(org.id)) {
    throw new NotFound(`'${org.handle}' has no billing plan: billing applies only to orgs on the Team plan`);
  }
}
function getInvoice(req, ctx) {
  const { org } = readableOrg(req, ctx);
  requireBilling(ctx, org);
  const row = ctx.store.billing.invoice(org.id, req.params.invoice);
  if (!row) throw new NotFound(`'${org.handle}' has no invoice '${req.params.invoice}'`);
  return ok(invoiceRecord(ctx, row));
}
function getSubscription(req, ctx) {
  const { org } = readableOrg(req, ctx);
  requireBilling(ctx, org);
  const row = ctx.store.billing.subscriptions(org.id).find((s) => s.id === req.params.subscription);
  if (!row) throw new NotFound(`'${org.handle}' has no subscription '${req.params.subscription}'`);
  return ok(subscriptionRecord(row));
}
function paymentMethodRecord(row) {
  return {
    id: row.id,
    type: row.type,
    default: row.is_default === 1,
    card: { brand: row.brand, last4: row.last4, exp_month: row.exp_month, exp_year: row.exp_year, country: row.country, funding: row.funding }
  };
}
function listPaymentMethods(req, ctx) {
  const { org } = ownedOrg(req, ctx, "see payment methods");
  requireBilling(ctx, org);
  return ok({ items: ctx.store.paymentMethods.list(org.id).map(paymentMethodRecord) });
}
function getPaymentMethod(req, ctx) {
  const { org } = ownedOrg(req, ctx, "see payment methods");
  requireBilling(ctx, org);
  const row = ctx.store.paymentMethods.byId(org.id, req.params.method);
  if (!row) throw new NotFound(`'${org.handle}' has no payment method '${req.params.method}'`);
  return ok(paymentMethodRecord(row));
}
var billingDetailRoutes = [
  { method: "GET", path: "/api/v0/org/:org/billing/invoice/:invoice", auth: true, handler: getInvoice },
  { method: "GET", path: "/api/v0/org/:org/billing/subscription/:subscription", auth: true, handler: getSubscription },
  { method: "GET", path: "/api/v0/org/:org/billing/payment_method", auth: true, handler: listPaymentMethods },
  { method: "GET", path: "/api/v0/org/:org/billing/payment_method/:method", auth: true, handler: getPaymentMethod }
];

// src/emulator/store/paging.ts
function pageOf(rows, limit, keyOf) {
  if (rows.length <= limit) return { rows, next: null };
  const kept = rows.slice(0, limit);
  return { rows: kept, next: keyOf(kept[kept.length - 1]) };
}

// src/emulator/routes/constraints.ts
var LIMITS = [
  { name: "org.member.included", type: "quota", description: "Members included in the price of the plan.", team: TEAM_INCLUDED_USERS, free: 1 },
  { name: "org.compute.included_minutes", type: "quota", description: "Compute minutes included each month.", team: TEAM_INCLUDED_COMPUTE_MINUTES, free: 0 },
  { name: "org.storage.included_bytes", type: "quota", description: "Storage included each month, in bytes.", team: TEAM_INCLUDED_STORAGE_BYTES, free: 0 },
  { name: "org.workspace.max", type: "quota", description: "Workspaces the org may have.", team: 20, free: 1 },
  { name: "org.pay_as_you_go", type: "feature", description: "Usage beyond the included amounts is billed.", team: true, free: false }
];
function listConstraints(req, ctx) {
  const { org } = readableOrg(req, ctx);
  if (req.query.get("where")) throw new Validation("query.where", "the emulator does not filter constraints; list them all");
  const identityPlan = ctx.store.billing.identityPlan(org.id);
  const plan = identityPlan && ctx.store.billing.planById(identityPlan.plan_id);
  const onTeam = plan?.plan === TEAM_PLAN.plan;
  const all = LIMITS.map((limit) => ({
    name: limit.name,
    target: "org",
    type: limit.type,
    description: limit.description,
    value: onTeam ? limit.team : limit.free,
    // Where the value is inherited from: the plan, or the tenant's defaults.
    value_from: onTeam ? plan.id : ctx.tenantId,
    visibility: "public",
    org_id: org.id,
    tenant_id: ctx.tenantId,
    ...onTeam ? { plan_id: plan.id } : {}
  }));
  const list = `constraints:${org.id}`;
  const query = pageQuery(req, list);
  const start = query.after ? Number(query.after[0]) : 0;
  const page2 = pageOf(
    all.slice(start, start + query.limit + 1).map((c, i) => ({ c, i: start + i + 1 })),
    query.limit,
    (r) => [r.i]
  );
  return ok(listResponse(page2, list, (r) => r.c));
}
var constraintRoutes = [{ method: "GET", path: "/api/v0/org/:org/constraint", auth: true, handler: listConstraints }];

// src/emulator/routes/validate.ts
function checkHandle(location, handle) {
  if (!isHandle(handle)) {
    throw new Validation(
      location,
      `'${handle}' is not a valid handle: use lowercase letters, digits and single hyphens, starting and ending with a letter or digit, at most 39 characters`
    );
  }
}
var ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
function parseTimestamp(location, value) {
  const ms = ISO_8601.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new Validation(location, `'${value}' is not an ISO 8601 date-time such as 2026-01-31T12:00:00Z`);
  return ms;
}
function checkEmail(location, email) {
  const problem = emailProblem(email);
  if (problem) throw new Validation(location, `is not a valid email address (${problem})`);
}
var CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
function checkText(location, value, max = 256) {
  if (CONTROL.test(value)) throw new Validation(location, "must not contain control characters");
  if (value.length > max) throw new Validation(location, `is ${value.length} characters long; at most ${max} are allowed`);
}
var URL_MAX_LENGTH = 2048;
function checkUrl(location, value) {
  if (value === "") return;
  checkText(location, value, URL_MAX_LENGTH);
  let url;
  try {
    url = /\s/.test(value) ? void 0 : new URL(value);
  } catch {
    url = void 0;
  }
  if (!url || url.protocol !== "http:" && url.protocol !== "https:" || url.hostname === "") {
    throw new Validation(location, `${JSON.stringify(value)} is not an http or https URL such as https://acme.example.com`);
  }
}

// src/emulator/routes/controls.ts
function reset(_req, ctx) {
  ctx.controls.reset();
  return ok({ reset: true });
}
function seedInfo(_req, ctx) {
  return ok({ kind: ctx.store.meta.get("seed"), tokens: ctx.controls.seedTokens() });
}
function createUser(req, ctx) {
  const body = jsonBody(req);
  const handle = requiredString(body, "handle");
  checkHandle("body.handle", handle);
  const email = optionalString(body, "email");
  if (email !== void 0) checkEmail("body.email", email);
  const orgHandle = optionalString(body, "org");
  const role = optionalEnum(body, "role", ORG_ROLES) ?? "member";
  const now = ctx.now();
  const result = ctx.store.transaction(() => {
    const org = orgHandle === void 0 ? void 0 : ctx.store.orgs.liveByHandle(orgHandle);
    if (orgHandle !== void 0 && !org) throw new NotFound(`org '${orgHandle}' not found`);
    const user = ctx.store.users.create({ handle, email: email ?? `${handle}@example.com`, display_name: handle }, now);
    const token2 = ctx.store.tokens.create({ user_id: user.id, token_type: "user", title: "emulator" }, user.id, now);
    if (org) ctx.store.members.add({ org_id: org.id, user_id: user.id, role, status: "accepted", last_activity_at: now }, user.id, now);
    return { user, token: token2 };
  });
  return created({ user: userRecord(ctx, result.user), token: result.token.secret });
}
function bulkMembers(req, ctx) {
  const body = jsonBody(req);
  const count = body.count;
  if (!Number.isInteger(count) || count < 1 || count > 1e5) {
    throw new Validation("body.count", "must be an integer from 1 to 100000");
  }
  const prefix = optionalString(body, "prefix") ?? "member";
  const role = optionalEnum(body, "role", ORG_ROLES) ?? "member";
  const status = optionalEnum(body, "status", ["accepted", "invited"]) ?? "accepted";
  checkHandle("body.prefix", `${prefix}-${count}`);
  const org = ctx.store.orgs.liveByHandle(req.params.org);
  if (!org) throw new NotFound(`org '${req.params.org}' not found`);
  const now = ctx.now();
  ctx.store.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const handle = `${prefix}-${i}`;
      if (ctx.store.users.handleInUse(handle)) throw new Conflict(`the handle '${handle}' is already in use`);
      const user = ctx.store.users.create({ handle, email: `${handle}@example.com`, display_name: handle }, now);
      ctx.store.members.add(
        { org_id: org.id, user_id: user.id, role, status, last_activity_at: status === "accepted" ? now : null },
        org.created_by_id,
        now
      );
    }
  });
  return created({ org: org.handle, created: count });
}
function acceptInvite(req, ctx) {
  const org = ctx.store.orgs.liveByHandle(req.params.org);
  if (!org) throw new NotFound(`org '${req.params.org}' not found`);
  const member = ctx.store.members.byHandle(org.id, req.params.user);
  if (!member || member.status !== "invited") throw new NotFound(`'${req.params.user}' has no open invitation to '${org.handle}'`);
  return ok(orgUserRecord(ctx, ctx.store.members.accept(member.id, ctx.now())));
}
function setFaults(req, ctx) {
  return ok(ctx.controls.faults.configure(jsonBody(req, { optional: true })));
}
function getFaults(_req, ctx) {
  return ok(ctx.controls.faults.config());
}
function listRequests(_req, ctx) {
  return ok({ items: ctx.controls.requests.list() });
}
function clearRequests(_req, ctx) {
  ctx.controls.requests.clear();
  return noContent();
}
function getAvatar(req, ctx) {
  const avatar = ctx.store.avatars.byKey(req.params.key);
  if (!avatar) throw new NotFound("no such avatar");
  return { status: 200, body: avatar.data, headers: { "content-type": avatar.content_type, "cache-control": "max-age=3600" } };
}
function getDefaultAvatar(req, ctx) {
  const id = req.params.file.replace(/\.svg$/, "");
  const org = ctx.store.orgs.byId(id);
  const user = org ? void 0 : ctx.store.users.byId(id);
  const handle = org?.handle ?? user?.handle;
  if (!handle) throw new NotFound("no such identity");
  let hue = 0;
  for (const c of id) hue = (hue * 31 + c.charCodeAt(0)) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><rect width="96" height="96" fill="hsl(${hue},55%,45%)"/><text x="48" y="62" font-family="sans-serif" font-size="44" fill="#fff" text-anchor="middle">${handle[0].toUpperCase()}</text></svg>`;
  return { status: 200, body: svg, headers: { "content-type": "image/svg+xml" } };
}
var controlRoutes = [
  { method: "POST", path: "/_emulator/reset", auth: false, handler: reset },
  { method: "GET", path: "/_emulator/seed", auth: false, handler: seedInfo },
  { method: "POST", path: "/_emulator/users", auth: false, handler: createUser },
  { method: "POST", path: "/_emulator/orgs/:org/members", auth: false, handler: bulkMembers },
  { method: "POST", path: "/_emulator/orgs/:org/members/:user/accept", auth: false, handler: acceptInvite },
  { method: "POST", path: "/_emulator/faults", auth: false, handler: setFaults },
  { method: "GET", path: "/_emulator/faults", auth: false, handler: getFaults },
  { method: "GET", path: "/_emulator/requests", auth: false, handler: listRequests },
  { method: "DELETE", path: "/_emulator/requests", auth: false, handler: clearRequests },
  { method: "GET", path: "/_emulator/avatars/default/:file", auth: false, handler: getDefaultAvatar },
  { method: "GET", path: "/_emulator/avatars/:key", auth: false, handler: getAvatar }
];

// src/emulator/routes/identity.ts
function identityRecord(ctx, row) {
  return {
    id: row.id,
    handle: row.handle,
    tenant_id: ctx.tenantId,
    type: row.type,
    display_name: row.display_name ?? row.handle,
    avatar_url: row.type === "org" ? avatarUrl(ctx, row) : defaultAvatarUrl(ctx, row.id)
  };
}
function listIdentities(req, ctx) {
  const q = req.query.get("q")?.trim() || void 0;
  const list = `identities:${q ?? ""}`;
  const page2 = ctx.store.identities.list(q, pageQuery(req, list));
  return ok(listResponse(page2, list, (row) => identityRecord(ctx, row)));
}
function getIdentity(req, ctx) {
  const row = ctx.store.identities.byHandle(req.params.identity);
  if (!row) throw new NotFound(`no user or org has the handle '${req.params.identity}'`);
  return ok(identityRecord(ctx, row));
}
var identityRoutes = [
  { method: "GET", path: "/api/v0/identity", auth: false, handler: listIdentities },
  { method: "GET", path: "/api/v0/identity/:identity", auth: false, handler: getIdentity }
];

// src/emulator/routes/invite-confirm.ts
function confirmInvite(req, ctx) {
  const actor = ctx.actor();
  const t2 = req.query.get("t");
  if (!t2) throw new Validation("query.t", "is required");
  const org = ctx.store.orgs.liveByHandle(req.params.org);
  if (!org) throw new NotFound(`org '${req.params.org}' not found`);
  const invite = ctx.store.members.byId(t2);
  if (!invite || invite.org_id !== org.id || invite.status !== "invited") {
    throw new Validation("query.t", `is not an open invitation to '${org.handle}'`);
  }
  if (invite.user_id !== actor.user.id) throw new Forbidden(`the invitation to '${org.handle}' is for another user`);
  checkTokenNotRevoked(org, actor);
  const accepted = ctx.store.transaction(() => {
    const row = ctx.store.members.accept(invite.id, ctx.now());
    audit(ctx, req, actor, org, "org.member.invite.accept", { id: invite.user_id, handle: invite.user.handle }, { role: invite.role });
    return row;
  });
  return created(orgUserRecord(ctx, accepted));
}
var inviteConfirmRoutes = [
  { method: "GET", path: "/api/v0/org/:org/member/invite/confirm", auth: true, handler: confirmInvite }
];

// src/emulator/routes/login.ts
var TEMPORARY_TOKEN_DAYS = 30;
var MAX_WRONG_CODES = 5;
var DAY_MS = 864e5;
function loginRequest(ctx, id) {
  const row = ctx.store.loginRequests.byId(id);
  if (!row) throw new NotFound(`login request '${id}' not found`);
  return row;
}
function confirmLogin(ctx, row, user, authIssuedAt) {
  if (row.state === "expired") throw new BadRequest("this login request is void after too many wrong codes; start a new login");
  if (row.token_id !== null) throw new BadRequest("this login request has already been used; start a new login");
  if (row.state === "confirmed") {
    if (row.user_id !== user.id) throw new BadRequest("this login request was already confirmed by another user");
    return row;
  }
  return ctx.store.loginRequests.confirm(row.id, newLoginCode(), user.id, authIssuedAt, ctx.now());
}
function createRequest(req, ctx) {
  return created(loginRequestRecord(ctx.store.loginRequests.create(req.clientIp, ctx.now())));
}
function getRequest(req, ctx) {
  const row = loginRequest(ctx, req.params.id);
  const code = req.query.get("code");
  if (code === null) return ok(loginRequestRecord(row));
  if (!/^\d{6}$/.test(code)) throw new Validation("query.code", "must be the 6-digit code shown in the browser");
  if (row.state === "expired") throw new BadRequest("this login request is void after too many wrong codes; start a new login");
  if (row.state !== "confirmed") throw new BadRequest("the login request has not been confirmed in the browser yet");
  if (row.token_id !== null) throw new BadRequest("this code has already been used; start a new login");
  const now = ctx.now();
  if (code !== row.code) {
    const failed = ctx.store.loginRequests.fail(row.id, MAX_WRONG_CODES, now);
    const left = MAX_WRONG_CODES - failed.failed_attempts;
    throw new Validation(
      "query.code",
      left > 0 ? `does not match the code shown in the browser (${left} ${left === 1 ? "try" : "tries"} left)` : "does not match; the login request is now void, start a new login"
    );
  }
  const token2 = ctx.store.transaction(() => {
    const made = ctx.store.tokens.create(
      {
        user_id: row.user_id,
        token_type: "temporary",
        title: "CLI login",
        expires_at: now + TEMPORARY_TOKEN_DAYS * DAY_MS,
        issued_at: row.auth_issued_at ?? now
      },
      row.user_id,
      now
    );
    ctx.store.loginRequests.setToken(row.id, made.id, now);
    return made;
  });
  return ok(loginRequestRecord(ctx.store.loginRequests.byId(row.id), { code, token: token2.secret }));
}
function updateRequest(req, ctx) {
  const body = jsonBody(req);
  const state = requiredString(body, "state");
  if (state !== "pending" && state !== "confirmed") throw new Validation("body.state", "must be one of: pending, confirmed");
  const row = loginRequest(ctx, req.params.id);
  if (state === "pending") {
    if (row.state !== "pending") throw new BadRequest("a confirmed login request cannot go back to pending");
    return ok(loginRequestRecord(row));
  }
  const actor = ctx.actor();
  const confirmed = confirmLogin(ctx, row, actor.user, actor.token.issued_at);
  return ok(loginRequestRecord(confirmed, { code: confirmed.code }));
}
function deleteRequest(req, ctx) {
  const row = loginRequest(ctx, req.params.id);
  ctx.store.loginRequests.delete(row.id);
  return ok(loginRequestRecord(row));
}
var loginRoutes = [
  { method: "POST", path: "/api/v0/login/token", auth: false, handler: createRequest },
  { method: "GET", path: "/api/v0/login/token/:id", auth: false, handler: getRequest },
  { method: "PATCH", path: "/api/v0/login/token/:id", auth: false, handler: updateRequest },
  { method: "DELETE", path: "/api/v0/login/token/:id", auth: false, handler: deleteRequest }
];

// src/emulator/routes/login-page.ts
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
function page(title, body) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} \xB7 pipes-emulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}
#code{font:700 2.5rem/1.2 ui-monospace,monospace;letter-spacing:.3rem}button{font-size:1rem;padding:.5rem 1.5rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}
function signedInUser(req, ctx) {
  const handle = req.query.get("as") || "demo";
  const user = ctx.store.users.byHandle(handle);
  if (!user) throw new NotFound(`no user has the handle '${handle}'`);
  return user;
}
function errorPage(err) {
  if (!(err instanceof EmulatorError)) throw err;
  return html(err.status, page("Login request", `<p role="alert">${escapeHtml(err.message)}</p>`));
}
function showRequest(req, ctx) {
  try {
    const id = req.query.get("r");
    if (!id) throw new NotFound("this page needs a login request: open the link the CLI printed");
    const row = loginRequest(ctx, id);
    const user = signedInUser(req, ctx);
    const action = `/login/token?${new URLSearchParams({ r: id, as: user.handle }).toString()}`;
    const who = `<p>Signed in as <strong id="user">${escapeHtml(user.handle)}</strong>.</p>`;
    if (row.state === "confirmed" && row.user_id === user.id) {
      return html(200, page("Login confirmed", `${who}<p>Enter this code in your terminal:</p><p id="code">${row.code}</p>`));
    }
    return html(
      200,
      page(
        "Confirm CLI login",
        `${who}<p>A command-line tool on ${escapeHtml(row.client_ip)} asked to sign in to Pipes as you.</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit" id="verify">Verify</button></form>`
      )
    );
  } catch (err) {
    return errorPage(err);
  }
}
function verifyRequest(req, ctx) {
  try {
    const id = req.query.get("r");
    if (!id) throw new NotFound("this page needs a login request: open the link the CLI printed");
    const user = signedInUser(req, ctx);
    const row = confirmLogin(ctx, loginRequest(ctx, id), user, null);
    return html(
      200,
      page(
        "Login confirmed",
        `<p>Signed in as <strong id="user">${escapeHtml(user.handle)}</strong>.</p><p>Enter this code in your terminal:</p><p id="code">${row.code}</p>`
      )
    );
  } catch (err) {
    return errorPage(err);
  }
}
var loginPageRoutes = [
  { method: "GET", path: "/login/token", auth: false, handler: showRequest },
  { method: "POST", path: "/login/token", auth: false, body: "form", handler: verifyRequest }
];

// src/emulator/handles.ts
var MAX_HANDLE = 39;
function fit(candidate) {
  let handle = candidate.slice(0, MAX_HANDLE).replace(/-+$/, "");
  while (handle.length > 0 && !isHandle(handle)) handle = handle.slice(0, -1).replace(/-+$/, "");
  return handle;
}
function stemFor(base, suffix) {
  let stem = base.slice(0, MAX_HANDLE - suffix.length).replace(/-+$/, "");
  while (stem && !isHandle(`${stem}${suffix}`)) stem = stem.slice(0, -1).replace(/-+$/, "");
  return stem || "user";
}
function handleFromEmail(email, lookup) {
  const local = email.slice(0, email.lastIndexOf("@")).toLowerCase();
  const base = fit(local.replace(/[^a-z0-9]+/g, "-").replace(/^-+/, "")) || "user";
  if (!lookup.inUse(base)) return base;
  let n = 2;
  for (; ; ) {
    const stem = stemFor(base, `-${n}`);
    n = Math.max(n, lookup.highestSuffix(stem) + 1);
    if (stemFor(base, `-${n}`) !== stem) continue;
    const candidate = `${stem}-${n}`;
    if (!lookup.inUse(candidate)) return candidate;
    n++;
  }
}

// src/emulator/routes/members.ts
var USER_ID = /^u_[0-9a-v]{20}$/;
function requiredRole(body) {
  const role = requiredString(body, "role");
  if (!ORG_ROLES.includes(role)) throw new Validation("body.role", `must be one of: ${ORG_ROLES.join(", ")}`);
  return role;
}
function memberOf(ctx, org, userHandle) {
  const member = ctx.store.members.byHandle(org.id, userHandle);
  if (!member) throw new NotFound(`'${userHandle}' is not a member of '${org.handle}' and has no invitation to it`);
  return member;
}
function isLastOwner(ctx, member) {
  return member.role === "owner" && member.status === "accepted" && ctx.store.members.acceptedOwnerCount(member.org_id) <= 1;
}
function listMembers(req, ctx) {
  const { org } = readableOrg(req, ctx);
  const q = req.query.get("q")?.trim() || void 0;
  const list = `members:${org.id}:${q ?? ""}`;
  const page2 = ctx.store.members.list(org.id, q, pageQuery(req, list));
  return ok(listResponse(page2, list, (m) => orgUserRecord(ctx, m)));
}
function getMember(req, ctx) {
  const { org } = readableOrg(req, ctx);
  return ok(orgUserRecord(ctx, memberOf(ctx, org, req.params.user)));
}
function addMember(req, ctx) {
  ownedOrg(req, ctx, "add members");
  throw new Forbidden("adding members directly is only available in custom tenants; invite them with POST /org/{org_handle}/member/invite");
}
function inviteMember(req, ctx) {
  const body = jsonBody(req);
  const { org, actor } = ownedOrg(req, ctx, "invite members");
  const role = requiredRole(body);
  const handle = optionalString(body, "handle");
  const email = optionalString(body, "email")?.trim();
  if (handle === void 0 === (email === void 0)) throw new Validation("body", "give exactly one of handle or email");
  if (email !== void 0) checkEmail("body.email", email);
  if (handle !== void 0 && !USER_ID.test(handle)) checkHandle("body.handle", handle);
  const now = ctx.now();
  let user;
  if (handle !== void 0) {
    user = USER_ID.test(handle) ? ctx.store.users.byId(handle) : ctx.store.users.byHandle(handle);
    if (!user) throw new NotFound(`no user has the handle '${handle}'`);
  } else {
    user = ctx.store.users.byEmail(email);
    if (!user) {
      const newHandle = handleFromEmail(email, {
        inUse: (h) => ctx.store.users.handleInUse(h),
        highestSuffix: (stem) => ctx.store.users.highestSuffix(stem)
      });
      user = ctx.store.users.create({ handle: newHandle, email, display_name: email, status: "pending" }, now, { checked: true });
    }
  }
  const row = ctx.store.members.tryAdd({ org_id: org.id, user_id: user.id, role, status: "invited" }, actor.user.id, now);
  if (!row) {
    const existing = ctx.store.members.forUser(org.id, user.id);
    const what = existing?.status === "invited" ? "already has an invitation to" : "is already a member of";
    throw new Conflict(`'${user.handle}' ${what} '${org.handle}'`);
  }
  audit(ctx, req, actor, org, "org.member.invite", { id: user.id, handle: user.handle }, { role, ...email ? { email } : {} });
  const member = { ...row, user };
  return created(orgUserRecord(ctx, member));
}
function updateMember(req, ctx) {
  const body = jsonBody(req);
  const { org, actor } = ownedOrg(req, ctx, "change member roles");
  const role = requiredRole(body);
  const member = memberOf(ctx, org, req.params.user);
  checkIfMatch(req, member.version_id);
  if (role !== "owner" && isLastOwner(ctx, member)) {
    throw new Conflict(`'${member.user.handle}' is the last owner of '${org.handle}'; make someone else an owner first`);
  }
  const updated = ctx.store.transaction(() => {
    const row = ctx.store.members.updateRole(member.id, role, actor.user.id, ctx.now());
    audit(ctx, req, actor, org, "org.member.update", { id: member.user_id, handle: member.user.handle }, { role, previous_role: member.role });
    return row;
  });
  return ok(orgUserRecord(ctx, updated));
}
function removeMember(req, ctx) {
  const { org, actor } = ownedOrg(req, ctx, "remove members");
  const member = memberOf(ctx, org, req.params.user);
  checkIfMatch(req, member.version_id);
  if (isLastOwner(ctx, member)) {
    throw new Conflict(`'${member.user.handle}' is the last owner of '${org.handle}'; make someone else an owner first`);
  }
  ctx.store.transaction(() => {
    ctx.store.members.remove(member.id);
    const action = member.status === "invited" ? "org.member.invite.cancel" : "org.member.remove";
    audit(ctx, req, actor, org, action, { id: member.user_id, handle: member.user.handle }, { role: member.role, status: member.status });
  });
  return ok(orgUserRecord(ctx, member));
}
function declineInvite(req, ctx) {
  const actor = ctx.actor();
  const t2 = req.query.get("t");
  if (!t2) throw new Validation("query.t", "is required");
  const org = ctx.store.orgs.liveByHandle(req.params.org);
  if (!org) throw new NotFound(`org '${req.params.org}' not found`);
  const invite = ctx.store.members.byId(t2);
  if (!invite || invite.org_id !== org.id || invite.status !== "invited") {
    throw new Validation("query.t", `is not an open invitation to '${org.handle}'`);
  }
  if (invite.user_id !== actor.user.id) {
    const caller = ctx.store.members.forUser(org.id, actor.user.id);
    if (!caller || caller.status !== "accepted") throw new NotFound(`org '${org.handle}' not found`);
    checkTokenNotRevoked(org, actor);
    if (caller.role !== "owner") throw new Forbidden(`the owner role is required to cancel invitations to '${org.handle}'`);
  }
  ctx.store.transaction(() => {
    ctx.store.members.remove(invite.id);
    const action = invite.user_id === actor.user.id ? "org.member.invite.decline" : "org.member.invite.cancel";
    audit(ctx, req, actor, org, action, { id: invite.user_id, handle: invite.user.handle }, { role: invite.role });
  });
  return noContent();
}
var memberRoutes = [
  { method: "GET", path: "/api/v0/org/:org/member", auth: true, handler: listMembers },
  { method: "POST", path: "/api/v0/org/:org/member", auth: true, handler: addMember },
  { method: "POST", path: "/api/v0/org/:org/member/invite", auth: true, handler: inviteMember },
  { method: "DELETE", path: "/api/v0/org/:org/member/invite", auth: true, handler: declineInvite },
  { method: "GET", path: "/api/v0/org/:org/member/:user", auth: true, handler: getMember },
  { method: "PATCH", path: "/api/v0/org/:org/member/:user", auth: true, handler: updateMember },
  { method: "DELETE", path: "/api/v0/org/:org/member/:user", auth: true, handler: removeMember }
];

// src/emulator/routes/orgs.ts
var DAY_MS2 = 864e5;
var THRESHOLD_ACTIONS = ["warn", "cap_and_warn"];
function listOrgs(req, ctx) {
  const { user } = ctx.actor();
  const page2 = ctx.store.orgs.listForUser(user.id, pageQuery(req, "orgs"));
  return ok(listResponse(page2, "orgs", (org) => orgRecord(ctx, org)));
}
function createOrg(req, ctx) {
  const actor = ctx.actor();
  const body = jsonBody(req);
  const handle = requiredString(body, "handle");
  checkHandle("body.handle", handle);
  const displayName = optionalString(body, "display_name");
  if (displayName !== void 0) checkText("body.display_name", displayName);
  const url = optionalString(body, "url");
  if (url !== void 0) checkUrl("body.url", url);
  const planId = optionalString(body, "plan_id");
  const plan = planId === void 0 ? void 0 : ctx.store.billing.planById(planId) ?? ctx.store.billing.planByName(planId);
  if (planId !== void 0 && !plan) throw new Validation("body.plan_id", `'${planId}' is not a plan`);
  const now = ctx.now();
  const org = ctx.store.transaction(() => {
    if (ctx.store.users.handleInUse(handle)) throw new Conflict(`the handle '${handle}' is already in use`);
    const org2 = ctx.store.orgs.create(
      { handle, display_name: displayName ?? handle, url, billing_status: plan ? "trial" : "preview" },
      actor.user.id,
      now
    );
    ctx.store.members.add({ org_id: org2.id, user_id: actor.user.id, role: "owner", status: "accepted", last_activity_at: now }, actor.user.id, now);
    if (plan) ctx.store.billing.setIdentityPlan(org2.id, plan.id, now + TEAM_TRIAL_DAYS * DAY_MS2, actor.user.id, now);
    audit(ctx, req, actor, org2, "org.create", { id: org2.id, handle }, { handle, display_name: org2.display_name });
    return org2;
  });
  return created(orgRecord(ctx, org));
}
function getOrg(req, ctx) {
  return ok(orgRecord(ctx, readableOrg(req, ctx).org));
}
function updateOrg(req, ctx) {
  const body = jsonBody(req);
  const { org, actor } = ownedOrg(req, ctx, "update the org");
  checkIfMatch(req, org.version_id);
  const now = ctx.now();
  const changes = {};
  const handle = optionalString(body, "handle");
  if (handle !== void 0 && handle !== org.handle) {
    checkHandle("body.handle", handle);
    if (ctx.store.users.handleInUse(handle)) throw new Conflict(`the handle '${handle}' is already in use`);
    changes.handle = handle;
  }
  const displayName = optionalString(body, "display_name");
  if (displayName !== void 0) {
    checkText("body.display_name", displayName);
    changes.display_name = displayName;
  }
  const url = optionalString(body, "url");
  if (url !== void 0) {
    checkUrl("body.url", url);
    changes.url = url;
  }
  const minIssued = optionalString(body, "token_min_issued_at");
  if (minIssued !== void 0) {
    const ms = parseTimestamp("body.token_min_issued_at", minIssued);
    if (ms > now) throw new Validation("body.token_min_issued_at", "must not be in the future");
    changes.token_min_issued_at = ms;
  }
  for (const dimension of ["compute", "storage", "user"]) {
    const action = optionalEnum(body, `usage_${dimension}_action`, THRESHOLD_ACTIONS);
    if (action !== void 0) changes[`usage_${dimension}_action`] = action;
    const threshold = optionalInteger(body, `usage_${dimension}_threshold`);
    if (threshold !== void 0) changes[`usage_${dimension}_threshold`] = threshold;
  }
  const updated = ctx.store.transaction(() => {
    const row = ctx.store.orgs.update(org.id, changes, actor.user.id, now);
    const data = { ...changes };
    if (changes.handle) data.previous_handle = org.handle;
    if (changes.token_min_issued_at !== void 0) data.token_min_issued_at = minIssued;
    const onlyReset = Object.keys(changes).length === 1 && changes.token_min_issued_at !== void 0;
    const action = changes.handle ? "org.handle.update" : onlyReset ? "org.auth.reset" : "org.update";
    audit(ctx, req, actor, row, action, { id: org.id, handle: row.handle }, data);
    return row;
  });
  return ok(orgRecord(ctx, updated));
}
function deleteOrg(req, ctx) {
  const { org, actor } = ownedOrg(req, ctx, "delete the org");
  checkIfMatch(req, org.version_id);
  const deleted = ctx.store.transaction(() => {
    audit(ctx, req, actor, org, "org.delete", { id: org.id, handle: org.handle }, { handle: org.handle });
    return ctx.store.orgs.softDelete(org.id, actor.user.id, ctx.now());
  });
  return ok(orgRecord(ctx, deleted));
}
var orgRoutes = [
  { method: "GET", path: "/api/v0/org", auth: true, handler: listOrgs },
  { method: "POST", path: "/api/v0/org", auth: true, handler: createOrg },
  { method: "GET", path: "/api/v0/org/:org", auth: true, handler: getOrg },
  { method: "PATCH", path: "/api/v0/org/:org", auth: true, handler: updateOrg },
  { method: "DELETE", path: "/api/v0/org/:org", auth: true, handler: deleteOrg }
];

// src/emulator/routes/tokens.ts
var MAX_USER_TOKENS = 2;
function ownUser(req, ctx) {
  const actor = ctx.actor();
  if (req.params.user !== actor.user.handle) throw new Forbidden("tokens can only be listed and managed by the user they belong to");
  return actor;
}
function ownToken(req, ctx) {
  const { user } = ownUser(req, ctx);
  const token2 = ctx.store.tokens.byId(req.params.token);
  if (!token2 || token2.user_id !== user.id) throw new NotFound(`token '${req.params.token}' not found`);
  return { token: token2, userId: user.id };
}
function listTokens(req, ctx) {
  const { user } = ownUser(req, ctx);
  const list = `tokens:${user.id}`;
  const page2 = ctx.store.tokens.listForUser(user.id, pageQuery(req, list));
  return ok(listResponse(page2, list, tokenRecord));
}
function createToken(req, ctx) {
  const { user, token: parent } = ownUser(req, ctx);
  const body = jsonBody(req, { optional: true });
  const title = optionalString(body, "title");
  if (title !== void 0) checkText("body.title", title);
  if (ctx.store.tokens.userTokenCount(user.id) >= MAX_USER_TOKENS) {
    throw new BadRequest(`a user may have at most ${MAX_USER_TOKENS} tokens; delete one first`);
  }
  const token2 = ctx.store.tokens.create({ user_id: user.id, token_type: "user", title, issued_at: parent.issued_at }, user.id, ctx.now());
  return created({ ...tokenRecord(token2), token: token2.secret });
}
function getToken(req, ctx) {
  return ok(tokenRecord(ownToken(req, ctx).token));
}
function updateToken(req, ctx) {
  const body = jsonBody(req);
  const { token: token2, userId } = ownToken(req, ctx);
  checkIfMatch(req, token2.version_id);
  const status = requiredString(body, "status");
  if (status !== "active" && status !== "inactive") throw new Validation("body.status", "must be one of: active, inactive");
  const title = optionalString(body, "title") ?? token2.title;
  if (title !== null) checkText("body.title", title);
  const description = optionalString(body, "description") ?? token2.description;
  if (description !== null) checkText("body.description", description, 1024);
  return ok(tokenRecord(ctx.store.tokens.update(token2.id, { status, title, description }, userId, ctx.now())));
}
function deleteToken(req, ctx) {
  const { token: token2, userId } = ownToken(req, ctx);
  checkIfMatch(req, token2.version_id);
  return ok(tokenRecord(ctx.store.tokens.delete(token2.id, userId, ctx.now())));
}
var tokenRoutes = [
  { method: "GET", path: "/api/v0/user/:user/token", auth: true, handler: listTokens },
  { method: "POST", path: "/api/v0/user/:user/token", auth: true, handler: createToken },
  { method: "GET", path: "/api/v0/user/:user/token/:token", auth: true, handler: getToken },
  { method: "PATCH", path: "/api/v0/user/:user/token/:token", auth: true, handler: updateToken },
  { method: "DELETE", path: "/api/v0/user/:user/token/:token", auth: true, handler: deleteToken }
];

// src/emulator/where.ts
var COLUMNS = /* @__PURE__ */ new Set(["usage_date", "dimension", "metric", "unit", "billing_mode", "workspace_id", "instance_type"]);
var OPERATORS = /* @__PURE__ */ new Set(["=", "!=", "<>", "<", "<=", ">", ">="]);
function invalid(message) {
  return new Validation("query.where", message);
}
function tokenize(input) {
  const tokens = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
    } else if (/[a-z_]/i.test(c)) {
      const word = /^[a-z_][a-z0-9_]*/i.exec(input.slice(i))[0];
      tokens.push({ kind: "word", text: word.toLowerCase() });
      i += word.length;
    } else if (c === "'") {
      let text = "";
      i++;
      for (; ; ) {
        if (i >= input.length) throw invalid("a string literal is not closed");
        if (input[i] === "'") {
          if (input[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += input[i++];
      }
      tokens.push({ kind: "string", text });
    } else if ("<>=!".includes(c)) {
      const op = /^(<=|>=|<>|!=|=|<|>)/.exec(input.slice(i))?.[0];
      if (!op) throw invalid(`unexpected '${c}'`);
      tokens.push({ kind: "op", text: op });
      i += op.length;
    } else if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: "punct", text: c });
      i++;
    } else {
      throw invalid(`unexpected '${c}'`);
    }
  }
  return tokens;
}
function dateValue(literal) {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(literal) ? Date.parse(`${literal}T00:00:00Z`) : /^\d{4}-\d{2}-\d{2}T/.test(literal) ? Date.parse(literal) : NaN;
  if (Number.isNaN(ms)) throw invalid(`'${literal}' is not a date such as '2026-01-31'`);
  return ms;
}
function parseUsageWhere(input) {
  const tokens = tokenize(input);
  if (tokens.length === 0) return null;
  const parts = [];
  const params = [];
  let i = 0;
  const next = () => tokens[i++];
  for (; ; ) {
    const column = next();
    if (!column || column.kind !== "word" || !COLUMNS.has(column.text)) {
      throw invalid(`expected a column (${[...COLUMNS].join(", ")}), found ${column ? `'${column.text}'` : "the end"}`);
    }
    const value = (literal) => column.text === "usage_date" ? dateValue(literal) : literal;
    const op = next();
    if (op?.kind === "op" && OPERATORS.has(op.text)) {
      const literal = next();
      if (literal?.kind !== "string") throw invalid(`expected a quoted value after ${column.text} ${op.text}`);
      parts.push(`${column.text} ${op.text === "<>" ? "!=" : op.text} ?`);
      params.push(value(literal.text));
    } else if (op?.kind === "word" && op.text === "in") {
      if (next()?.text !== "(") throw invalid(`expected '(' after ${column.text} in`);
      const values = [];
      for (; ; ) {
        const literal = next();
        if (literal?.kind !== "string") throw invalid(`expected a quoted value in the list for ${column.text}`);
        values.push(value(literal.text));
        const sep = next();
        if (sep?.text === ")") break;
        if (sep?.text !== ",") throw invalid(`expected ',' or ')' in the list for ${column.text}`);
      }
      parts.push(`${column.text} IN (${values.map(() => "?").join(", ")})`);
      params.push(...values);
    } else {
      throw invalid(`expected an operator after ${column.text}`);
    }
    const joiner = next();
    if (!joiner) break;
    if (joiner.kind !== "word" || joiner.text !== "and") throw invalid(`expected 'and', found '${joiner.text}'`);
  }
  return { sql: parts.join(" AND "), params };
}

// src/emulator/routes/usage.ts
function listUsage(req, ctx) {
  const { org } = readableOrg(req, ctx);
  const where = req.query.get("where") ?? "";
  const filter = parseUsageWhere(where);
  const list = `usage:${org.id}:${where}`;
  const page2 = ctx.store.usage.list(org.id, filter, pageQuery(req, list));
  return ok(listResponse(page2, list, (row) => usageRecord(ctx, row)));
}
function listWorkspaces(req, ctx) {
  const { org } = readableOrg(req, ctx);
  const list = `workspaces:${org.id}`;
  const page2 = ctx.store.workspaces.list(org.id, pageQuery(req, list));
  return ok(listResponse(page2, list, workspaceRecord));
}
function listAuditLog(req, ctx) {
  const { org } = ownedOrg(req, ctx, "read the audit log");
  const list = `audit:${org.id}`;
  const page2 = ctx.store.audit.list(org.id, pageQuery(req, list));
  return ok(listResponse(page2, list, (row) => auditRecord(ctx, row, org)));
}
var usageRoutes = [
  { method: "GET", path: "/api/v0/org/:org/usage", auth: true, handler: listUsage },
  { method: "GET", path: "/api/v0/org/:org/workspace", auth: true, handler: listWorkspaces },
  { method: "GET", path: "/api/v0/org/:org/audit_log", auth: true, handler: listAuditLog }
];

// src/emulator/routes/index.ts
var allRoutes = [
  ...actorRoutes,
  ...loginRoutes,
  ...orgRoutes,
  ...avatarRoutes,
  ...memberRoutes,
  ...usageRoutes,
  ...billingRoutes,
  ...tokenRoutes,
  // The org-admin operations added with the API document's cut.
  ...identityRoutes,
  ...constraintRoutes,
  ...inviteConfirmRoutes,
  ...billingDetailRoutes,
  ...loginPageRoutes,
  ...controlRoutes
];

// src/emulator/seed.ts
var WORKSPACE_HOST = "usea1.db.pipes.turbot.com";
var USAGE_DAYS = 60;
var DAY_MS3 = 864e5;
var MINUTE_MS2 = 6e4;
var GB = 1024 ** 3;
function applySeed(store2, kind, clock, previous) {
  const now = clock.getTime();
  const tenantId = previous?.tenantId ?? newId("t");
  const tokenFor = (handle) => previous?.tokens?.[handle] ?? newTokenSecret();
  store2.billing.createPlan(TEAM_PLAN, now - 1e3 * DAY_MS3);
  const demo = store2.users.create(
    { handle: "demo", email: "demo@example.com", display_name: "Demo User" },
    now - 500 * DAY_MS3
  );
  const tokens = { demo: store2.tokens.create({ user_id: demo.id, token_type: "user", title: "demo", secret: tokenFor("demo") }, demo.id, now).secret };
  if (kind === "none") return { tenantId, tokens };
  const jane = store2.users.create({ handle: "jane", email: "jane@example.com", display_name: "Jane Doe" }, now - 420 * DAY_MS3);
  tokens.jane = store2.tokens.create({ user_id: jane.id, token_type: "user", title: "jane", secret: tokenFor("jane") }, jane.id, now).secret;
  const carol = store2.users.create({ handle: "carol", email: "carol@example.com", display_name: "Carol Chen" }, now - 300 * DAY_MS3);
  const bob = store2.users.create({ handle: "bob", email: "bob@example.com", display_name: "Bob Smith" }, now - 200 * DAY_MS3);
  const dave = store2.users.create({ handle: "dave", email: "dave@example.com", display_name: "dave@example.com", status: "pending" }, now - 3 * DAY_MS3);
  const acme = seedAcme(store2, now, { demo, jane, carol, bob, dave });
  seedHobby(store2, now, demo);
  seedUsage(store2, clock, acme.org, acme.workspaces);
  seedBilling(store2, clock, acme.org, demo, 4);
  return { tenantId, tokens };
}
function seedAcme(store2, now, users) {
  const { demo, jane, carol, bob, dave } = users;
  const created2 = now - 400 * DAY_MS3;
  let org = store2.orgs.create(
    { handle: "acme", display_name: "Acme Corp", url: "https://acme.example.com", billing_status: "active" },
    demo.id,
    created2
  );
  org = store2.orgs.update(
    org.id,
    {
      usage_compute_action: "warn",
      usage_compute_threshold: 3e3,
      usage_storage_action: "warn",
      usage_storage_threshold: 25,
      usage_user_action: "cap_and_warn",
      usage_user_threshold: 10
    },
    demo.id,
    created2
  );
  const team = store2.billing.planByName(TEAM_PLAN.plan);
  store2.billing.setIdentityPlan(org.id, team.id, null, demo.id, created2);
  const memberships = [
    [demo, "owner", "accepted", created2, now - 1 * 36e5],
    [jane, "member", "accepted", now - 380 * DAY_MS3, now - 2 * DAY_MS3],
    [carol, "member", "accepted", now - 250 * DAY_MS3, now - 9 * DAY_MS3],
    [bob, "member", "accepted", now - 150 * DAY_MS3, now - 40 * DAY_MS3],
    [dave, "member", "invited", now - 3 * DAY_MS3, null]
  ];
  for (const [user, role, status, at, lastActivity] of memberships) {
    store2.members.add({ org_id: org.id, user_id: user.id, role, status, last_activity_at: lastActivity }, demo.id, at);
    store2.audit.record({
      org_id: org.id,
      action_type: status === "invited" ? "org.member.invite" : "org.member.add",
      actor_id: demo.id,
      actor_handle: demo.handle,
      actor_display_name: demo.display_name ?? demo.handle,
      actor_ip: "127.0.0.1",
      target_id: user.id,
      target_handle: user.handle,
      data: { role, status },
      created_at: at
    });
  }
  const workspaces = [
    store2.workspaces.create(
      { org_id: org.id, handle: "prod", host: WORKSPACE_HOST, instance_type: "db1.small", db_volume_size_bytes: 40 * GB },
      demo.id,
      created2 + DAY_MS3
    ),
    store2.workspaces.create(
      { org_id: org.id, handle: "dev", host: WORKSPACE_HOST, instance_type: "db1.shared", db_volume_size_bytes: 10 * GB },
      demo.id,
      created2 + 2 * DAY_MS3
    )
  ];
  return { org, workspaces };
}
function seedHobby(store2, now, demo) {
  const created2 = now - 90 * DAY_MS3;
  const org = store2.orgs.create({ handle: "hobby", display_name: "Hobby Projects", billing_status: "preview" }, demo.id, created2);
  store2.members.add({ org_id: org.id, user_id: demo.id, role: "owner", status: "accepted", last_activity_at: now - 5 * DAY_MS3 }, demo.id, created2);
}
function noise(day, salt) {
  const x = Math.sin(day * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
}
function startOfUtcDay(ms) {
  return Math.floor(ms / DAY_MS3) * DAY_MS3;
}
function seedUsage(store2, clock, org, workspaces) {
  const today = startOfUtcDay(clock.getTime());
  const weights = { "db1.shared": 1, "db1.small": 2, "db1.medium": 4 };
  const base = { org_id: org.id, billing_mode: "billable" };
  for (let i = USAGE_DAYS - 1; i >= 0; i--) {
    const day = today - i * DAY_MS3;
    const n = Math.floor(day / DAY_MS3);
    const users = i > 20 ? 3 : 4;
    store2.usage.insert({ ...base, usage_date: day, dimension: "user", metric: "user_count", unit: "count", value: users, value_rounded: users, value_weighted: users, workspace_id: null, instance_type: null });
    workspaces.forEach((ws, w) => {
      const minutes = w === 0 ? 30 + noise(n, 1) * 50 : 3 + noise(n, 2) * 12;
      const ms = Math.round(minutes * MINUTE_MS2);
      const rounded = Math.ceil(ms / MINUTE_MS2) * MINUTE_MS2;
      const weight = weights[ws.instance_type] ?? 1;
      store2.usage.insert({ ...base, usage_date: day, dimension: "compute", metric: "db_execution_ms", unit: "millisecond", value: ms, value_rounded: rounded, value_weighted: rounded * weight, workspace_id: ws.id, instance_type: ws.instance_type });
      const used2 = Math.round((w === 0 ? 12 : 2) * GB + (USAGE_DAYS - i) * (w === 0 ? 40 : 5) * 1024 ** 2);
      store2.usage.insert({ ...base, usage_date: day, dimension: "storage", metric: "db_volume_bytes", unit: "byte", value: used2, value_rounded: used2, value_weighted: used2, workspace_id: ws.id, instance_type: ws.instance_type });
    });
    const pipelineMs = Math.round((5 + noise(n, 3) * 10) * MINUTE_MS2);
    const pipelineRounded = Math.ceil(pipelineMs / MINUTE_MS2) * MINUTE_MS2;
    store2.usage.insert({ ...base, usage_date: day, dimension: "compute", metric: "process_execution_ms", unit: "millisecond", value: pipelineMs, value_rounded: pipelineRounded, value_weighted: pipelineRounded, workspace_id: null, instance_type: null });
    const snapshots = Math.round(300 * 1024 ** 2 + (USAGE_DAYS - i) * 2 * 1024 ** 2);
    store2.usage.insert({ ...base, usage_date: day, dimension: "storage", metric: "snapshot_storage_bytes", unit: "byte", value: snapshots, value_rounded: snapshots, value_weighted: snapshots, workspace_id: null, instance_type: null });
  }
}
function startOfUtcMonth(date, monthsBack) {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - monthsBack, 1);
}
function seedBilling(store2, clock, org, owner, seats) {
  const extraSeats = Math.max(0, seats - TEAM_INCLUDED_USERS);
  const card = store2.paymentMethods.create({
    org_id: org.id,
    type: "card",
    brand: "visa",
    last4: "4242",
    exp_month: 12,
    exp_year: clock.getUTCFullYear() + 2,
    country: "US",
    funding: "credit",
    is_default: 1,
    created_at: org.created_at
  });
  store2.billing.createSubscription({
    org_id: org.id,
    status: "active",
    currency: "usd",
    default_payment_method_id: card.id,
    created_at: org.created_at,
    current_period_start: startOfUtcMonth(clock, 0),
    current_period_end: startOfUtcMonth(clock, -1),
    items: JSON.stringify([
      { id: newId("si"), billing_scheme: "per_unit", pricing_id: newId("price"), quantity: seats, unit_amount: TEAM_PRICE_PER_EXTRA_USER_CENTS },
      { id: newId("si"), billing_scheme: "tiered", pricing_id: newId("price"), quantity: 0, unit_amount: 1 }
    ])
  });
  for (let back = 3; back >= 1; back--) {
    const start = startOfUtcMonth(clock, back);
    const end = startOfUtcMonth(clock, back - 1);
    store2.billing.createInvoice({
      org_id: org.id,
      status: "paid",
      total: extraSeats * TEAM_PRICE_PER_EXTRA_USER_CENTS + 1e3 * back + 250,
      currency: "usd",
      billing_reason: "subscription_cycle",
      receipt_number: `2${owner.id.slice(2, 5).toUpperCase()}-${1e3 + back}`,
      attempt_count: 1,
      created_at: end + 36e5,
      period_start: start,
      period_end: end
    });
  }
}

// src/emulator/app.ts
var API_PREFIX = "/api/v0";
var CONTROL_PREFIX = "/_emulator/";
var ASSETS = /^\/_emulator\/(?:avatars|invoices)\//;
var READ_METHODS = /* @__PURE__ */ new Set(["GET", "HEAD"]);
var Emulator = class {
  store;
  faults = new FaultInjector();
  requests = new RequestLog();
  router = new Router(allRoutes);
  clock;
  onError;
  controlsOn;
  guard;
  /** The emulator's own address (or its public URL): every URL it hands out starts with it. */
  baseUrl = "http://127.0.0.1";
  tenant;
  constructor(opts) {
    this.store = opts.store;
    this.clock = opts.clock;
    this.controlsOn = opts.controls ?? true;
    this.onError = opts.onError ?? (() => {
    });
    if (this.store.meta.get("seed") === void 0) this.seed(opts.seed);
  }
  /** Once listening: where the emulator is reached, and who may talk to it. */
  listening(baseUrl, guard) {
    this.baseUrl = baseUrl;
    this.guard = guard;
  }
  get tenantId() {
    return this.tenant ??= this.store.meta.get("tenant_id");
  }
  seedTokens() {
    return this.store.meta.getJson("seed_tokens") ?? {};
  }
  reset() {
    const kind = this.store.meta.get("seed") ?? "demo";
    this.faults.off();
    this.store.transaction(() => {
      this.store.wipe();
      this.seed(kind);
    });
  }
  seed(kind) {
    this.store.transaction(() => {
      const result = applySeed(this.store, kind, this.clock(), {
        tenantId: this.store.meta.get("tenant_id"),
        tokens: this.store.meta.getJson("seed_tokens")
      });
      this.store.meta.setJson("seed_tokens", result.tokens);
      this.store.meta.set("tenant_id", result.tenantId);
      this.store.meta.set("seed", kind);
    });
    this.tenant = void 0;
  }
  /** The answer for a request that is not to be served (wrong Host or Origin), before its body is read. */
  refuse(path, headers) {
    return this.guard?.refuse(path, headers);
  }
  async handle(req) {
    const isApi = req.path === API_PREFIX || req.path.startsWith(`${API_PREFIX}/`);
    const isControl = req.path.startsWith(CONTROL_PREFIX);
    if (isControl && !this.controlsOn && !ASSETS.test(req.path)) {
      const body = errorModel(404, req.path, "the test controls are turned off (--no-controls)");
      return { kind: "reply", reply: { status: 404, body } };
    }
    const outcome = isApi ? await this.faultOrRoute(req) : await this.route(req);
    if (!isControl) {
      this.requests.add({
        method: req.method,
        path: loggedPath(req),
        status: outcome.kind === "reply" ? outcome.reply.status : 0,
        time: this.clock().toISOString(),
        body: loggedBody(req.headers["content-type"], req.rawBody),
        userAgent: req.headers["user-agent"]?.slice(0, 200)
      });
    }
    return outcome;
  }
  /** Routes an API request, unless a fault is due: then the fault's answer, after processing it or not. */
  async faultOrRoute(req) {
    if (!this.faults.applies(req.method)) return this.route(req);
    const latency = this.faults.latencyMs;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const decision = this.faults.decide();
    if (decision.kind === "none") return this.route(req);
    if (decision.afterProcessing) await this.route(req);
    if (decision.kind === "reset") return { kind: "drop" };
    const headers = decision.retryAfterS === void 0 ? {} : { "retry-after": String(decision.retryAfterS) };
    const body = errorModel(decision.status, req.path, "fault injected by pipes-emulator");
    return { kind: "reply", reply: { status: decision.status, body, headers } };
  }
  async route(req) {
    try {
      const { route, params } = this.router.match(req.method, req.path);
      if (req.rawBody.length > 0) checkContentType(req, route.body ?? "json");
      const routed = { ...req, params };
      const ctx = this.context(routed);
      const run = () => {
        if (route.auth) ctx.actor();
        return route.handler(routed, ctx);
      };
      return { kind: "reply", reply: READ_METHODS.has(req.method) ? run() : this.store.transaction(run) };
    } catch (err) {
      const reply = errorResponse(err, req.path);
      if (reply.status === 500) this.onError(err);
      return { kind: "reply", reply };
    }
  }
  context(req) {
    let actor;
    const now = () => this.clock().getTime();
    return {
      store: this.store,
      tenantId: this.tenantId,
      baseUrl: this.baseUrl,
      now,
      controls: this,
      actor: () => actor ??= authenticate(this.store, req.headers, now())
    };
  }
};
var MEDIA_TYPES = { json: "application/json", multipart: "multipart/form-data", form: "application/x-www-form-urlencoded" };
function checkContentType(req, kind) {
  const header = req.headers["content-type"] ?? "";
  const type = header.split(";")[0].trim().toLowerCase();
  if (type !== MEDIA_TYPES[kind]) {
    const sent = header === "" ? "no Content-Type" : `Content-Type '${header.slice(0, 100)}'`;
    throw new UnsupportedMediaType(`this request needs Content-Type: ${MEDIA_TYPES[kind]} for its body, not ${sent}`);
  }
}
function loggedPath(req) {
  if (req.query.size === 0) return req.path;
  const query = new URLSearchParams(req.query);
  if (query.has("code")) query.set("code", "******");
  return `${req.path}?${query.toString()}`;
}

// src/emulator/store/index.ts
import Database from "better-sqlite3";

// src/emulator/store/audit.ts
var AuditRepo = class {
  insertStmt;
  listStmt;
  constructor(db2) {
    this.insertStmt = db2.prepare(
      `INSERT INTO audit_log (id, org_id, action_type, actor_id, actor_handle, actor_display_name, actor_ip,
         target_id, target_handle, data, created_at)
       VALUES (@id, @org_id, @action_type, @actor_id, @actor_handle, @actor_display_name, @actor_ip,
         @target_id, @target_handle, @data, @created_at)`
    );
    this.listStmt = db2.prepare(
      "SELECT * FROM audit_log WHERE org_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?"
    );
  }
  record(entry) {
    this.insertStmt.run({ ...entry, id: newId("a"), data: JSON.stringify(entry.data) });
  }
  list(orgId, page2) {
    const [seq] = page2.after ?? [Number.MAX_SAFE_INTEGER];
    const rows = this.listStmt.all(orgId, seq, page2.limit + 1);
    return pageOf(rows, page2.limit, (r) => [r.seq]);
  }
};

// src/emulator/store/avatars.ts
var AvatarsRepo = class {
  insertStmt;
  byKeyStmt;
  deleteForOrgStmt;
  constructor(db2) {
    this.insertStmt = db2.prepare(
      "INSERT OR REPLACE INTO avatars (key, org_id, content_type, data, created_at) VALUES (@key, @org_id, @content_type, @data, @created_at)"
    );
    this.byKeyStmt = db2.prepare("SELECT * FROM avatars WHERE key = ?");
    this.deleteForOrgStmt = db2.prepare("DELETE FROM avatars WHERE org_id = ?");
  }
  /** Replace the org's avatar (only the current one is kept). */
  put(row) {
    this.deleteForOrgStmt.run(row.org_id);
    this.insertStmt.run(row);
  }
  byKey(key) {
    return this.byKeyStmt.get(key);
  }
  deleteForOrg(orgId) {
    this.deleteForOrgStmt.run(orgId);
  }
};

// src/emulator/store/billing.ts
var BillingRepo = class {
  insertPlanStmt;
  planByIdStmt;
  planByNameStmt;
  identityPlanStmt;
  setIdentityPlanStmt;
  insertSubscriptionStmt;
  subscriptionsStmt;
  insertInvoiceStmt;
  invoicesStmt;
  invoiceStmt;
  constructor(db2) {
    this.insertPlanStmt = db2.prepare(
      `INSERT INTO plans (id, plan, title, description, version_id, created_at, updated_at)
       VALUES (@id, @plan, @title, @description, @version_id, @created_at, @updated_at)`
    );
    this.planByIdStmt = db2.prepare("SELECT * FROM plans WHERE id = ?");
    this.planByNameStmt = db2.prepare("SELECT * FROM plans WHERE plan = ?");
    this.identityPlanStmt = db2.prepare("SELECT * FROM identity_plans WHERE identity_id = ?");
    this.setIdentityPlanStmt = db2.prepare(
      `INSERT INTO identity_plans (identity_id, plan_id, expires_at, version_id, created_at, created_by_id, updated_at, updated_by_id)
       VALUES (@identity_id, @plan_id, @expires_at, 1, @now, @actor, @now, @actor)
       ON CONFLICT (identity_id) DO UPDATE SET plan_id = excluded.plan_id, expires_at = excluded.expires_at,
         version_id = version_id + 1, updated_at = excluded.updated_at, updated_by_id = excluded.updated_by_id`
    );
    this.insertSubscriptionStmt = db2.prepare(
      `INSERT INTO subscriptions (id, org_id, status, currency, default_payment_method_id, created_at,
         current_period_start, current_period_end, items)
       VALUES (@id, @org_id, @status, @currency, @default_payment_method_id, @created_at,
         @current_period_start, @current_period_end, @items)`
    );
    this.subscriptionsStmt = db2.prepare(
      "SELECT * FROM subscriptions WHERE org_id = ? ORDER BY created_at, id"
    );
    this.insertInvoiceStmt = db2.prepare(
      `INSERT INTO invoices (id, org_id, status, total, currency, billing_reason, receipt_number, attempt_count,
         created_at, period_start, period_end)
       VALUES (@id, @org_id, @status, @total, @currency, @billing_reason, @receipt_number, @attempt_count,
         @created_at, @period_start, @period_end)`
    );
    this.invoicesStmt = db2.prepare(
      `SELECT * FROM invoices WHERE org_id = @org AND (created_at, id) < (@at, @id)
       ORDER BY created_at DESC, id DESC LIMIT @limit`
    );
    this.invoiceStmt = db2.prepare("SELECT * FROM invoices WHERE org_id = ? AND id = ?");
  }
  createPlan(plan, now) {
    const row = { id: newId("p"), ...plan, version_id: 1, created_at: now, updated_at: now };
    this.insertPlanStmt.run(row);
    return row;
  }
  planById(id) {
    return this.planByIdStmt.get(id);
  }
  planByName(name) {
    return this.planByNameStmt.get(name);
  }
  identityPlan(identityId) {
    return this.identityPlanStmt.get(identityId);
  }
  setIdentityPlan(identityId, planId, expiresAt, actorId, now) {
    this.setIdentityPlanStmt.run({ identity_id: identityId, plan_id: planId, expires_at: expiresAt, actor: actorId, now });
    return this.identityPlan(identityId);
  }
  createSubscription(sub) {
    const row = { id: newId("sub"), ...sub };
    this.insertSubscriptionStmt.run(row);
    return row;
  }
  subscriptions(orgId) {
    return this.subscriptionsStmt.all(orgId);
  }
  createInvoice(invoice) {
    const row = { id: newId("in"), ...invoice };
    this.insertInvoiceStmt.run(row);
    return row;
  }
  invoices(orgId, page2) {
    const [at, id] = page2.after ?? [Number.MAX_SAFE_INTEGER, ""];
    const rows = this.invoicesStmt.all({ org: orgId, at, id, limit: page2.limit + 1 });
    return pageOf(rows, page2.limit, (r) => [r.created_at, r.id]);
  }
  invoice(orgId, id) {
    return this.invoiceStmt.get(orgId, id);
  }
};

// src/emulator/store/identities.ts
var IDENTITIES = `
  SELECT id, handle, display_name, 'user' AS type, NULL AS avatar_key FROM users WHERE status = 'accepted'
  UNION ALL
  SELECT id, handle, display_name, 'org' AS type, avatar_key FROM orgs WHERE deleted_at IS NULL`;
var IdentitiesRepo = class {
  listStmt;
  byHandleStmt;
  constructor(db2) {
    this.listStmt = db2.prepare(
      `SELECT * FROM (${IDENTITIES}) WHERE handle > @after
         AND (@q IS NULL OR instr(lower(handle), @q) > 0 OR instr(lower(coalesce(display_name, '')), @q) > 0)
       ORDER BY handle LIMIT @limit`
    );
    this.byHandleStmt = db2.prepare(`SELECT * FROM (${IDENTITIES}) WHERE handle = ?`);
  }
  list(q, page2) {
    const [after] = page2.after ?? [""];
    const rows = this.listStmt.all({ q: q ? q.toLowerCase() : null, after, limit: page2.limit + 1 });
    return pageOf(rows, page2.limit, (r) => [r.handle]);
  }
  byHandle(handle) {
    return this.byHandleStmt.get(handle);
  }
};

// src/emulator/store/login.ts
var LoginRequestsRepo = class {
  insertStmt;
  byIdStmt;
  confirmStmt;
  setTokenStmt;
  deleteStmt;
  failStmt;
  constructor(db2) {
    this.insertStmt = db2.prepare(
      `INSERT INTO login_requests (id, state, client_ip, code, user_id, token_id, created_at, updated_at, failed_attempts, auth_issued_at)
       VALUES (@id, @state, @client_ip, @code, @user_id, @token_id, @created_at, @updated_at, @failed_attempts, @auth_issued_at)`
    );
    this.byIdStmt = db2.prepare("SELECT * FROM login_requests WHERE id = ?");
    this.confirmStmt = db2.prepare(
      `UPDATE login_requests SET state = 'confirmed', code = ?, user_id = ?, auth_issued_at = ?, updated_at = ? WHERE id = ?`
    );
    this.failStmt = db2.prepare(
      `UPDATE login_requests SET failed_attempts = failed_attempts + 1,
         state = CASE WHEN failed_attempts + 1 >= ? THEN 'expired' ELSE state END, updated_at = ? WHERE id = ?`
    );
    this.setTokenStmt = db2.prepare("UPDATE login_requests SET token_id = ?, updated_at = ? WHERE id = ?");
    this.deleteStmt = db2.prepare("DELETE FROM login_requests WHERE id = ?");
  }
  create(clientIp, now) {
    const row = {
      id: newLoginRequestId(),
      state: "pending",
      client_ip: clientIp,
      code: null,
      user_id: null,
      token_id: null,
      created_at: now,
      updated_at: now,
      failed_attempts: 0,
      auth_issued_at: null
    };
    this.insertStmt.run(row);
    return row;
  }
  byId(id) {
    return this.byIdStmt.get(id);
  }
  /** `authIssuedAt`: the issue time of the token that confirmed it (null: a browser session, now). */
  confirm(id, code, userId, authIssuedAt, now) {
    this.confirmStmt.run(code, userId, authIssuedAt, now, id);
    return this.byId(id);
  }
  /** Count a wrong code; the request becomes `expired` (void) at `limit` wrong codes. */
  fail(id, limit, now) {
    this.failStmt.run(limit, now, id);
    return this.byId(id);
  }
  setToken(id, tokenId, now) {
    this.setTokenStmt.run(tokenId, now, id);
    return this.byId(id);
  }
  delete(id) {
    this.deleteStmt.run(id);
  }
};

// src/emulator/store/members.ts
var WITH_USER = `SELECT m.*, u.handle AS u_handle, u.email AS u_email, u.display_name AS u_display_name,
    u.status AS u_status, u.version_id AS u_version_id, u.created_at AS u_created_at, u.updated_at AS u_updated_at
  FROM org_members m JOIN users u ON u.id = m.user_id`;
function withUser(row) {
  return {
    id: row.id,
    org_id: row.org_id,
    user_id: row.user_id,
    role: row.role,
    status: row.status,
    version_id: row.version_id,
    created_at: row.created_at,
    created_by_id: row.created_by_id,
    updated_at: row.updated_at,
    updated_by_id: row.updated_by_id,
    last_activity_at: row.last_activity_at,
    user: {
      id: row.user_id,
      handle: row.u_handle,
      email: row.u_email,
      display_name: row.u_display_name,
      status: row.u_status,
      version_id: row.u_version_id,
      created_at: row.u_created_at,
      updated_at: row.u_updated_at
    }
  };
}
function containsPattern(text) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
var MembersRepo = class {
  byHandleStmt;
  byUserStmt;
  byIdStmt;
  listStmt;
  searchStmt;
  listForUserStmt;
  insertStmt;
  updateRoleStmt;
  deleteStmt;
  acceptStmt;
  ownersStmt;
  acceptedStmt;
  constructor(db2) {
    this.byHandleStmt = db2.prepare(`${WITH_USER} WHERE m.org_id = ? AND u.handle = ?`);
    this.byUserStmt = db2.prepare("SELECT * FROM org_members WHERE org_id = ? AND user_id = ?");
    this.byIdStmt = db2.prepare(`${WITH_USER} WHERE m.id = ?`);
    const after = "(m.created_at, m.id) > (@at, @id)";
    this.listStmt = db2.prepare(
      `${WITH_USER} WHERE m.org_id = @org AND ${after} ORDER BY m.created_at, m.id LIMIT @limit`
    );
    this.searchStmt = db2.prepare(
      `${WITH_USER} WHERE m.org_id = @org AND ${after}
         AND (u.handle LIKE @q ESCAPE '\\' OR u.display_name LIKE @q ESCAPE '\\' OR u.email LIKE @q ESCAPE '\\')
       ORDER BY m.created_at, m.id LIMIT @limit`
    );
    this.listForUserStmt = db2.prepare(
      `SELECT m.* FROM org_members m JOIN orgs o ON o.id = m.org_id
       WHERE m.user_id = @user AND m.status = @status AND o.deleted_at IS NULL AND ${after}
       ORDER BY m.created_at, m.id LIMIT @limit`
    );
    this.insertStmt = db2.prepare(
      `INSERT INTO org_members (id, org_id, user_id, role, status, version_id, created_at, created_by_id,
         updated_at, updated_by_id, last_activity_at)
       VALUES (@id, @org_id, @user_id, @role, @status, @version_id, @created_at, @created_by_id,
         @updated_at, @updated_by_id, @last_activity_at)`
    );
    this.updateRoleStmt = db2.prepare(
      "UPDATE org_members SET role = ?, version_id = version_id + 1, updated_at = ?, updated_by_id = ? WHERE id = ?"
    );
    this.deleteStmt = db2.prepare("DELETE FROM org_members WHERE id = ?");
    this.acceptStmt = db2.prepare(
      `UPDATE org_members SET status = 'accepted', version_id = version_id + 1, updated_at = ?, updated_by_id = user_id,
         last_activity_at = ? WHERE id = ?`
    );
    this.ownersStmt = db2.prepare(
      `SELECT count(*) AS n FROM org_members WHERE org_id = ? AND role = 'owner' AND status = 'accepted'`
    );
    this.acceptedStmt = db2.prepare(
      `SELECT count(*) AS n FROM org_members WHERE org_id = ? AND status = 'accepted'`
    );
  }
  byHandle(orgId, userHandle) {
    const row = this.byHandleStmt.get(orgId, userHandle);
    return row && withUser(row);
  }
  byId(id) {
    const row = this.byIdStmt.get(id);
    return row && withUser(row);
  }
  /** The user's membership of the org (invited or accepted), if any. */
  forUser(orgId, userId) {
    return this.byUserStmt.get(orgId, userId);
  }
  /** Members and invites of an org, oldest first; `q` filters by handle, display name or email. */
  list(orgId, q, page2) {
    const [at, id] = page2.after ?? [-1, ""];
    const params = { org: orgId, at, id, limit: page2.limit + 1, q: q ? containsPattern(q) : void 0 };
    const rows = q ? this.searchStmt.all(params) : this.listStmt.all({ ...params, q: void 0 });
    return pageOf(rows.map(withUser), page2.limit, (r) => [r.created_at, r.id]);
  }
  /** The user's memberships of live orgs with the given status, oldest first. */
  listForUser(userId, status, page2) {
    const [at, id] = page2.after ?? [-1, ""];
    const rows = this.listForUserStmt.all({ user: userId, status, at, id, limit: page2.limit + 1 });
    return pageOf(rows, page2.limit, (r) => [r.created_at, r.id]);
  }
  add(member, actorId, now) {
    const row = {
      id: newId("m"),
      org_id: member.org_id,
      user_id: member.user_id,
      role: member.role,
      status: member.status,
      version_id: 1,
      created_at: now,
      created_by_id: actorId,
      updated_at: now,
      updated_by_id: actorId,
      last_activity_at: member.last_activity_at ?? null
    };
    this.insertStmt.run(row);
    return row;
  }
  /** As add, or undefined when the user already has a membership of the org (invited or accepted). */
  tryAdd(member, actorId, now) {
    try {
      return this.add(member, actorId, now);
    } catch (err) {
      if (err.code === "SQLITE_CONSTRAINT_UNIQUE") return void 0;
      throw err;
    }
  }
  updateRole(id, role, actorId, now) {
    this.updateRoleStmt.run(role, now, actorId, id);
    return this.byId(id);
  }
  /** The invited user accepts: the invitation becomes a membership. */
  accept(id, now) {
    this.acceptStmt.run(now, now, id);
    return this.byId(id);
  }
  remove(id) {
    this.deleteStmt.run(id);
  }
  acceptedOwnerCount(orgId) {
    return this.ownersStmt.get(orgId).n;
  }
  acceptedCount(orgId) {
    return this.acceptedStmt.get(orgId).n;
  }
};

// src/emulator/store/meta.ts
var MetaRepo = class {
  getStmt;
  setStmt;
  constructor(db2) {
    this.getStmt = db2.prepare("SELECT value FROM meta WHERE key = ?");
    this.setStmt = db2.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  }
  get(key) {
    return this.getStmt.get(key)?.value;
  }
  set(key, value) {
    this.setStmt.run(key, value);
  }
  getJson(key) {
    const value = this.get(key);
    return value === void 0 ? void 0 : JSON.parse(value);
  }
  setJson(key, value) {
    this.set(key, JSON.stringify(value));
  }
};

// src/emulator/store/orgs.ts
var CHANGEABLE = /* @__PURE__ */ new Set([
  "handle",
  "display_name",
  "url",
  "avatar_key",
  "billing_status",
  "token_min_issued_at",
  "usage_compute_action",
  "usage_compute_threshold",
  "usage_storage_action",
  "usage_storage_threshold",
  "usage_user_action",
  "usage_user_threshold"
]);
var OrgsRepo = class {
  db;
  byIdStmt;
  liveByHandleStmt;
  insertStmt;
  deleteStmt;
  listForUserStmt;
  withMemberStmt;
  updateStmts = /* @__PURE__ */ new Map();
  constructor(db2) {
    this.db = db2;
    this.byIdStmt = db2.prepare("SELECT * FROM orgs WHERE id = ?");
    this.liveByHandleStmt = db2.prepare("SELECT * FROM orgs WHERE handle = ? AND deleted_at IS NULL");
    this.insertStmt = db2.prepare(
      `INSERT INTO orgs (id, handle, display_name, url, avatar_key, billing_status, billing_status_updated_at,
         token_min_issued_at, usage_compute_action, usage_compute_threshold, usage_storage_action,
         usage_storage_threshold, usage_user_action, usage_user_threshold, version_id, created_at,
         created_by_id, updated_at, updated_by_id, deleted_at, deleted_by_id)
       VALUES (@id, @handle, @display_name, @url, @avatar_key, @billing_status, @billing_status_updated_at,
         @token_min_issued_at, @usage_compute_action, @usage_compute_threshold, @usage_storage_action,
         @usage_storage_threshold, @usage_user_action, @usage_user_threshold, @version_id, @created_at,
         @created_by_id, @updated_at, @updated_by_id, @deleted_at, @deleted_by_id)`
    );
    this.withMemberStmt = db2.prepare(
      `SELECT o.*, m.id AS m_id, m.role AS m_role, m.status AS m_status, m.version_id AS m_version_id,
         m.created_at AS m_created_at, m.created_by_id AS m_created_by_id, m.updated_at AS m_updated_at,
         m.updated_by_id AS m_updated_by_id, m.last_activity_at AS m_last_activity_at
       FROM orgs o LEFT JOIN org_members m ON m.org_id = o.id AND m.user_id = ?
       WHERE o.handle = ? AND o.deleted_at IS NULL`
    );
    this.deleteStmt = db2.prepare(
      `UPDATE orgs SET deleted_at = ?, deleted_by_id = ?, updated_at = ?, updated_by_id = ?,
         version_id = version_id + 1 WHERE id = ?`
    );
    this.listForUserStmt = db2.prepare(
      `SELECT o.* FROM orgs o JOIN org_members m ON m.org_id = o.id
       WHERE m.user_id = ? AND m.status = 'accepted' AND o.deleted_at IS NULL
         AND (o.created_at, o.id) > (?, ?)
       ORDER BY o.created_at, o.id LIMIT ?`
    );
  }
  byId(id) {
    return this.byIdStmt.get(id);
  }
  liveByHandle(handle) {
    return this.liveByHandleStmt.get(handle);
  }
  /** The live org with this handle and the user's membership of it (invited or accepted), in one query. */
  liveWithMember(handle, userId) {
    const row = this.withMemberStmt.get(userId, handle);
    if (!row) return void 0;
    const { m_id, m_role, m_status, m_version_id, m_created_at, m_created_by_id, m_updated_at, m_updated_by_id, m_last_activity_at, ...org } = row;
    const member = m_id === null ? void 0 : {
      id: m_id,
      org_id: org.id,
      user_id: userId,
      role: m_role,
      status: m_status,
      version_id: m_version_id,
      created_at: m_created_at,
      created_by_id: m_created_by_id,
      updated_at: m_updated_at,
      updated_by_id: m_updated_by_id,
      last_activity_at: m_last_activity_at
    };
    return { org, member };
  }
  /** Live orgs by id, for rendering a page of memberships in one query. */
  byIds(ids) {
    if (ids.length === 0) return /* @__PURE__ */ new Map();
    const rows = this.db.prepare(`SELECT * FROM orgs WHERE id IN (${ids.map(() => "?").join(",")})`).all(...ids);
    return new Map(rows.map((row) => [row.id, row]));
  }
  create(org, actorId, now) {
    const row = {
      id: newId("o"),
      handle: org.handle,
      display_name: org.display_name ?? null,
      url: org.url ?? null,
      avatar_key: null,
      billing_status: org.billing_status,
      billing_status_updated_at: now,
      token_min_issued_at: null,
      usage_compute_action: null,
      usage_compute_threshold: null,
      usage_storage_action: null,
      usage_storage_threshold: null,
      usage_user_action: null,
      usage_user_threshold: null,
      version_id: 1,
      created_at: now,
      created_by_id: actorId,
      updated_at: now,
      updated_by_id: actorId,
      deleted_at: null,
      deleted_by_id: null
    };
    this.insertStmt.run(row);
    return row;
  }
  /** Apply changes, bump the version and return the new row. */
  update(id, changes, actorId, now) {
    const columns = Object.keys(changes).filter((c) => CHANGEABLE.has(c)).sort();
    const sql = `UPDATE orgs SET ${columns.map((c) => `${c} = @${c}, `).join("")}
      version_id = version_id + 1, updated_at = @now, updated_by_id = @actor WHERE id = @id`;
    let stmt = this.updateStmts.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.updateStmts.set(sql, stmt);
    }
    const params = { id, now, actor: actorId };
    for (const c of columns) params[c] = changes[c] ?? null;
    stmt.run(params);
    return this.byId(id);
  }
  softDelete(id, actorId, now) {
    this.deleteStmt.run(now, actorId, now, actorId, id);
    return this.byId(id);
  }
  /** Live orgs the user is an accepted member of, oldest first. */
  listForUser(userId, page2) {
    const [at, id] = page2.after ?? [-1, ""];
    const rows = this.listForUserStmt.all(userId, at, id, page2.limit + 1);
    return pageOf(rows, page2.limit, (r) => [r.created_at, r.id]);
  }
};

// src/emulator/store/files.ts
import { chmodSync, closeSync, existsSync, openSync } from "node:fs";
var DB_FILE_MODE = 384;
function isFilePath(path) {
  return path !== ":memory:" && path !== "" && !path.startsWith("file:");
}
function prepareDatabaseFiles(path) {
  try {
    closeSync(openSync(path, "wx", DB_FILE_MODE));
  } catch (err) {
    if (err.code !== "EEXIST") throw err;
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    if (!existsSync(file)) continue;
    try {
      chmodSync(file, DB_FILE_MODE);
    } catch {
    }
  }
}

// src/emulator/store/migrate.ts
import { createHash as createHash2 } from "node:crypto";

// src/emulator/store/schema.ts
var SCHEMA_VERSION = 3;
var SCHEMA = `
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
  last4 TEXT NOT NULL DEFAULT ''
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
var DATA_TABLES = [
  "avatars",
  "login_requests",
  "audit_log",
  "usage_metrics",
  "workspaces",
  "payment_methods",
  "invoices",
  "subscriptions",
  "identity_plans",
  "plans",
  "tokens",
  "org_members",
  "orgs",
  "users"
];

// src/emulator/store/migrate.ts
function hashSecret(secret) {
  return createHash2("sha256").update(secret).digest("hex");
}
function schemaVersion(db2) {
  const meta = db2.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!meta || meta.n === 0) return void 0;
  const row = db2.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get();
  return row === void 0 ? void 0 : Number(row.value);
}
function from1() {
}
function from2(db2) {
  db2.exec("ALTER TABLE tokens RENAME COLUMN secret TO secret_hash");
  db2.exec("ALTER TABLE tokens ADD COLUMN last4 TEXT NOT NULL DEFAULT ''");
  const rows = db2.prepare("SELECT id, secret_hash FROM tokens").all();
  const update = db2.prepare("UPDATE tokens SET secret_hash = ?, last4 = ? WHERE id = ?");
  for (const row of rows) update.run(hashSecret(row.secret_hash), row.secret_hash.slice(-4), row.id);
  db2.exec("ALTER TABLE login_requests ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0");
  db2.exec("ALTER TABLE login_requests ADD COLUMN auth_issued_at INTEGER");
}
var STEPS = { 1: from1, 2: from2 };
function migrate(db2, path) {
  const found = schemaVersion(db2);
  if (found === void 0 || found === SCHEMA_VERSION) return;
  if (!(found < SCHEMA_VERSION) || !STEPS[found]) {
    throw new Error(`${path} was made by another version of pipes-emulator (schema ${found}, expected ${SCHEMA_VERSION})`);
  }
  db2.transaction(() => {
    for (let version = found; version < SCHEMA_VERSION; version++) STEPS[version](db2);
    db2.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION));
  })();
}

// src/emulator/store/payment-methods.ts
var PaymentMethodsRepo = class {
  insertStmt;
  listStmt;
  byIdStmt;
  constructor(db2) {
    this.insertStmt = db2.prepare(
      `INSERT INTO payment_methods (id, org_id, type, brand, last4, exp_month, exp_year, country, funding, is_default, created_at)
       VALUES (@id, @org_id, @type, @brand, @last4, @exp_month, @exp_year, @country, @funding, @is_default, @created_at)`
    );
    this.listStmt = db2.prepare("SELECT * FROM payment_methods WHERE org_id = ? ORDER BY created_at, id");
    this.byIdStmt = db2.prepare("SELECT * FROM payment_methods WHERE org_id = ? AND id = ?");
  }
  create(method) {
    const row = { id: newId("pm"), ...method };
    this.insertStmt.run(row);
    return row;
  }
  list(orgId) {
    return this.listStmt.all(orgId);
  }
  byId(orgId, id) {
    return this.byIdStmt.get(orgId, id);
  }
};

// src/emulator/store/tokens.ts
var TokensRepo = class {
  bySecretStmt;
  withUserStmt;
  byIdStmt;
  insertStmt;
  listStmt;
  countUserTokensStmt;
  updateStmt;
  deleteStmt;
  constructor(db2) {
    this.bySecretStmt = db2.prepare("SELECT * FROM tokens WHERE secret_hash = ? AND deleted_at IS NULL");
    this.withUserStmt = db2.prepare(
      `SELECT t.*, u.handle AS u_handle, u.email AS u_email, u.display_name AS u_display_name, u.status AS u_status,
         u.version_id AS u_version_id, u.created_at AS u_created_at, u.updated_at AS u_updated_at
       FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.secret_hash = ? AND t.deleted_at IS NULL`
    );
    this.byIdStmt = db2.prepare("SELECT * FROM tokens WHERE id = ? AND deleted_at IS NULL");
    this.insertStmt = db2.prepare(
      `INSERT INTO tokens (id, user_id, secret_hash, last4, token_type, status, title, description, issued_at, expires_at,
         version_id, created_at, created_by_id, updated_at, updated_by_id, deleted_at)
       VALUES (@id, @user_id, @secret_hash, @last4, @token_type, @status, @title, @description, @issued_at, @expires_at,
         @version_id, @created_at, @created_by_id, @updated_at, @updated_by_id, @deleted_at)`
    );
    this.listStmt = db2.prepare(
      `SELECT * FROM tokens WHERE user_id = @user AND deleted_at IS NULL
         AND (created_at, id) > (@at, @id)
       ORDER BY created_at, id LIMIT @limit`
    );
    this.countUserTokensStmt = db2.prepare(
      `SELECT count(*) AS n FROM tokens WHERE user_id = ? AND token_type = 'user' AND deleted_at IS NULL`
    );
    this.updateStmt = db2.prepare(
      `UPDATE tokens SET status = @status, title = @title, description = @description,
         version_id = version_id + 1, updated_at = @now, updated_by_id = @actor WHERE id = @id`
    );
    this.deleteStmt = db2.prepare(
      `UPDATE tokens SET deleted_at = @now, version_id = version_id + 1, updated_at = @now, updated_by_id = @actor
       WHERE id = @id`
    );
  }
  bySecret(secret) {
    return this.bySecretStmt.get(hashSecret(secret));
  }
  /** The live token with this secret and its user, in one query (every authenticated request asks). */
  withUser(secret) {
    const row = this.withUserStmt.get(hashSecret(secret));
    if (!row) return void 0;
    const { u_handle, u_email, u_display_name, u_status, u_version_id, u_created_at, u_updated_at, ...token2 } = row;
    const user = {
      id: token2.user_id,
      handle: u_handle,
      email: u_email,
      display_name: u_display_name,
      status: u_status,
      version_id: u_version_id,
      created_at: u_created_at,
      updated_at: u_updated_at
    };
    return { token: token2, user };
  }
  byId(id) {
    return this.byIdStmt.get(id);
  }
  create(token2, actorId, now) {
    const secret = token2.secret ?? newTokenSecret();
    const row = {
      id: newId("k"),
      user_id: token2.user_id,
      secret_hash: hashSecret(secret),
      last4: secret.slice(-4),
      token_type: token2.token_type,
      status: "active",
      title: token2.title ?? null,
      description: null,
      issued_at: Math.min(token2.issued_at ?? now, now),
      expires_at: token2.expires_at ?? null,
      version_id: 1,
      created_at: now,
      created_by_id: actorId,
      updated_at: now,
      updated_by_id: actorId,
      deleted_at: null
    };
    this.insertStmt.run(row);
    return { ...row, secret };
  }
  listForUser(userId, page2) {
    const [at, id] = page2.after ?? [-1, ""];
    const rows = this.listStmt.all({ user: userId, at, id, limit: page2.limit + 1 });
    return pageOf(rows, page2.limit, (r) => [r.created_at, r.id]);
  }
  /** Live user tokens (temporary login tokens do not count against the limit). */
  userTokenCount(userId) {
    return this.countUserTokensStmt.get(userId).n;
  }
  update(id, changes, actorId, now) {
    this.updateStmt.run({ ...changes, id, now, actor: actorId });
    return this.byId(id);
  }
  /** Soft delete; returns the row as it was at deletion. */
  delete(id, actorId, now) {
    const before = this.byId(id);
    this.deleteStmt.run({ id, now, actor: actorId });
    return { ...before, deleted_at: now, version_id: before.version_id + 1, updated_at: now, updated_by_id: actorId };
  }
};

// src/emulator/store/usage.ts
var UsageRepo = class {
  db;
  insertStmt;
  listStmts = /* @__PURE__ */ new Map();
  constructor(db2) {
    this.db = db2;
    this.insertStmt = db2.prepare(
      `INSERT INTO usage_metrics (org_id, usage_date, dimension, metric, unit, billing_mode, value, value_rounded,
         value_weighted, workspace_id, instance_type)
       VALUES (@org_id, @usage_date, @dimension, @metric, @unit, @billing_mode, @value, @value_rounded,
         @value_weighted, @workspace_id, @instance_type)`
    );
  }
  insert(row) {
    this.insertStmt.run(row);
  }
  /** Oldest day first. */
  list(orgId, filter, page2) {
    const condition = filter ? ` AND (${filter.sql})` : "";
    const sql = `SELECT * FROM usage_metrics WHERE org_id = ? AND (usage_date, seq) > (?, ?)${condition}
      ORDER BY usage_date, seq LIMIT ?`;
    let stmt = this.listStmts.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.listStmts.set(sql, stmt);
    }
    const [date, seq] = page2.after ?? [Number.MIN_SAFE_INTEGER, -1];
    const rows = stmt.all(orgId, date, seq, ...filter?.params ?? [], page2.limit + 1);
    return pageOf(rows, page2.limit, (r) => [r.usage_date, r.seq]);
  }
  /** Sum of a metric over [from, to), for the upcoming invoice estimate. */
  total(orgId, metric, from, to) {
    const row = this.db.prepare(
      "SELECT sum(value) AS total FROM usage_metrics WHERE org_id = ? AND metric = ? AND usage_date >= ? AND usage_date < ?"
    ).get(orgId, metric, from, to);
    return row?.total ?? 0;
  }
};

// src/emulator/store/users.ts
var UsersRepo = class {
  byIdStmt;
  byHandleStmt;
  byEmailStmt;
  insertStmt;
  handleInUseStmt;
  highestSuffixStmt;
  constructor(db2) {
    this.byIdStmt = db2.prepare("SELECT * FROM users WHERE id = ?");
    this.byHandleStmt = db2.prepare("SELECT * FROM users WHERE handle = ?");
    this.byEmailStmt = db2.prepare("SELECT * FROM users WHERE email = ?");
    this.insertStmt = db2.prepare(
      `INSERT INTO users (id, handle, email, display_name, status, version_id, created_at, updated_at)
       VALUES (@id, @handle, @email, @display_name, @status, @version_id, @created_at, @updated_at)`
    );
    this.highestSuffixStmt = db2.prepare(
      `SELECT max(n) AS n FROM (
         SELECT CAST(substr(handle, @from) AS INTEGER) AS n FROM users WHERE handle GLOB @pattern
         UNION ALL
         SELECT CAST(substr(handle, @from) AS INTEGER) AS n FROM orgs WHERE handle GLOB @pattern AND deleted_at IS NULL)`
    );
    this.handleInUseStmt = db2.prepare(
      `SELECT (SELECT count(*) FROM users WHERE handle = ?) +
              (SELECT count(*) FROM orgs WHERE handle = ? AND deleted_at IS NULL) AS n`
    );
  }
  /**
   * The highest n for which a user or live org has the handle `${stem}-${n}` (n digits, perhaps
   * followed by more), or 0: the next free numbered handle in one query. GLOB with a literal
   * prefix seeks the handle indexes.
   */
  highestSuffix(stem) {
    return this.highestSuffixStmt.get({ pattern: `${stem}-[0-9]*`, from: stem.length + 2 }).n ?? 0;
  }
  byId(id) {
    return this.byIdStmt.get(id);
  }
  byHandle(handle) {
    return this.byHandleStmt.get(handle);
  }
  byEmail(email) {
    return this.byEmailStmt.get(email.toLowerCase());
  }
  /** Whether a user or a live org already uses this handle. */
  handleInUse(handle) {
    return this.handleInUseStmt.get(handle, handle).n > 0;
  }
  /** `checked`: the caller has already made sure the handle and the email are free (no lookups again). */
  create(user, now, opts = {}) {
    const email = user.email ? user.email.toLowerCase() : null;
    if (!opts.checked) {
      if (this.handleInUse(user.handle)) throw new Conflict(`the handle '${user.handle}' is already in use`);
      if (email && this.byEmail(email)) throw new Conflict(`a user with the email '${email}' already exists`);
    }
    const row = {
      id: newId("u"),
      handle: user.handle,
      email,
      display_name: user.display_name ?? null,
      status: user.status ?? "accepted",
      version_id: 1,
      created_at: now,
      updated_at: now
    };
    this.insertStmt.run(row);
    return row;
  }
};

// src/emulator/store/workspaces.ts
var WorkspacesRepo = class {
  insertStmt;
  listStmt;
  constructor(db2) {
    this.insertStmt = db2.prepare(
      `INSERT INTO workspaces (id, org_id, handle, host, hive, instance_type, desired_state, state,
         db_volume_size_bytes, database_name, api_version, cli_version, version_id, created_at, created_by_id,
         updated_at, updated_by_id)
       VALUES (@id, @org_id, @handle, @host, @hive, @instance_type, @desired_state, @state,
         @db_volume_size_bytes, @database_name, @api_version, @cli_version, @version_id, @created_at,
         @created_by_id, @updated_at, @updated_by_id)`
    );
    this.listStmt = db2.prepare(
      `SELECT * FROM workspaces WHERE org_id = @org AND (created_at, id) > (@at, @id)
       ORDER BY created_at, id LIMIT @limit`
    );
  }
  create(ws, actorId, now) {
    const id = newId("w");
    const row = {
      id,
      org_id: ws.org_id,
      handle: ws.handle,
      host: ws.host,
      hive: ws.hive ?? "usea1-shared-01",
      instance_type: ws.instance_type,
      desired_state: ws.desired_state ?? "enabled",
      state: ws.state ?? "enabled",
      db_volume_size_bytes: ws.db_volume_size_bytes,
      // Stable for the life of the workspace, so it does not change when the org is renamed.
      database_name: `d${id.slice(2, 10)}`,
      api_version: "v0.24.2",
      cli_version: "v0.24.2",
      version_id: 1,
      created_at: now,
      created_by_id: actorId,
      updated_at: now,
      updated_by_id: actorId
    };
    this.insertStmt.run(row);
    return row;
  }
  list(orgId, page2) {
    const [at, id] = page2.after ?? [-1, ""];
    const rows = this.listStmt.all({ org: orgId, at, id, limit: page2.limit + 1 });
    return pageOf(rows, page2.limit, (r) => [r.created_at, r.id]);
  }
};

// src/emulator/store/index.ts
var Store = class {
  db;
  meta;
  users;
  orgs;
  members;
  tokens;
  workspaces;
  usage;
  billing;
  audit;
  loginRequests;
  avatars;
  paymentMethods;
  identities;
  constructor(path) {
    if (isFilePath(path)) prepareDatabaseFiles(path);
    this.db = new Database(path);
    this.runInTransaction = this.db.transaction((fn) => fn());
    if (path !== ":memory:") {
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = NORMAL");
      this.db.pragma("busy_timeout = 5000");
    }
    this.db.pragma("foreign_keys = ON");
    try {
      migrate(this.db, path);
    } catch (err) {
      this.db.close();
      throw err;
    }
    this.db.exec(SCHEMA);
    this.meta = new MetaRepo(this.db);
    this.meta.set("schema_version", String(SCHEMA_VERSION));
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
  }
  /** Run fn in one transaction: all of its writes happen, or none. */
  transaction(fn) {
    return this.runInTransaction(fn);
  }
  /** One wrapper for every transaction (making one per call costs more than a commit); nested calls are savepoints. */
  runInTransaction;
  /** Empty every data table (meta stays). */
  wipe() {
    this.transaction(() => {
      for (const table of DATA_TABLES) this.db.prepare(`DELETE FROM ${table}`).run();
    });
  }
  close() {
    if (this.db.open) this.db.close();
  }
};

// ../../../tmp/emu/micro.ts
var store = new Store(":memory:");
var emu = new Emulator({ store, clock: () => /* @__PURE__ */ new Date(), seed: "demo" });
var token = emu.seedTokens().demo;
var N = 3e3;
var mk = (i) => ({ method: "POST", path: "/api/v0/org/acme/member/invite", query: new URLSearchParams(), params: {}, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, rawBody: Buffer.from(JSON.stringify({ email: `m${i}@x.example`, role: "member" })), clientIp: "127.0.0.1" });
var t = process.hrtime.bigint();
for (let i = 0; i < N; i++) {
  const o = await emu.handle(mk(i));
  if (o.reply.status !== 201) throw new Error(JSON.stringify(o.reply));
}
console.log("invite", N / (Number(process.hrtime.bigint() - t) / 1e9), "/s");
var get = { method: "GET", path: "/api/v0/actor", query: new URLSearchParams(), params: {}, headers: { authorization: `Bearer ${token}` }, rawBody: Buffer.alloc(0), clientIp: "127.0.0.1" };
t = process.hrtime.bigint();
for (let i = 0; i < N; i++) await emu.handle(get);
console.log("actor", N / (Number(process.hrtime.bigint() - t) / 1e9), "/s");
var db = store.db;
t = process.hrtime.bigint();
for (let i = 0; i < N; i++) store.transaction(() => {
});
console.log("empty txn", N / (Number(process.hrtime.bigint() - t) / 1e9), "/s");
