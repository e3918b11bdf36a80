import { describe, expect, it } from 'vitest';
import type { OrgUser } from '../../../src/api/types';
import { addBulkMembers, membersOf, usePeopleTests } from './helpers';

const kit = usePeopleTests();

describe('people list', () => {
  it('--json prints the OrgUser records exactly as the API returned them', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'list', '--json'])).toBe(0);
    expect(JSON.parse(t.stdout())).toEqual(await membersOf(kit.emu()));
    expect(t.stderr()).toBe('');
  });

  it('pages through more than 100 members with limit=100 and prints every one', async () => {
    await addBulkMembers(kit.emu(), 'acme', 150);
    await kit.emu().clearRequests();
    const t = kit.make();
    expect(await t.run(['people', 'list', '--json'])).toBe(0);
    const listed = JSON.parse(t.stdout()) as OrgUser[];
    expect(listed).toHaveLength(155);
    expect(new Set(listed.map((m) => m.user_handle)).size).toBe(155);
    const pages = (await kit.emu().requests()).filter((r) => r.path.startsWith('/api/v0/org/acme/member'));
    expect(pages).toHaveLength(2);
    expect(pages[0]!.path).toBe('/api/v0/org/acme/member?limit=100');
    expect(pages[1]!.path).toMatch(/^\/api\/v0\/org\/acme\/member\?limit=100&next_token=/);
  });

  it('filters by --role and --status on the client, across pages', async () => {
    await addBulkMembers(kit.emu(), 'acme', 120, { prefix: 'inv', status: 'invited' });
    await addBulkMembers(kit.emu(), 'acme', 3, { prefix: 'boss', role: 'owner' });
    const t = kit.make();
    expect(await t.run(['people', 'list', '--role', 'owner', '--json'])).toBe(0);
    expect((JSON.parse(t.stdout()) as OrgUser[]).map((m) => m.user_handle).sort()).toEqual(['boss-1', 'boss-2', 'boss-3', 'demo']);

    expect(await t.run(['people', 'list', '--status', 'invited', '--json'])).toBe(0);
    const invited = JSON.parse(t.stdout()) as OrgUser[];
    expect(invited).toHaveLength(121); // dave@example.com and inv-1..inv-120
    expect(invited.every((m) => m.status === 'invited')).toBe(true);

    expect(await t.run(['people', 'list', '--status', 'accepted', '--role', 'member', '--json'])).toBe(0);
    expect((JSON.parse(t.stdout()) as OrgUser[]).map((m) => m.user_handle).sort()).toEqual(['bob', 'carol', 'jane']);
  });

  it('--limit caps the rows and stops paging once it has them', async () => {
    await addBulkMembers(kit.emu(), 'acme', 250);
    await kit.emu().clearRequests();
    const t = kit.make();
    expect(await t.run(['people', 'list', '--limit', '120', '--json'])).toBe(0);
    const listed = JSON.parse(t.stdout()) as OrgUser[];
    expect(listed).toHaveLength(120);
    const pages = (await kit.emu().requests()).filter((r) => r.path.startsWith('/api/v0/org/acme/member?'));
    expect(pages).toHaveLength(2);
    expect(listed).toEqual((await membersOf(kit.emu())).slice(0, 120));

    expect(await t.run(['people', 'list', '--limit', '2'])).toBe(0);
    expect(t.stdout().trimEnd().split('\n')).toHaveLength(2);
  });

  it('off a terminal prints tab-separated rows, owners first then by handle, last activity as ISO 8601', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'list'])).toBe(0);
    const members = await membersOf(kit.emu());
    const activity = (h: string) => members.find((m) => m.user_handle === h)?.last_activity_at ?? '';
    expect(t.stdout()).toBe(
      [
        `demo\tDemo User\towner\taccepted\t${activity('demo')}`,
        `bob\tBob Smith\tmember\taccepted\t${activity('bob')}`,
        `carol\tCarol Chen\tmember\taccepted\t${activity('carol')}`,
        'dave\tdave@example.com\tmember\tinvited',
        `jane\tJane Doe\tmember\taccepted\t${activity('jane')}`,
        '',
      ].join('\n'),
    );
    expect(activity('demo')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('on a terminal prints a table with a header and relative times', async () => {
    const t = kit.make({ tty: true, now: new Date(), env: { NO_COLOR: '1' } });
    expect(await t.run(['people', 'list'])).toBe(0);
    const lines = t.stdout().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^HANDLE\s+NAME\s+ROLE\s+STATUS\s+LAST ACTIVE$/);
    expect(lines[1]).toMatch(/^demo\s+Demo User\s+owner\s+accepted\s+(about \d+ \w+ ago|less than a minute ago)$/);
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(['HANDLE', 'demo', 'bob', 'carol', 'dave', 'jane']);
    expect(lines[4]).toMatch(/^dave\s+dave@example\.com\s+member\s+invited$/);
  });

  it('says so on stderr when nothing matches, and --json prints []', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'list', '--role', 'owner', '--status', 'invited'])).toBe(0);
    expect(t.stdout()).toBe('');
    expect(t.stderr()).toContain('No one in acme matches --role owner --status invited.');
    expect(await t.run(['people', 'list', '--role', 'owner', '--status', 'invited', '--json'])).toBe(0);
    expect(JSON.parse(t.stdout())).toEqual([]);
  });

  it('lets a plain member list the people too', async () => {
    const t = kit.make({ env: { PIPES_TOKEN: kit.emu().janeToken } });
    expect(await t.run(['people', 'list', '--json'])).toBe(0);
    expect(JSON.parse(t.stdout())).toHaveLength(5);
  });

  it('refuses bad flags with exit 2 before sending anything', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'list', '--role', 'admin'])).toBe(2);
    expect(t.stderr()).toContain('invalid role "admin": use member or owner');
    expect(await t.run(['people', 'list', '--status', 'pending'])).toBe(2);
    expect(t.stderr()).toContain('invalid --status "pending": use invited or accepted');
    expect(await t.run(['people', 'list', '--limit', '0'])).toBe(2);
    expect(await kit.emu().requests()).toEqual([]);
  });

  it('explains an org that does not exist (or is not yours), exit 1', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'list', '--org', 'nope', '--json'])).toBe(1);
    expect(t.stdout()).toBe('');
    expect(JSON.parse(t.stderr()).error).toMatchObject({ code: 'not_found', status: 404 });
    expect(await t.run(['people', 'list', '--org', 'nope'])).toBe(1);
    expect(t.stderr()).toContain('org nope not found');
  });
});
