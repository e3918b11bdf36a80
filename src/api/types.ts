// The records of the Pipes API v0 that pipesctl uses, by name: aliases of the types generated
// from the official API document (src/api/generated/openapi.ts, `npm run generate:api`).
// Shared by the client and the emulator.
import type { components } from './generated/openapi';

type Schemas = components['schemas'];

/** A page of a list endpoint. `next_token` present means there are more pages. */
export interface ListResponse<T> {
  items?: T[];
  next_token?: string;
}

export type ErrorDetailModel = Schemas['ErrorDetailModel'];
export type ErrorModel = Schemas['ErrorModel'];

export type BillingInfo = Schemas['BillingInfo'];
export type BillingStatus = BillingInfo['status'];
export type UsageThresholdAction = Schemas['IdentityUsageThresholdAction'];

export type User = Schemas['User'];
export type Org = Schemas['Org'];
export type Identity = Schemas['Identity'];
export type Tenant = Schemas['Tenant'];

export type OrgRole = 'member' | 'owner';
export const ORG_ROLES: readonly OrgRole[] = ['member', 'owner'];

export type OrgUser = Schemas['OrgUser'];
export type OrgUserStatus = OrgUser['status'];
export type UserOrg = Schemas['UserOrg'];

export type Workspace = Schemas['Workspace'];
export type WorkspaceInstanceType = Schemas['WorkspaceInstanceType'];
export type WorkspaceDesiredState = Schemas['DesiredState'];
export type WorkspaceState = Schemas['WorkspaceState'];

export type UsageMetric = Schemas['UsageMetric'];
export type UsageDimension = Schemas['UsageDimensionType'];
export type UsageMetricName = Schemas['UsageMetricType'];
export type UsageUnit = Schemas['UsageUnitType'];
export type UsageBillingMode = Schemas['UsageBillingModeType'];

export type Plan = Schemas['Plan'];
export type IdentityPlan = Schemas['IdentityPlan'];
export type BillingSubscription = Schemas['BillingSubscription'];
export type BillingSubscriptionItem = Schemas['BillingSubscriptionItem'];
export type BillingInvoice = Schemas['BillingInvoice'];
export type PaymentMethod = Schemas['PaymentMethod'];
export type Card = Schemas['Card'];
export type Constraint = Schemas['Constraint'];

export type TemporaryTokenRequest = Schemas['TemporaryTokenRequest'];
export type TemporaryTokenRequestState = Schemas['TemporaryTokenRequestState'];
export type Token = Schemas['Token'];
export type AuditRecord = Schemas['AuditRecord'];

export type CreateAvatarResponse = Schemas['CreateAvatarResponse'];
export type DeleteAvatarResponse = Schemas['DeleteAvatarResponse'];

// ---- request bodies ----

export type CreateOrgRequest = Schemas['CreateOrgRequest'];
export type UpdateOrgRequest = Schemas['UpdateOrgRequest'];
/** Exactly one of `email` or `handle`. */
export type InviteOrgUserRequest = Schemas['InviteOrgUserRequest'];
export type UpdateOrgUserRequest = Schemas['UpdateOrgUserRequest'];
export type UpdateTemporaryTokenRequest = Schemas['UpdateTemporaryTokenRequest'];
export type UpdateTokenRequest = Schemas['UpdateTokenRequest'];

// ---- the rules of the service, shared by client-side checks and the emulator ----

// Org and user handles: isHandle in rules.ts, one rule for create, paths and the emulator.
export const WORKSPACE_HANDLE_PATTERN = /^[a-z0-9]{1,23}$/;
export const LIST_LIMIT_MAX = 100;
export const LIST_LIMIT_DEFAULT = 25;
