import { describe, expect, it } from 'vitest';
import { useCommandTests } from '../../helpers/command-tests';

const { api, emu, hostKey, make } = useCommandTests();

describe('org list', () => {
  it('--json prints the UserOrg records exactly as the API returned them', async () => {
    const t = make();
    expect(await t.run(['org', 'list', '--json'])).toBe(0);
    const page = (await api('GET', '/actor/org?limit=100')).body as { items: unknown[] };
    expect(JSON.parse(t.stdout())).toEqual(page.items);
    expect(t.stderr()).toBe('');
  });

  it('off a terminal prints stable tab-separated rows: handle, display name, role, current', async () => {
    const t = make({ env: { PIPES_ORG: 'hobby' } });
    expect(await t.run(['org', 'list'])).toBe(0);
    expect(t.stdout()).toBe('acme\tAcme Corp\towner\nhobby\tHobby Projects\towner\tcurrent\n');
  });

  it('marks the default set by org switch, and --org over it', async () => {
    const t = make();
    await t.store.setHost(hostKey(), { org: 'acme' });
    expect(await t.run(['org', 'list'])).toBe(0);
    expect(t.stdout()).toMatch(/^acme\t.*\tcurrent$/m);
    expect(await t.run(['--org', 'hobby', 'org', 'list'])).toBe(0);
    expect(t.stdout()).toMatch(/^hobby\t.*\tcurrent$/m);
    expect(t.stdout()).not.toMatch(/^acme\t.*\tcurrent$/m);
  });

  it('on a terminal prints a table with a header and a * on the current org', async () => {
    const t = make({ tty: true, env: { PIPES_ORG: 'acme', NO_COLOR: '1' } });
    expect(await t.run(['org', 'list'])).toBe(0);
    const lines = t.stdout().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\s+HANDLE\s+DISPLAY NAME\s+ROLE$/);
    expect(lines[1]).toMatch(/^\*\s+acme\s+Acme Corp\s+owner$/);
    expect(lines[2]).toMatch(/^\s+hobby\s+Hobby Projects\s+owner$/);
  });

  it('colours the table on a terminal unless --no-color', async () => {
    const t = make({ tty: true, env: { PIPES_ORG: 'acme' } });
    expect(await t.run(['org', 'list'])).toBe(0);
    expect(t.stdout()).toContain('\u001b[1mHANDLE');
    expect(await t.run(['org', 'list', '--no-color'])).toBe(0);
    expect(t.stdout()).not.toContain('\u001b[');
  });

  it('shows the role the user has in each org', async () => {
    const t = make({ env: { PIPES_TOKEN: emu().janeToken } });
    expect(await t.run(['org', 'list'])).toBe(0);
    expect(t.stdout()).toBe('acme\tAcme Corp\tmember\n');
  });

  it('fetches every page', async () => {
    const { token } = await emu().makeUser('many-orgs');
    for (let i = 0; i < 105; i++) expect((await api('POST', '/org', { token, body: { handle: `many-${String(i).padStart(3, '0')}` } })).status).toBe(201);
    const t = make({ env: { PIPES_TOKEN: token } });
    expect(await t.run(['org', 'list', '--json'])).toBe(0);
    const handles = (JSON.parse(t.stdout()) as { org: { handle: string } }[]).map((o) => o.org.handle);
    expect(new Set(handles).size).toBe(105);
  });

  it('says how to create an org when there is none', async () => {
    const { token } = await emu().makeUser('no-orgs');
    const t = make({ env: { PIPES_TOKEN: token } });
    expect(await t.run(['org', 'list'])).toBe(0);
    expect(t.stdout()).toBe('');
    expect(t.stderr()).toContain('pipesctl org create');
    expect(await t.run(['org', 'list', '--json'])).toBe(0);
    expect(JSON.parse(t.stdout())).toEqual([]);
  });
});
