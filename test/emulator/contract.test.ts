// Every operation of the committed cut of the Pipes API document (src/api/generated/openapi.json)
// against the emulator: success and error answers. The API client of these tests checks every
// answer against the document's schema for its operation and status (test/helpers/openapi.ts);
// expectShape names the record where a test wants to say which one it expects.
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../../src/emulator/routes';
import { useFileEmulator } from '../helpers/emulator';
import { apiClient, expectShape } from '../helpers/api-client';
import { OPERATIONS, operationFor, responseProblems } from '../helpers/openapi';


const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

// The request log is kept across tests: the last one checks every operation was exercised.
const emu = useFileEmulator({ keepRequests: true });
const api = apiClient(emu);

function expectError(res: { status: number; body: unknown }, status: number): void {
  expectShape(res as never, status, 'ErrorModel');
  expect((res.body as { status: number }).status).toBe(status);
}

async function uploadAvatar(org: string, file: Buffer, type = 'image/png', token = emu().token) {
  const form = new FormData();
  form.append('avatar', new Blob([file], { type }), 'avatar.png');
  const res = await fetch(`${emu().url}/api/v0/org/${org}/avatar`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const body = (await res.json()) as { avatar_url?: string };
  expect(responseProblems('POST', `/api/v0/org/${org}/avatar`, res.status, body)).toEqual([]);
  return { status: res.status, headers: res.headers, body };
}

describe('actor', () => {
  it('GET /actor answers the token owner, 401 without or with a bad token', async () => {
    const me = await api('GET', '/actor');
    expectShape(me, 200, 'User');
    expect(me.body.handle).toBe('demo');
    expectError(await api('GET', '/actor', { token: null }), 401);
    expectError(await api('GET', '/actor', { token: 'tpt_nope' }), 401);
    expectError(await api('GET', '/actor', { headers: { authorization: 'Basic abc' }, token: null }), 401);
  });

  it('GET /actor/org lists memberships with the org; /actor/org/invite lists open invitations', async () => {
    const orgs = await api('GET', '/actor/org');
    expectShape(orgs, 200, 'ListUserOrgsResponse');
    expect(orgs.body.items.map((o: { org: { handle: string } }) => o.org.handle).sort()).toEqual(['acme', 'hobby']);
    expect(orgs.body.items.every((o: { status: string }) => o.status === 'accepted')).toBe(true);

    const { token } = await emu().makeUser('newbie');
    expect((await api('POST', '/org/acme/member/invite', { body: { handle: 'newbie', role: 'member' } })).status).toBe(201);
    const invites = await api('GET', '/actor/org/invite', { token });
    expectShape(invites, 200, 'ListUserOrgsResponse');
    expect(invites.body.items).toHaveLength(1);
    expect(invites.body.items[0]).toMatchObject({ role: 'member', status: 'pending', org: { handle: 'acme' } });
    expectError(await api('GET', '/actor/org/invite', { token: null }), 401);
    expectError(await api('GET', '/actor/org?limit=0'), 400);
  });
});

describe('login token requests', () => {
  it('POST creates a pending request; GET reports it; PATCH confirms with a code; GET with the code redeems', async () => {
    const made = await api('POST', '/login/token', { token: null });
    expectShape(made, 201, 'TemporaryTokenRequest');
    expect(made.body.state).toBe('pending');
    const id = made.body.id;

    const pending = await api('GET', `/login/token/${id}`, { token: null });
    expectShape(pending, 200, 'TemporaryTokenRequest');
    expect(pending.body.token).toBeUndefined();
    expectError(await api('GET', `/login/token/${id}?code=123456`, { token: null }), 400);

    expectError(await api('PATCH', `/login/token/${id}`, { token: null, body: { state: 'confirmed' } }), 401);
    expectError(await api('PATCH', `/login/token/${id}`, { body: { state: 'done' } }), 400);
    const confirmed = await api('PATCH', `/login/token/${id}`, { token: emu().janeToken, body: { state: 'confirmed' } });
    expectShape(confirmed, 200, 'TemporaryTokenRequest');
    expect(confirmed.body.state).toBe('confirmed');
    expect(confirmed.body.code).toMatch(/^\d{6}$/);

    const wrong = confirmed.body.code === '000000' ? '111111' : '000000';
    expectError(await api('GET', `/login/token/${id}?code=${wrong}`, { token: null }), 400);
    expectError(await api('GET', `/login/token/${id}?code=12ab`, { token: null }), 400);
    const redeemed = await api('GET', `/login/token/${id}?code=${confirmed.body.code}`, { token: null });
    expectShape(redeemed, 200, 'TemporaryTokenRequest');
    expect(redeemed.body.token).toMatch(/^tpt_/);
    const actor = await api('GET', '/actor', { token: redeemed.body.token });
    expect(actor.body.handle).toBe('jane');
    // A code redeems once.
    expectError(await api('GET', `/login/token/${id}?code=${confirmed.body.code}`, { token: null }), 400);
  });

  it('DELETE removes a request; unknown requests are 404', async () => {
    const { body } = await api('POST', '/login/token', { token: null });
    const deleted = await api('DELETE', `/login/token/${body.id}`, { token: null });
    expectShape(deleted, 200, 'TemporaryTokenRequest');
    expectError(await api('GET', `/login/token/${body.id}`, { token: null }), 404);
    expectError(await api('DELETE', `/login/token/${body.id}`, { token: null }), 404);
    expectError(await api('PATCH', `/login/token/${body.id}`, { body: { state: 'confirmed' } }), 404);
  });
});

describe('orgs', () => {
  it('GET /org lists the orgs the caller belongs to', async () => {
    const res = await api('GET', '/org');
    expectShape(res, 200, 'ListOrgsResponse');
    expect(res.body.items.map((o: { handle: string }) => o.handle).sort()).toEqual(['acme', 'hobby']);
    expectError(await api('GET', '/org', { token: null }), 401);
    expectError(await api('GET', '/org?limit=101'), 400);
  });

  it('POST /org creates (201), validates the handle (400) and keeps handles unique across users and orgs (409)', async () => {
    const made = await api('POST', '/org', { body: { handle: 'newco', display_name: 'New Co', url: 'https://new.example.com' } });
    expectShape(made, 201, 'Org');
    expect(made.body).toMatchObject({ handle: 'newco', display_name: 'New Co', version_id: 1, billing: { status: 'preview' } });
    const members = await api('GET', '/org/newco/member');
    expect(members.body.items).toMatchObject([{ user_handle: 'demo', role: 'owner', status: 'accepted' }]);

    const bad = await api('POST', '/org', { body: { handle: 'Not_Valid' } });
    expectError(bad, 400);
    expect(bad.body.validation_errors[0].location).toBe('body.handle');
    for (const handle of ['-lead', 'trail-', 'dou--ble', 'a'.repeat(40)]) expectError(await api('POST', '/org', { body: { handle } }), 400);
    expectError(await api('POST', '/org', { body: {} }), 400);
    expectError(await api('POST', '/org', { body: '{"handle": ' }), 400);
    expectError(await api('POST', '/org', { body: { handle: 'acme' } }), 409);
    expectError(await api('POST', '/org', { body: { handle: 'jane' } }), 409);
    expectError(await api('POST', '/org', { token: null, body: { handle: 'x1' } }), 401);
  });

  it('POST /org with the team plan starts a trial', async () => {
    const made = await api('POST', '/org', { body: { handle: 'trialco', plan_id: 'team' } });
    expectShape(made, 201, 'Org');
    expect(made.body.billing.status).toBe('trial');
    expectShape(await api('GET', '/org/trialco/billing/plan'), 200, 'IdentityPlan');
    expectError(await api('POST', '/org', { body: { handle: 'planless', plan_id: 'p_nope' } }), 400);
  });

  it('GET /org/{h} answers members, 404 for others and unknown orgs', async () => {
    const acme = await api('GET', '/org/acme');
    expectShape(acme, 200, 'Org');
    expect(acme.body).toMatchObject({ display_name: 'Acme Corp', billing: { status: 'active' }, usage_user_threshold: 10 });
    expectShape(await api('GET', '/org/acme', { token: emu().janeToken }), 200, 'Org');
    expectError(await api('GET', '/org/hobby', { token: emu().janeToken }), 404);
    expectError(await api('GET', '/org/nosuchorg'), 404);
    expectError(await api('GET', '/org/acme', { token: null }), 401);
  });

  it('PATCH /org/{h} updates profile and thresholds, with 400, 403, 404, 409 and 412 answers', async () => {
    const updated = await api('PATCH', '/org/acme', {
      body: { display_name: 'Acme Inc', url: 'https://acme.test', usage_compute_threshold: 5000, usage_compute_action: 'cap_and_warn' },
    });
    expectShape(updated, 200, 'Org');
    expect(updated.body).toMatchObject({ display_name: 'Acme Inc', url: 'https://acme.test', usage_compute_threshold: 5000, usage_compute_action: 'cap_and_warn' });

    expectError(await api('PATCH', '/org/acme', { body: { usage_compute_action: 'explode' } }), 400);
    expectError(await api('PATCH', '/org/acme', { body: { usage_user_threshold: -1 } }), 400);
    expectError(await api('PATCH', '/org/acme', { body: { display_name: 7 } }), 400);
    expectError(await api('PATCH', '/org/acme', { body: { handle: 'Bad Handle' } }), 400);
    expectError(await api('PATCH', '/org/acme', { body: { handle: 'hobby' } }), 409);
    expectError(await api('PATCH', '/org/acme', { body: { handle: 'jane' } }), 409);
    const forbidden = await api('PATCH', '/org/acme', { token: emu().janeToken, body: { display_name: 'Mine' } });
    expectError(forbidden, 403);
    expect(forbidden.body.detail).toMatch(/owner role is required/);
    expectError(await api('PATCH', '/org/nosuchorg', { body: { display_name: 'x' } }), 404);
    expectError(await api('PATCH', '/org/acme', { body: { display_name: 'x' }, headers: { 'if-match': '1' } }), 412);
    const v = updated.body.version_id;
    const matched = await api('PATCH', '/org/acme', { body: { display_name: 'x' }, headers: { 'if-match': `"${v}"` } });
    expect(matched.status).toBe(200);
    expect(matched.body.version_id).toBe(v + 1);
  });

  it('PATCH handle renames the org and keeps its members and workspaces; the old handle is free', async () => {
    const renamed = await api('PATCH', '/org/acme', { body: { handle: 'acme-labs' } });
    expectShape(renamed, 200, 'Org');
    expect(renamed.body.handle).toBe('acme-labs');
    expectError(await api('GET', '/org/acme'), 404);
    const members = await api('GET', '/org/acme-labs/member');
    expect(members.body.items).toHaveLength(5);
    const workspaces = await api('GET', '/org/acme-labs/workspace');
    expect(workspaces.body.items.map((w: { handle: string }) => w.handle)).toEqual(['prod', 'dev']);
    expect((await api('POST', '/org', { body: { handle: 'acme' } })).status).toBe(201);
  });

  it('PATCH token_min_issued_at revokes older tokens for that org only; a future value is 400', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expectError(await api('PATCH', '/org/acme', { body: { token_min_issued_at: future } }), 400);
    expectError(await api('PATCH', '/org/acme', { body: { token_min_issued_at: 'yesterday' } }), 400);
    const now = new Date().toISOString();
    const res = await api('PATCH', '/org/acme', { body: { token_min_issued_at: now } });
    expectShape(res, 200, 'Org');
    expect(Date.parse(res.body.token_min_issued_at)).toBe(Date.parse(now));
    expectError(await api('GET', '/org/acme'), 401);
    expectError(await api('GET', '/org/acme/member', { token: emu().janeToken }), 401);
    expect((await api('GET', '/org/hobby')).status).toBe(200);
    expect((await api('GET', '/actor')).status).toBe(200);
    const { token } = await emu().makeUser('fresh', { org: 'acme', role: 'owner' });
    expect((await api('GET', '/org/acme', { token })).status).toBe(200);
  });

  it('DELETE /org/{h} answers 200 with the deleted org; then 404, and the handle is free', async () => {
    expectError(await api('DELETE', '/org/acme', { token: emu().janeToken }), 403);
    expectError(await api('DELETE', '/org/acme', { headers: { 'if-match': '999' } }), 412);
    const deleted = await api('DELETE', '/org/acme');
    expectShape(deleted, 200, 'Org');
    expect(deleted.body.deleted_at).toBeTruthy();
    expect(deleted.body.deleted_by_id).toMatch(/^u_/);
    expectError(await api('GET', '/org/acme'), 404);
    expectError(await api('DELETE', '/org/acme'), 404);
    expect((await api('GET', '/actor/org')).body.items.map((o: { org: { handle: string } }) => o.org.handle)).toEqual(['hobby']);
    expect((await api('POST', '/org', { body: { handle: 'acme' } })).status).toBe(201);
  });
});

describe('avatar', () => {
  it('POST uploads an image (201) and changes avatar_url; DELETE goes back to the default (201)', async () => {
    const before = (await api('GET', '/org/acme')).body.avatar_url;
    const uploaded = await uploadAvatar('acme', PNG);
    expectShape(uploaded as never, 201, 'CreateAvatarResponse');
    expect(uploaded.body.avatar_url).not.toBe(before);
    expect((await api('GET', '/org/acme')).body.avatar_url).toBe(uploaded.body.avatar_url);
    const image = await fetch(uploaded.body.avatar_url!);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);

    const reset = await api('DELETE', '/org/acme/avatar');
    expectShape(reset, 201, 'CreateAvatarResponse');
    expect(reset.body.avatar_url).toBe(before);
    expect((await api('GET', '/org/acme')).body.avatar_url).toBe(before);
  });

  it('refuses files that are not png, jpeg, gif or webp, or are over 1 MiB, and non-owners', async () => {
    expectError(await uploadAvatar('acme', Buffer.from('not an image'), 'image/png'), 400);
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]);
    expectError(await uploadAvatar('acme', big), 400);
    expectError(await uploadAvatar('acme', PNG, 'image/png', emu().janeToken), 403);
    expectError(await api('POST', '/org/acme/avatar', { body: { avatar: 'x' }, unchecked: true }), 415); // 415 is the emulator's answer to any body of the wrong media type
    expectError(await api('DELETE', '/org/acme/avatar', { token: emu().janeToken }), 403);
    expectError(await api('DELETE', '/org/nosuchorg/avatar'), 404);
  });
});

describe('audit log', () => {
  it('records org mutations, newest first; owners only', async () => {
    await api('PATCH', '/org/acme', { body: { display_name: 'Audited' } });
    await api('POST', '/org/acme/member/invite', { body: { email: 'aud@example.com', role: 'member' } });
    const log = await api('GET', '/org/acme/audit_log?limit=2');
    expectShape(log, 200, 'ListAuditLogsResponse');
    expect(log.body.items.map((r: { action_type: string }) => r.action_type)).toEqual(['org.member.invite', 'org.update']);
    expect(log.body.items[1]).toMatchObject({ actor_handle: 'demo', identity_handle: 'acme', data: { display_name: 'Audited' } });
    expect(log.body.next_token).toBeTruthy();
    expectError(await api('GET', '/org/acme/audit_log', { token: emu().janeToken }), 403);
  });

  it('records every org-admin mutation with the actor, the org and the target', async () => {
    await emu().makeUser('zed');
    await api('PATCH', '/org/acme', { body: { display_name: 'Renamed' } });
    await api('PATCH', '/org/acme', { body: { token_min_issued_at: new Date(Date.now() - 1000).toISOString() } });
    await uploadAvatar('acme', PNG);
    await api('DELETE', '/org/acme/avatar');
    await api('POST', '/org/acme/member/invite', { body: { handle: 'zed', role: 'member' } });
    await api('DELETE', '/org/acme/member/zed');
    await api('PATCH', '/org/acme/member/jane', { body: { role: 'owner' } });
    await api('DELETE', '/org/acme/member/bob');
    await api('PATCH', '/org/acme', { body: { handle: 'acme-two' } });
    await api('POST', '/org/hobby/billing/subscription');
    const acme = await api('GET', '/org/acme-two/audit_log?limit=100');
    expectShape(acme, 200, 'ListAuditLogsResponse');
    expect(acme.body.items.slice(0, 9).map((r: { action_type: string }) => r.action_type)).toEqual([
      'org.handle.update',
      'org.member.remove',
      'org.member.update',
      'org.member.invite.cancel',
      'org.member.invite',
      'org.avatar.delete',
      'org.avatar.update',
      'org.auth.reset',
      'org.update',
    ]);
    for (const record of acme.body.items.slice(0, 9)) {
      expect(record).toMatchObject({ actor_handle: 'demo', actor_display_name: expect.any(String), actor_ip: expect.any(String), identity_id: expect.stringMatching(/^o_/) });
    }
    expect(acme.body.items[2]).toMatchObject({ target_handle: 'jane', data: { role: 'owner', previous_role: 'member' } });
    expect(acme.body.items[0]).toMatchObject({ identity_handle: 'acme-two', data: { handle: 'acme-two', previous_handle: 'acme' } });
    const hobby = await api('GET', '/org/hobby/audit_log?limit=1');
    expect(hobby.body.items[0]).toMatchObject({ action_type: 'org.billing.subscribe', target_handle: 'hobby' });
  });
});

describe('identities', () => {
  it('GET /identity lists users and orgs by handle, with q and paging, without a token', async () => {
    const all = await api('GET', '/identity?limit=100', { token: null });
    expectShape(all, 200, 'ListIdentitiesResponse');
    const handles = all.body.items.map((i: { handle: string }) => i.handle);
    expect(handles).toEqual([...handles].sort());
    expect(all.body.items).toContainEqual(expect.objectContaining({ handle: 'acme', type: 'org', display_name: 'Acme Corp' }));
    expect(all.body.items).toContainEqual(expect.objectContaining({ handle: 'jane', type: 'user' }));
    // Placeholder users of email invitations have no account: not identities.
    expect(handles).not.toContain('dave');
    const q = await api('GET', '/identity?q=ACME');
    expect(q.body.items.map((i: { handle: string }) => i.handle)).toEqual(['acme']);
    const first = await api('GET', '/identity?limit=1');
    expect(first.body.items).toHaveLength(1);
    const second = await api('GET', `/identity?limit=1&next_token=${encodeURIComponent(first.body.next_token)}`);
    expect(second.body.items[0].handle > first.body.items[0].handle).toBe(true);
    expectError(await api('GET', '/identity?limit=0'), 400);
  });

  it('GET /identity/{h} answers one user or org, 404 for unknown handles', async () => {
    const org = await api('GET', '/identity/hobby', { token: null });
    expectShape(org, 200, 'Identity');
    expect(org.body).toMatchObject({ handle: 'hobby', type: 'org', display_name: 'Hobby Projects' });
    expect((await api('GET', '/identity/jane')).body).toMatchObject({ handle: 'jane', type: 'user' });
    expectError(await api('GET', '/identity/nobody-at-all'), 404);
  });
});

describe('constraints', () => {
  it('GET /org/{h}/constraint lists the Team plan limits of a Team org to any member', async () => {
    const res = await api('GET', '/org/acme/constraint', { token: emu().janeToken });
    expectShape(res, 200, 'ListConstraintsResponse');
    const members = res.body.items.find((c: { name: string }) => c.name === 'org.member.included');
    expect(members).toMatchObject({ type: 'quota', value: 3, target: 'org', visibility: 'public', plan_id: expect.stringMatching(/^p_/) });
    const paged = await api('GET', '/org/acme/constraint?limit=2');
    expect(paged.body.items).toHaveLength(2);
    const rest = await api('GET', `/org/acme/constraint?limit=100&next_token=${encodeURIComponent(paged.body.next_token)}`);
    expect(paged.body.items.length + rest.body.items.length).toBe(res.body.items.length);
  });

  it('inherits the tenant defaults for an org on no paid plan; 404 for non-members', async () => {
    const res = await api('GET', '/org/hobby/constraint');
    expect(res.body.items.find((c: { name: string }) => c.name === 'org.pay_as_you_go')).toMatchObject({ value: false });
    expect(res.body.items.every((c: { plan_id?: string }) => c.plan_id === undefined)).toBe(true);
    expectError(await api('GET', '/org/hobby/constraint', { token: emu().janeToken }), 404);
    expectError(await api('GET', '/org/acme/constraint', { token: null }), 401);
  });
});

describe('accepting an invitation', () => {
  it('GET /member/invite/confirm?t= lets the invitee accept (201); others 403; bad t 400', async () => {
    const { token } = await emu().makeUser('newbie');
    await api('POST', '/org/acme/member/invite', { body: { handle: 'newbie', role: 'member' } });
    const invites = await api('GET', '/actor/org/invite', { token });
    const t = invites.body.items[0].id;
    expectError(await api('GET', '/org/acme/member/invite/confirm', { token }), 400);
    expectError(await api('GET', '/org/acme/member/invite/confirm?t=m_00000000000000000000', { token }), 400);
    expectError(await api('GET', `/org/acme/member/invite/confirm?t=${t}`, { token: emu().janeToken }), 403);
    expectError(await api('GET', `/org/nosuchorg/member/invite/confirm?t=${t}`, { token }), 404);
    expectError(await api('GET', `/org/acme/member/invite/confirm?t=${t}`, { token: null }), 401);
    const accepted = await api('GET', `/org/acme/member/invite/confirm?t=${t}`, { token });
    expect(accepted.status).toBe(201);
    expect((await api('GET', '/org/acme/member/newbie')).body.status).toBe('accepted');
    expect((await api('GET', '/actor/org/invite', { token })).body.items).toEqual([]);
    expectError(await api('GET', `/org/acme/member/invite/confirm?t=${t}`, { token }), 400);
    const log = await api('GET', '/org/acme/audit_log?limit=1');
    expect(log.body.items[0]).toMatchObject({ action_type: 'org.member.invite.accept', actor_handle: 'newbie', target_handle: 'newbie' });
  });
});

describe('billing', () => {
  it('answers plan, subscriptions, invoices and the upcoming invoice for a Team org', async () => {
    const plan = await api('GET', '/org/acme/billing/plan');
    expectShape(plan, 200, 'IdentityPlan');
    expect(plan.body.plan.plan).toBe('team');
    const subs = await api('GET', '/org/acme/billing/subscription');
    expectShape(subs, 200, 'ListSubscriptionsResponse');
    expect(subs.body.items).toHaveLength(1);
    expect(subs.body.items[0].status).toBe('active');
    const invoices = await api('GET', '/org/acme/billing/invoice');
    expectShape(invoices, 200, 'ListBillingInvoicesResponse');
    expect(invoices.body.items).toHaveLength(3);
    const dates = invoices.body.items.map((i: { created_at: string }) => i.created_at);
    expect([...dates].sort().reverse()).toEqual(dates);
    const upcoming = await api('GET', '/org/acme/billing/stripe/invoice/upcoming');
    expectShape(upcoming, 200, 'BillingInvoice');
    expect(upcoming.body.total).toBeGreaterThan(0);
    // Members may read billing.
    expect((await api('GET', '/org/acme/billing/plan', { token: emu().janeToken })).status).toBe(200);
  });

  it('answers one invoice, one subscription, and payment methods (owners only, brand/last 4/expiry)', async () => {
    const invoices = await api('GET', '/org/acme/billing/invoice');
    const id = invoices.body.items[0].id;
    const one = await api('GET', `/org/acme/billing/invoice/${id}`, { token: emu().janeToken });
    expectShape(one, 200, 'BillingInvoice');
    expect(one.body).toEqual(invoices.body.items[0]);
    expectError(await api('GET', '/org/acme/billing/invoice/in_00000000000000000000'), 404);

    const subs = await api('GET', '/org/acme/billing/subscription');
    const sub = await api('GET', `/org/acme/billing/subscription/${subs.body.items[0].id}`);
    expectShape(sub, 200, 'BillingSubscription');
    expect(sub.body.id).toBe(subs.body.items[0].id);
    expectError(await api('GET', '/org/acme/billing/subscription/sub_00000000000000000000'), 404);

    const methods = await api('GET', '/org/acme/billing/payment_method');
    expectShape(methods, 200, 'ListBillingPaymentMethodsResponse');
    expect(methods.body.items).toHaveLength(1);
    const card = methods.body.items[0];
    expect(card).toMatchObject({ type: 'card', default: true, card: { brand: 'visa', last4: '4242', exp_month: 12 } });
    expect(card.id).toBe(sub.body.default_payment_method_id);
    const byId = await api('GET', `/org/acme/billing/payment_method/${card.id}`);
    expectShape(byId, 200, 'PaymentMethod');
    expect(byId.body).toEqual(card);
    expectError(await api('GET', '/org/acme/billing/payment_method/pm_00000000000000000000'), 404);
    expectError(await api('GET', '/org/acme/billing/payment_method', { token: emu().janeToken }), 403);
    expectError(await api('GET', `/org/acme/billing/payment_method/${card.id}`, { token: emu().janeToken }), 403);
  });

  it('answers 404 on every billing read for an org on no paid plan', async () => {
    for (const path of ['plan', 'subscription', 'invoice', 'stripe/invoice/upcoming', 'payment_method', 'invoice/in_00000000000000000000', 'subscription/sub_00000000000000000000']) {
      const res = await api('GET', `/org/hobby/billing/${path}`);
      expectError(res, 404);
      expect(res.body.detail).toMatch(/no billing plan/);
    }
  });

  it('POST subscription subscribes an org on no plan; 400 when one is active; owners only', async () => {
    expectError(await api('POST', '/org/acme/billing/subscription'), 400);
    expectError(await api('POST', '/org/acme/billing/subscription', { token: emu().janeToken }), 403);
    const sub = await api('POST', '/org/hobby/billing/subscription');
    expectShape(sub, 201, 'BillingSubscription');
    expect((await api('GET', '/org/hobby')).body.billing.status).toBe('active');
    expect((await api('GET', '/org/hobby/billing/plan')).status).toBe(200);
  });
});

describe('members', () => {
  it('GET /org/{h}/member lists members and invites; q filters', async () => {
    const res = await api('GET', '/org/acme/member');
    expectShape(res, 200, 'ListOrgUsersResponse');
    expect(res.body.items.map((m: { user_handle: string }) => m.user_handle)).toEqual(['demo', 'jane', 'carol', 'bob', 'dave']);
    const dave = res.body.items.find((m: { user_handle: string }) => m.user_handle === 'dave');
    expect(dave).toMatchObject({ status: 'invited', user: { display_name: 'dave@example.com' } });
    expect(dave.last_activity_at).toBeUndefined();
    expect(res.body.items.filter((m: { status: string }) => m.status === 'accepted').every((m: { last_activity_at?: string }) => m.last_activity_at)).toBe(true);
    expectShape(await api('GET', '/org/acme/member', { token: emu().janeToken }), 200, 'ListOrgUsersResponse');
    const q = await api('GET', '/org/acme/member?q=SMITH');
    expect(q.body.items.map((m: { user_handle: string }) => m.user_handle)).toEqual(['bob']);
    const byEmail = await api('GET', '/org/acme/member?q=carol%40example');
    expect(byEmail.body.items.map((m: { user_handle: string }) => m.user_handle)).toEqual(['carol']);
    expectError(await api('GET', '/org/hobby/member', { token: emu().janeToken }), 404);
  });

  it('POST /org/{h}/member (direct add) is for custom tenants only: 403', async () => {
    expectError(await api('POST', '/org/acme/member', { body: { handle: 'u_00000000000000000000', role: 'member' } }), 403);
  });

  it('POST invite by handle or email (201), with 400, 403, 404 and 409 answers', async () => {
    await emu().makeUser('zoe');
    const byHandle = await api('POST', '/org/acme/member/invite', { body: { handle: 'zoe', role: 'owner' } });
    expectShape(byHandle, 201, 'OrgUser');
    expect(byHandle.body).toMatchObject({ user_handle: 'zoe', role: 'owner', status: 'invited' });

    const byEmail = await api('POST', '/org/acme/member/invite', { body: { email: 'New.Person+x@Example.com', role: 'member' } });
    expectShape(byEmail, 201, 'OrgUser');
    expect(byEmail.body).toMatchObject({ user_handle: 'new-person-x', status: 'invited', user: { display_name: 'New.Person+x@Example.com' } });

    expectError(await api('POST', '/org/acme/member/invite', { body: { email: 'new.person+x@example.COM', role: 'member' } }), 409);
    expectError(await api('POST', '/org/acme/member/invite', { body: { handle: 'jane', role: 'member' } }), 409);
    expectError(await api('POST', '/org/acme/member/invite', { body: { handle: 'zoe', role: 'member' } }), 409);
    expectError(await api('POST', '/org/acme/member/invite', { body: { email: 'jane@EXAMPLE.com', role: 'member' } }), 409);
    expectError(await api('POST', '/org/acme/member/invite', { body: { handle: 'nobody-here', role: 'member' } }), 404);
    expectError(await api('POST', '/org/acme/member/invite', { body: { handle: 'zoe', role: 'admin' } }), 400);
    expectError(await api('POST', '/org/acme/member/invite', { body: { handle: 'zoe' } }), 400);
    expectError(await api('POST', '/org/acme/member/invite', { body: { handle: 'zoe', email: 'z@example.com', role: 'member' } }), 400);
    expectError(await api('POST', '/org/acme/member/invite', { body: { role: 'member' } }), 400);
    expectError(await api('POST', '/org/acme/member/invite', { body: { email: 'not-an-email', role: 'member' } }), 400);
    expectError(await api('POST', '/org/acme/member/invite', { token: emu().janeToken, body: { email: 'x@example.com', role: 'member' } }), 403);
  });

  it('an email invite derives a unique handle from the local part', async () => {
    const first = await api('POST', '/org/acme/member/invite', { body: { email: 'jane@elsewhere.org', role: 'member' } });
    expect(first.body.user_handle).toBe('jane-2');
    const second = await api('POST', '/org/hobby/member/invite', { body: { email: 'jane@third.org', role: 'member' } });
    expect(second.body.user_handle).toBe('jane-3');
    const odd = await api('POST', '/org/acme/member/invite', { body: { email: '__x..y--z__@example.com', role: 'member' } });
    expect(odd.body.user_handle).toBe('x-y-z');
  });

  it('DELETE /member/invite?t= lets the invitee decline or an owner cancel (204)', async () => {
    const { token } = await emu().makeUser('dina');
    const invite = await api('POST', '/org/acme/member/invite', { body: { handle: 'dina', role: 'member' } });
    expectError(await api('DELETE', '/org/acme/member/invite', { token }), 400);
    expectError(await api('DELETE', '/org/acme/member/invite?t=m_00000000000000000000', { token }), 400);
    const declined = await fetch(`${emu().url}/api/v0/org/acme/member/invite?t=${invite.body.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(declined.status).toBe(204);
    expectError(await api('GET', '/org/acme/member/dina'), 404);
    const dave = (await api('GET', '/org/acme/member/dave')).body;
    expectError(await api('DELETE', `/org/acme/member/invite?t=${dave.id}`, { token: emu().janeToken }), 403);
    const cancelled = await fetch(`${emu().url}/api/v0/org/acme/member/invite?t=${dave.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${emu().token}` } });
    expect(cancelled.status).toBe(204);
  });

  it('GET /member/{u} answers one membership or 404', async () => {
    const jane = await api('GET', '/org/acme/member/jane');
    expectShape(jane, 200, 'OrgUser');
    expect(jane.body).toMatchObject({ user_handle: 'jane', role: 'member', status: 'accepted' });
    expectError(await api('GET', '/org/acme/member/nobody'), 404);
    expectError(await api('GET', '/org/acme/member/jane', { token: null }), 401);
  });

  it('PATCH /member/{u} changes roles; the last owner cannot be demoted (409)', async () => {
    const promoted = await api('PATCH', '/org/acme/member/jane', { body: { role: 'owner' } });
    expectShape(promoted, 200, 'OrgUser');
    expect(promoted.body.role).toBe('owner');
    expect(promoted.body.version_id).toBe(2);
    expectError(await api('PATCH', '/org/acme/member/jane', { body: { role: 'member' }, headers: { 'if-match': '1' } }), 412);
    expect((await api('PATCH', '/org/acme/member/jane', { body: { role: 'member' }, headers: { 'if-match': '2' } })).status).toBe(200);
    expectError(await api('PATCH', '/org/acme/member/demo', { body: { role: 'member' } }), 409);
    expectError(await api('PATCH', '/org/acme/member/jane', { body: { role: 'king' } }), 400);
    expectError(await api('PATCH', '/org/acme/member/jane', { body: {} }), 400);
    expectError(await api('PATCH', '/org/acme/member/nobody', { body: { role: 'member' } }), 404);
    expectError(await api('PATCH', '/org/acme/member/bob', { token: emu().janeToken, body: { role: 'owner' } }), 403);
  });

  it('DELETE /member/{u} removes members and cancels invites (200); never the last owner (409)', async () => {
    const removed = await api('DELETE', '/org/acme/member/bob');
    expectShape(removed, 200, 'OrgUser');
    expect(removed.body.user_handle).toBe('bob');
    expectError(await api('GET', '/org/acme/member/bob'), 404);
    const cancelled = await api('DELETE', '/org/acme/member/dave');
    expectShape(cancelled, 200, 'OrgUser');
    expect(cancelled.body.status).toBe('invited');
    expectError(await api('DELETE', '/org/acme/member/demo'), 409);
    expectError(await api('DELETE', '/org/acme/member/carol', { token: emu().janeToken }), 403);
    expectError(await api('DELETE', '/org/acme/member/nobody'), 404);
    expectError(await api('DELETE', '/org/acme/member/carol', { headers: { 'if-match': '7' } }), 412);
  });
});

describe('usage and workspaces', () => {
  it('GET /usage pages through 60 days of all three dimensions and filters with where', async () => {
    const all: Array<{ usage_date: string; dimension: string }> = [];
    let next: string | undefined;
    do {
      const res = await api('GET', `/org/acme/usage?limit=100${next ? `&next_token=${encodeURIComponent(next)}` : ''}`);
      expectShape(res, 200, 'ListUsageMetricsResponse');
      all.push(...res.body.items);
      next = res.body.next_token;
    } while (next);
    expect(new Set(all.map((m) => m.dimension))).toEqual(new Set(['compute', 'storage', 'user']));
    const days = [...new Set(all.map((m) => m.usage_date.slice(0, 10)))].sort();
    expect(days).toHaveLength(60);
    expect(days.at(-1)).toBe(new Date().toISOString().slice(0, 10));

    const from = days[10]!;
    const until = days[20]!;
    const where = encodeURIComponent(`usage_date >= '${from}' and usage_date < '${until}' and dimension = 'user'`);
    const filtered = await api('GET', `/org/acme/usage?limit=100&where=${where}`);
    expectShape(filtered, 200, 'ListUsageMetricsResponse');
    expect(filtered.body.items).toHaveLength(10);
    expect(filtered.body.items.every((m: { metric: string }) => m.metric === 'user_count')).toBe(true);

    for (const bad of ['usage_date >>', 'password = 1', "usage_date >= 'soon'", "dimension = 'a' or 1=1", "dimension = 'x"]) {
      expectError(await api('GET', `/org/acme/usage?where=${encodeURIComponent(bad)}`), 400);
    }
    expect((await api('GET', '/org/acme/usage', { token: emu().janeToken })).status).toBe(200);
  });

  it('GET /workspace lists the workspaces with their host', async () => {
    const res = await api('GET', '/org/acme/workspace');
    expectShape(res, 200, 'ListWorkspacesResponse');
    expect(res.body.items).toMatchObject([
      { handle: 'prod', host: 'usea1.db.pipes.turbot.com' },
      { handle: 'dev', host: 'usea1.db.pipes.turbot.com' },
    ]);
    expectError(await api('GET', '/org/nosuchorg/workspace'), 404);
  });
});

describe('user tokens', () => {
  it('lists, creates (at most 2), reads, updates and deletes the caller’s own tokens', async () => {
    const list = await api('GET', '/user/demo/token');
    expectShape(list, 200, 'ListTokensResponse');
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].last4).toBe(emu().token.slice(-4));

    const made = await api('POST', '/user/demo/token', { body: { title: 'ci' } });
    expectShape(made, 201, 'Token');
    expect(made.body.token).toMatch(/^tpt_/);
    expect((await api('GET', '/actor', { token: made.body.token })).body.handle).toBe('demo');
    expectError(await api('POST', '/user/demo/token'), 400);

    const got = await api('GET', `/user/demo/token/${made.body.id}`);
    expectShape(got, 200, 'Token');
    expect(got.body.token).toBeUndefined();

    const off = await api('PATCH', `/user/demo/token/${made.body.id}`, { body: { status: 'inactive' } });
    expectShape(off, 200, 'Token');
    expect(off.body.status).toBe('inactive');
    expectError(await api('GET', '/actor', { token: made.body.token }), 401);
    expectError(await api('PATCH', `/user/demo/token/${made.body.id}`, { body: { status: 'sleepy' } }), 400);
    expectError(await api('PATCH', `/user/demo/token/${made.body.id}`, { body: { status: 'active' }, headers: { 'if-match': '1' } }), 412);

    const deleted = await api('DELETE', `/user/demo/token/${made.body.id}`);
    expectShape(deleted, 200, 'Token');
    expectError(await api('GET', `/user/demo/token/${made.body.id}`), 404);
    expectError(await api('PATCH', `/user/demo/token/${made.body.id}`, { body: { status: 'active' } }), 404);
  });

  it('refuses another user’s tokens (403)', async () => {
    expectError(await api('GET', '/user/jane/token'), 403);
    expectError(await api('POST', '/user/jane/token'), 403);
    const janes = await api('GET', '/user/jane/token', { token: emu().janeToken });
    const id = janes.body.items[0].id;
    expectError(await api('GET', `/user/jane/token/${id}`), 403);
    expectError(await api('DELETE', `/user/jane/token/${id}`), 403);
    expectError(await api('GET', `/user/demo/token/${id}`), 404);
  });
});

describe('paging', () => {
  it('walks every item exactly once with next_token, at any page size', async () => {
    await api('POST', '/org', { body: { handle: 'bigco' } });
    const bulk = await fetch(`${emu().url}/_emulator/orgs/bigco/members`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 237, prefix: 'p' }),
    });
    expect(bulk.status).toBe(201);
    for (const limit of [100, 7, 1]) {
      const ids: string[] = [];
      let next: string | undefined;
      let pages = 0;
      do {
        const res = await api('GET', `/org/bigco/member?limit=${limit}${next ? `&next_token=${encodeURIComponent(next)}` : ''}`);
        expectShape(res, 200, 'ListOrgUsersResponse');
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        ids.push(...res.body.items.map((m: { id: string }) => m.id));
        next = res.body.next_token;
        pages++;
      } while (next);
      expect(ids).toHaveLength(238);
      expect(new Set(ids).size).toBe(238);
      expect(pages).toBe(Math.ceil(238 / limit));
    }
    const firstPage = await api('GET', '/org/bigco/member');
    expect(firstPage.body.items).toHaveLength(25);
  });

  it('answers 400 for limits outside 1..100 and for next_tokens it did not issue', async () => {
    for (const limit of ['0', '101', '-1', 'abc', '1.5', '']) expectError(await api('GET', `/org/acme/member?limit=${limit}`), 400);
    expect((await api('GET', '/org/acme/member?limit=1')).body.items).toHaveLength(1);
    expect((await api('GET', '/org/acme/member?limit=100')).status).toBe(200);
    expectError(await api('GET', '/org/acme/member?next_token=garbage'), 400);
    const orgsToken = (await api('GET', '/org?limit=1')).body.next_token;
    expect(orgsToken).toBeTruthy();
    const misuse = await api('GET', `/org/acme/member?next_token=${encodeURIComponent(orgsToken)}`);
    expectError(misuse, 400);
    expect(misuse.body.validation_errors[0].location).toBe('query.next_token');
  });
});

describe('protocol', () => {
  it('answers unknown paths with a 404 ErrorModel and wrong methods with 405', async () => {
    expectError(await api('GET', '/nothing/here'), 404);
    const wrong = await api('PUT', '/org/acme');
    expectError(wrong, 405);
    expect(wrong.headers.get('allow')).toBe('DELETE, GET, PATCH');
    expectError(await api('PATCH', '/org/acme', { body: '[1, 2]' }), 400);
  });
});

describe('coverage', () => {
  it('exercised every operation of the document cut', async () => {
    const seen = new Set<string>();
    for (const entry of await emu().requests()) {
      const op = operationFor(entry.method, entry.path);
      if (op) seen.add(op.name);
    }
    expect(OPERATIONS.filter((op) => !seen.has(op))).toEqual([]);
  });

  it('serves exactly the operations of the document cut under /api/v0', () => {
    const served = allRoutes
      .filter((r) => r.path.startsWith('/api/v0/'))
      .map((r) => `${r.method} ${r.path.slice('/api/v0'.length).replace(/:([a-z]+)/g, '{$1}')}`);
    const byShape = (op: string) => op.replace(/\{[^}]+\}/g, '{}');
    expect(served.map(byShape).sort()).toEqual(OPERATIONS.map(byShape).sort());
  });
});
