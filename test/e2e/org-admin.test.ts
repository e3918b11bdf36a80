// End to end through the built executable: an org's audit log after a profile change and an
// invitation, and the invitee's side (invitations, join).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRecord, UserOrg } from '../../src/api/types';
import { cliSandbox, type CliSandbox } from '../helpers/cli';
import { useFileEmulator } from '../helpers/emulator';

const emu = useFileEmulator();

let cli: CliSandbox;
beforeEach(() => {
  cli = cliSandbox(emu().url);
});
afterEach(() => cli.cleanup());

describe('org administration, end to end', () => {
  it('org audit --json lists a profile change and an invitation with the actor; the invitee sees and joins', async () => {
    const owner = { PIPES_TOKEN: emu().token, PIPES_ORG: 'acme' };
    const { token } = await emu().makeUser('newbie');
    expect((await cli.run(['org', 'profile', '--display-name', 'Acme Audited'], { env: owner })).code).toBe(0);
    expect((await cli.run(['people', 'invite', 'newbie'], { env: owner })).code).toBe(0);

    const audit = await cli.run(['org', 'audit', '--json', '--limit', '2'], { env: owner });
    expect(audit.code).toBe(0);
    expect(audit.json<AuditRecord[]>()).toMatchObject([
      { action_type: 'org.member.invite', actor_handle: 'demo', target_handle: 'newbie' },
      { action_type: 'org.update', actor_handle: 'demo', data: { display_name: 'Acme Audited' } },
    ]);

    const invitee = { PIPES_TOKEN: token };
    const invitations = await cli.run(['org', 'invitations', '--json'], { env: invitee });
    expect(invitations.json<UserOrg[]>()).toMatchObject([{ role: 'member', status: 'pending', org: { handle: 'acme' } }]);
    const join = await cli.run(['org', 'join', 'acme'], { env: invitee });
    expect(join.code).toBe(0);
    expect(join.stdout).toBe('Joined acme as member\n');
    const after = await cli.run(['org', 'audit', '--action', 'org.member.invite', '--limit', '1'], { env: owner });
    expect(after.stdout.split('\t').slice(1)).toEqual(['newbie', 'org.member.invite.accept', 'newbie\n']);
  });
});
