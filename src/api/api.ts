// The typed surface of the Pipes API that commands use. Implemented over the HTTP client in
// client.ts by the resource modules (actor.ts, orgs.ts, members.ts, ...); see index.ts.
import type {
  AuditRecord,
  BillingInvoice,
  BillingSubscription,
  CreateOrgRequest,
  IdentityPlan,
  InviteOrgUserRequest,
  Org,
  OrgUser,
  PaymentMethod,
  TemporaryTokenRequest,
  Token,
  UpdateOrgRequest,
  UsageMetric,
  User,
  UserOrg,
  Workspace,
} from './types';

/** Options every mutation may carry. */
export interface MutationOptions {
  /** Sent as `If-Match`: the server answers 412 when the record changed since. */
  ifMatch?: number;
}

export interface ListOptions {
  /** Stop after this many items in all (pages are still fetched 100 at a time). */
  max?: number;
}

export interface ActorApi {
  get(): Promise<User>;
  /** Every org the actor belongs to, all pages. */
  listOrgs(opts?: ListOptions): AsyncIterable<UserOrg>;
  listOrgInvites(opts?: ListOptions): AsyncIterable<UserOrg>;
  /** The user's own tokens (user and temporary), all pages; secrets show only as `last4`. */
  listTokens(userHandle: string, opts?: ListOptions): AsyncIterable<Token>;
}

export interface OrgsApi {
  get(handle: string): Promise<Org>;
  create(body: CreateOrgRequest): Promise<Org>;
  update(handle: string, body: UpdateOrgRequest, opts?: MutationOptions): Promise<Org>;
  delete(handle: string, opts?: MutationOptions): Promise<Org | undefined>;
  /** Upload an avatar image (multipart/form-data, field `avatar`). */
  setAvatar(handle: string, file: { name: string; type: string; data: Uint8Array }): Promise<{ avatar_url?: string }>;
  deleteAvatar(handle: string): Promise<{ avatar_url?: string }>;
  listWorkspaces(handle: string, opts?: ListOptions): AsyncIterable<Workspace>;
  /** `where` is the API's SQL-like filter, e.g. `usage_date >= '2026-01-01'`. */
  listUsage(handle: string, opts?: ListOptions & { where?: string }): AsyncIterable<UsageMetric>;
  /** The org's audit log, newest first (owners only). */
  listAuditLog(handle: string, opts?: ListOptions): AsyncIterable<AuditRecord>;
}

export interface MembersApi {
  list(org: string, opts?: ListOptions & { q?: string }): AsyncIterable<OrgUser>;
  get(org: string, userHandle: string): Promise<OrgUser>;
  invite(org: string, body: InviteOrgUserRequest): Promise<OrgUser>;
  updateRole(org: string, userHandle: string, role: string, opts?: MutationOptions): Promise<OrgUser>;
  remove(org: string, userHandle: string, opts?: MutationOptions): Promise<OrgUser>;
  /** The invitee accepts an invitation; `inviteId` is the invitation's id (UserOrg.id from the actor's invitations). */
  confirmInvite(org: string, inviteId: string): Promise<void>;
}

export interface BillingApi {
  getPlan(org: string): Promise<IdentityPlan>;
  listSubscriptions(org: string): Promise<BillingSubscription[]>;
  listInvoices(org: string, opts?: ListOptions): AsyncIterable<BillingInvoice>;
  getUpcomingInvoice(org: string): Promise<BillingInvoice>;
  getInvoice(org: string, invoiceId: string): Promise<BillingInvoice>;
  /** Owners only. */
  listPaymentMethods(org: string): Promise<PaymentMethod[]>;
}

/** The login flow's endpoints; they need no token. */
export interface LoginApi {
  createRequest(): Promise<TemporaryTokenRequest>;
  /** Exchange the 6-digit code for the temporary token (in the answer's `token`). */
  redeem(requestId: string, code: string): Promise<TemporaryTokenRequest>;
}

export interface PipesApi {
  actor: ActorApi;
  orgs: OrgsApi;
  members: MembersApi;
  billing: BillingApi;
  login: LoginApi;
}
