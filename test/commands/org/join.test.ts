import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { UserOrg } from '../../../src/api/types';
import { useCommandTests } from '../../helpers/command-tests';

const { api, emu, make, sent } = useCommandTests({ now: () => new Date() });

/** A user `newbie` invited to acme (member) and hobby (owner); their token. */
async function invitedNewbie(): Promise<string> {
  const { token } = await emu().makeUser('newbie');
  expect((await api('POST', '/org/acme/member/invite', { body: { handle: 'newbie', role: 'member' } })).status).toBe(201);
  expect((await api('POST', '/org/hobby/member/invite', { body: { handle: 'newbie', role: 'owner' } })).status).toBe(201);
  return token;
}

describe('org invitations', () => {
  it('lists the orgs that invited you: --json, a table on a terminal, rows off one', async () => {
    const token = await invitedNewbie();
    const json = make({ env: { PIPES_TOKEN: token } });
    expect(await json.run(['org', 'invitations', '--json'])).toBe(0);
    const invites = JSON.parse(json.stdout()) as UserOrg[];
    expect(invites.map((i) => [i.org?.handle, i.role, i.status]).sort()).toEqual([
      ['acme', 'member', 'pending'],
      ['hobby', 'owner', 'pending'],
    ]);

    const tty = make({ env: { PIPES_TOKEN: token }, tty: true });
    expect(await tty.run(['org', 'invitations'])).toBe(0);
    const lines = stripVTControlCharacters(tty.stdout()).trimEnd().split('\n');
    expect(lines[0]).toMatch(/ORG\s+DISPLAY NAME\s+ROLE\s+INVITED/);
    expect(lines.slice(1).join('\n')).toMatch(/acme\s+Acme Corp\s+member\s+less than a minute ago/);
    expect(tty.stderr()).toMatch(/pipesctl org join (acme|hobby)/);

    const plain = make({ env: { PIPES_TOKEN: token } });
    expect(await plain.run(['org', 'invitations'])).toBe(0);
    expect(plain.stdout().trimEnd().split('\n').map((l) => l.split('\t').slice(0, 3)).sort()).toEqual([
      ['acme', 'Acme Corp', 'member'],
      ['hobby', 'Hobby Projects', 'owner'],
    ]);
  });

  it('says so when there are none', async () => {
    const t = make();
    expect(await t.run(['org', 'invitations'])).toBe(0);
    expect(t.stdout()).toBe('');
    expect(t.stderr()).toMatch(/no open invitations/);
  });
});

describe('org join', () => {
  it('accepts an invitation: the invitee becomes a member, the org lists them, the audit log says so', async () => {
    const token = await invitedNewbie();
    const t = make({ env: { PIPES_TOKEN: token } });
    expect(await t.run(['org', 'join', 'acme'])).toBe(0);
    expect(t.stdout()).toMatch(/Joined acme as member/);
    expect((await api('GET', '/org/acme/member/newbie')).body).toMatchObject({ status: 'accepted', role: 'member' });
    expect(await sent((r) => r.path.includes('/invite/confirm'))).toEqual([expect.stringMatching(/^GET \/api\/v0\/org\/acme\/member\/invite\/confirm\?t=m_\w+ 201$/)]);
    const log = await api('GET', '/org/acme/audit_log?limit=1');
    expect(log.body.items[0]).toMatchObject({ action_type: 'org.member.invite.accept', actor_handle: 'newbie' });

    const json = make({ env: { PIPES_TOKEN: token } });
    expect(await json.run(['org', 'join', 'hobby', '--json'])).toBe(0);
    expect(JSON.parse(json.stdout())).toEqual({ org: 'hobby', role: 'owner', status: 'accepted' });

    const again = make({ env: { PIPES_TOKEN: token } });
    expect(await again.run(['org', 'join', 'acme'])).toBe(1);
    expect(again.stderr()).toMatch(/no open invitation to acme/);
  });

  it('refuses a bad handle before sending anything', async () => {
    const t = make();
    expect(await t.run(['org', 'join', 'Not An Org'])).toBe(2);
    expect(await sent()).toEqual([]);
  });

  it('says plainly when the service wants the emailed link instead', async () => {
    const token = await invitedNewbie();
    // A service that does not take the invitation's id as the confirmation token answers 400.
    const t = make({
      env: { PIPES_TOKEN: token },
      wrapApi: (client) => ({ ...client, members: { ...client.members, confirmInvite: (org) => client.members.confirmInvite(org, 'm_00000000000000000000') } }),
    });
    expect(await t.run(['org', 'join', 'acme'])).toBe(1);
    expect(t.stderr()).toMatch(/only through the link in the invitation email/);
    expect((await api('GET', '/org/acme/member/newbie')).body.status).toBe('invited');
  });
});
