// The committed cut of the Pipes API document and its types (src/api/generated/) against a
// fresh `npm run generate:api` from ../shared/pipes-api/openapi.full.yaml, and what the
// document errata (scripts/api-errata.mjs) change in it.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain-JavaScript build script without type declarations
import { DEFAULT_SOURCE, OUTPUTS, generate } from '../../scripts/generate-api.mjs';
import { ensureBuilt } from '../helpers/build';
import { makeIdentityPlan, makeInvoice, makeOrg, makeOrgUser, makePlan, makeSubscription, makeUsageMetric, makeUser } from '../helpers/fixtures';
import { operationFor, requestProblems, responseProblems, schemaProblems } from '../helpers/openapi';

const documentPresent = existsSync(DEFAULT_SOURCE);
if (!documentPresent) {
  console.warn(`The API document is not at ${DEFAULT_SOURCE}: the committed cut is NOT checked against it in this run.`);
}

describe('generated API cut and types', () => {
  it('stay out of the pipesctl bundle: the client uses the types only', async () => {
    await ensureBuilt();
    const bundle = readFileSync(new URL('../../dist/pipesctl.cjs', import.meta.url), 'utf8');
    expect(bundle).not.toContain('orgBilling_getOrgBillingPaymentMethod');
    expect(bundle).not.toContain('x-errata');
  });

  it.skipIf(!documentPresent)(
    documentPresent
      ? 'match a fresh generation from ../shared/pipes-api/openapi.full.yaml'
      : `match a fresh generation — SKIPPED: the API document is not at ${DEFAULT_SOURCE}`,
    async () => {
      const fresh = (await generate(readFileSync(DEFAULT_SOURCE, 'utf8'))) as { json: string; types: string };
      const stale = 'is out of date: run npm run generate:api and commit the result';
      expect(readFileSync(OUTPUTS.json, 'utf8') === fresh.json, `src/api/generated/openapi.json ${stale}`).toBe(true);
      expect(readFileSync(OUTPUTS.types, 'utf8') === fresh.types, `src/api/generated/openapi.ts ${stale}`).toBe(true);
    },
  );
});

const USER_ID = 'u_0123456789abcdefghij';
const org = {
  id: 'o_0123456789abcdefghij',
  handle: 'acme',
  tenant_id: 't_0123456789abcdefghij',
  version_id: 1,
  created_at: '2026-01-01T00:00:00Z',
  created_by_id: USER_ID,
  updated_by_id: USER_ID,
  deleted_by_id: '',
};

describe('validation against the cut', () => {
  it('checks records by the document: required fields, types, enums and id patterns', () => {
    expect(schemaProblems('Org', org)).toEqual([]);
    const problems = schemaProblems('Org', { ...org, id: 'org_1', handle: 7, billing: { status: 'free' }, version_id: 1.5, created_at: undefined });
    expect(problems).toEqual(
      expect.arrayContaining([
        "Org: must have required property 'created_at'",
        'Org/id: must match pattern "^[a-z]_[0-9a-v]{20}$"',
        'Org/handle: must be string',
        'Org/billing/status: must be equal to one of the allowed values (["preview","trial","active","payment_failed"])',
        'Org/version_id: must be integer',
      ]),
    );
  });

  it('errata: live records carry deleted_by_id "", a deleted one a user id, nothing else', () => {
    expect(schemaProblems('Org', { ...org, deleted_by_id: USER_ID })).toEqual([]);
    expect(schemaProblems('Org', { ...org, deleted_by_id: 'nobody' })).toHaveLength(1);
  });

  it('errata: enum references are strings, not objects', () => {
    const workspace = {
      id: 'w_0123456789abcdefghij',
      handle: 'prod',
      identity_id: org.id,
      instance_type: 'db1.shared',
      desired_state: 'enabled',
      db_volume_size_bytes: 0,
      version_id: 1,
      created_at: org.created_at,
      created_by_id: USER_ID,
      updated_by_id: USER_ID,
      deleted_by_id: '',
    };
    expect(schemaProblems('Workspace', workspace)).toEqual([]);
    expect(schemaProblems('Workspace', { ...workspace, desired_state: 'sleeping' })).toHaveLength(1);
  });

  it('errata: one-character handles are addressable; invites name a user handle', () => {
    expect(requestProblems({ method: 'GET', path: '/api/v0/org/a' })).toEqual([]);
    expect(requestProblems({ method: 'GET', path: '/api/v0/org/-a' })).toHaveLength(1);
    expect(requestProblems({ method: 'POST', path: '/api/v0/org/a/member/invite', body: { handle: 'zoe', role: 'member' } })).toEqual([]);
  });

  it('errata: statuses the service sends but the document omits are listed with an ErrorModel', () => {
    const error = { type: 'about:blank', title: 'Precondition Failed', status: 412, instance: '/api/v0/org/acme' };
    expect(responseProblems('PATCH', '/api/v0/org/acme', 412, error)).toEqual([]);
    expect(responseProblems('GET', '/api/v0/org/acme', 412, error)).toEqual([expect.stringContaining('does not list status 412')]);
  });

  it('checks requests: the operation, path parameters, query and JSON body', () => {
    expect(operationFor('DELETE', '/api/v0/org/acme/member/invite?t=x')?.operationId).toBe('orgMember_deleteInvite');
    expect(operationFor('DELETE', '/api/v0/org/acme/member/jane')?.operationId).toBe('orgMember_delete');
    expect(requestProblems({ method: 'GET', path: '/api/v0/org/acme/member?limit=100&q=ja' })).toEqual([]);
    expect(requestProblems({ method: 'GET', path: '/api/v0/org/acme/member?limit=500' })).toEqual(['GET /api/v0/org/acme/member query/limit: must be <= 100']);
    expect(requestProblems({ method: 'GET', path: '/api/v0/org/acme/member?page=2' })).toEqual([
      'GET /api/v0/org/acme/member query: must NOT have additional properties (page)',
    ]);
    expect(requestProblems({ method: 'PATCH', path: '/api/v0/org/acme', body: { usage_user_action: 'explode' } })).toHaveLength(1);
    expect(requestProblems({ method: 'POST', path: '/api/v0/org', body: { display_name: 'x' } })).toEqual([
      "POST /api/v0/org body: must have required property 'handle'",
    ]);
    expect(requestProblems({ method: 'POST', path: '/api/v0/org/acme/avatar', body: '(multipart/form-data)' })).toEqual([]);
    expect(requestProblems({ method: 'PUT', path: '/api/v0/org/acme' })).toEqual(['PUT /api/v0/org/acme: no operation of the API document']);
  });
});

describe('test fixtures', () => {
  it('are records the document allows', () => {
    const records: [string, unknown][] = [
      ['User', makeUser()],
      ['Org', makeOrg()],
      ['OrgUser', makeOrgUser()],
      ['UsageMetric', makeUsageMetric('user_count', '2026-01-01', 3)],
      ['Plan', makePlan()],
      ['IdentityPlan', makeIdentityPlan()],
      ['BillingSubscription', makeSubscription()],
      ['BillingInvoice', makeInvoice()],
    ];
    expect(records.flatMap(([name, value]) => schemaProblems(name, value))).toEqual([]);
  });
});
