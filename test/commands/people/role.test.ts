import { describe, expect, it } from 'vitest';
import type { OrgUser } from '../../../src/api/types';
import { membersOf, mutations, usePeopleTests } from './helpers';

const kit = usePeopleTests();

const roleOf = async (handle: string) => (await membersOf(kit.emu())).find((m) => m.user_handle === handle)?.role;

describe('people role', () => {
  it('makes a member an owner; --json prints the updated OrgUser', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'role', 'jane', 'owner', '--json'])).toBe(0);
    const updated = JSON.parse(t.stdout()) as OrgUser;
    expect(updated).toMatchObject({ user_handle: 'jane', role: 'owner', status: 'accepted' });
    expect(await roleOf('jane')).toBe('owner');
    expect(mutations(await kit.emu().requests()).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['PATCH /api/v0/org/acme/member/jane 200']);
  });

  it('says what changed for people', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'role', 'bob', 'OWNER'])).toBe(0);
    expect(t.stdout()).toBe("Changed bob's role in acme from member to owner\n");
    expect(await t.run(['people', 'role', 'bob', 'member'])).toBe(0);
    expect(await roleOf('bob')).toBe('member');
  });

  it('the role someone already has: nothing to do, exit 0, no PATCH', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'role', 'jane', 'member'])).toBe(0);
    expect(t.stderr()).toContain('jane is already a member of acme; nothing to do.');
    expect(await t.run(['people', 'role', 'demo', 'owner', '--json'])).toBe(0);
    expect(JSON.parse(t.stdout())).toMatchObject({ user_handle: 'demo', role: 'owner' });
    expect(mutations(await kit.emu().requests())).toEqual([]);
  });

  it('refuses to demote the last owner with a clear message (exit 1); with a second owner it works', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'role', 'demo', 'member'])).toBe(1);
    expect(t.stderr()).toContain('demo is the last owner of acme: an org must keep at least one owner');
    expect(await roleOf('demo')).toBe('owner');

    expect(await t.run(['people', 'role', 'carol', 'owner'])).toBe(0);
    expect(await t.run(['people', 'role', 'demo', 'member'])).toBe(0);
    expect(await roleOf('demo')).toBe('member');
  });

  it('someone not in the org, and an org that does not exist, are told apart (exit 1)', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'role', 'nobody', 'owner'])).toBe(1);
    expect(t.stderr()).toContain('nobody is not a member of acme and has no invitation to it');
    expect(await t.run(['people', 'role', 'jane', 'owner', '--org', 'nope'])).toBe(1);
    expect(t.stderr()).toContain('org nope not found');
  });

  it('checks the handle and the role before sending anything (exit 2)', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'role', 'jane', 'admin'])).toBe(2);
    expect(t.stderr()).toContain('invalid role "admin": use member or owner');
    expect(await t.run(['people', 'role', 'Jane', 'owner'])).toBe(2);
    expect(await t.run(['people', 'role', 'jane'])).toBe(2);
    expect(await kit.emu().requests()).toEqual([]);
  });

  it('a member may not change roles: exit 1 with the owner hint', async () => {
    const t = kit.make({ env: { PIPES_TOKEN: kit.emu().janeToken } });
    expect(await t.run(['people', 'role', 'bob', 'owner'])).toBe(1);
    expect(t.stderr()).toContain('the owner role is required');
    expect(await roleOf('bob')).toBe('member');
  });
});
