// The org-admin screens (audit, invitations, the billing page's payment method, one invoice)
// show a hostile record in caret notation on a colour terminal; --json keeps it exact. The
// records are written straight into the emulator's database, below the API's own checks.
import { describe, expect, it } from 'vitest';
import { HOSTILE, expectSanitised, useHostileTerminals } from '../../helpers/hostile';

const { emu, terminal } = useHostileTerminals();

describe('hostile records on the org-admin screens', () => {
  it('org audit: the actor, action and target the server names', async () => {
    emu().sql('UPDATE audit_log SET actor_handle = ?, action_type = ?, target_handle = ?', HOSTILE, HOSTILE, HOSTILE);
    const t = terminal();
    t.streams.io.columns = 400; // wide enough for three hostile cells uncut
    expect(await t.run(['org', 'audit', '--limit', '1'])).toBe(0);
    expectSanitised(t.stdout());
    expect(await t.run(['org', 'audit', '--limit', '1', '--json'])).toBe(0);
    expect(JSON.parse(t.stdout())[0].action_type).toBe(HOSTILE);
  });

  it("org invitations: the inviting org's display name", async () => {
    const res = await fetch(`${emu().url}/_emulator/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ handle: 'newbie' }) });
    const { token } = (await res.json()) as { token: string };
    const invite = await fetch(`${emu().url}/api/v0/org/acme/member/invite`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu().token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ handle: 'newbie', role: 'member' }),
    });
    expect(invite.status).toBe(201);
    emu().sql("UPDATE orgs SET display_name = ? WHERE handle = 'acme'", HOSTILE);
    const t = terminal({ env: { PIPES_TOKEN: token } });
    expect(await t.run(['org', 'invitations'])).toBe(0);
    expectSanitised(t.stdout());
  });

  it('org billing: the org name and the card brand', async () => {
    emu().sql("UPDATE orgs SET display_name = ? WHERE handle = 'acme'", HOSTILE);
    emu().sql('UPDATE payment_methods SET brand = ?', HOSTILE);
    const t = terminal();
    expect(await t.run(['org', 'billing'])).toBe(0);
    expectSanitised(t.stdout());
  });

  it('org billing --invoice: every field of the invoice', async () => {
    emu().sql('UPDATE invoices SET receipt_number = ?, billing_reason = ?, status = ?', 'R-1', HOSTILE, HOSTILE);
    const t = terminal();
    expect(await t.run(['org', 'billing', '--invoice', 'R-1'])).toBe(0);
    expectSanitised(t.stdout());
  });
});
