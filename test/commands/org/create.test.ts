import { describe, expect, it } from 'vitest';
import type { Org } from '../../../src/api/types';
import { useCommandTests } from '../../helpers/command-tests';

const { emu, hostKey, make, sent } = useCommandTests();

describe('org create', () => {
  it('creates the org and says so', async () => {
    const t = make();
    expect(await t.run(['org', 'create', 'acme-labs', '--display-name', 'Acme Labs', '--url', 'https://labs.acme.example'])).toBe(0);
    expect(t.stdout()).toContain('Created org acme-labs\n');
    expect(t.stdout()).toContain('pipesctl org switch acme-labs');
    expect(await sent()).toEqual(['POST /api/v0/org 201']);

    const check = make();
    expect(await check.run(['org', 'profile', '--org', 'acme-labs', '--json'])).toBe(0);
    expect(JSON.parse(check.stdout())).toMatchObject({ handle: 'acme-labs', display_name: 'Acme Labs', url: 'https://labs.acme.example' });
  });

  it('--json prints the created org record as the API returned it', async () => {
    const t = make();
    expect(await t.run(['org', 'create', 'acme-labs', '--json'])).toBe(0);
    const org = JSON.parse(t.stdout()) as Org;
    expect(org).toMatchObject({ handle: 'acme-labs', display_name: 'acme-labs', version_id: expect.any(Number) as number });
    expect(org.id).toMatch(/^o_/);
    expect(t.stderr()).toBe('');
  });

  it('--switch makes it the default org for the host', async () => {
    const t = make();
    expect(await t.run(['org', 'create', 'acme-labs', '--switch'])).toBe(0);
    expect(t.stdout()).toContain(`Default org for ${hostKey()} is now acme-labs`);
    expect(t.store.getHost(hostKey())?.org).toBe('acme-labs');
  });

  it('an existing org of yours fails by default, with exit 1 and a way out', async () => {
    const t = make();
    await t.store.setHost(hostKey(), { org: 'hobby' });
    expect(await t.run(['org', 'create', 'acme', '--switch'])).toBe(1);
    expect(t.stderr()).toContain('org acme already exists');
    expect(t.stderr()).toContain('--if-exists skip');
    expect(t.store.getHost(hostKey())?.org).toBe('hobby');
  });

  it('--if-exists skip: an org you belong to is success; the POST answered 409 is followed by a GET, never a second POST', async () => {
    const t = make();
    expect(await t.run(['org', 'create', 'acme', '--if-exists', 'skip', '--json'])).toBe(0);
    expect(JSON.parse(t.stdout())).toMatchObject({ handle: 'acme', display_name: 'Acme Corp', notices: ['acme already exists; nothing to do'] });
    expect(t.stderr()).toBe('');
    expect(await sent()).toEqual(['POST /api/v0/org 409', 'GET /api/v0/org/acme 200']);
  });

  it('--if-exists skip in human mode says there was nothing to do, and --switch still switches', async () => {
    const t = make();
    expect(await t.run(['org', 'create', 'hobby', '--if-exists', 'skip', '--switch'])).toBe(0);
    expect(t.stderr()).toContain('hobby already exists; nothing to do');
    expect(t.stdout()).not.toContain('Created');
    expect(t.store.getHost(hostKey())?.org).toBe('hobby');
  });

  it('a handle taken by someone else fails with exit 1 even with --if-exists skip', async () => {
    const jane = make({ env: { PIPES_TOKEN: emu().janeToken } });
    expect(await jane.run(['org', 'create', 'janeco'])).toBe(0);
    await emu().clearRequests();

    const t = make();
    expect(await t.run(['org', 'create', 'janeco', '--if-exists', 'skip'])).toBe(1);
    expect(t.stderr()).toContain('the handle janeco is taken by another user or org; pick another handle');
    expect(await sent()).toEqual(['POST /api/v0/org 409', 'GET /api/v0/org/janeco 404']);
  });

  it('a user handle is taken too (handles are unique across users and orgs)', async () => {
    const t = make();
    expect(await t.run(['org', 'create', 'jane', '--json'])).toBe(1);
    expect(JSON.parse(t.stderr())).toMatchObject({ error: { code: 'conflict', status: 409, message: expect.stringContaining('taken') as string } });
    expect(t.stdout()).toBe('');
  });

  it.each([
    [['Acme_Corp'], 'invalid handle'],
    [['acme-'], 'invalid handle'],
    [['acme--labs'], 'invalid handle'],
    [['a'.repeat(40)], 'invalid handle'],
    [['acme-labs', '--url', 'ftp://labs.acme.example'], 'invalid URL'],
    [['acme-labs', '--url', 'labs.acme.example'], 'invalid URL'],
    [['acme-labs', '--display-name', '   '], 'invalid display name'],
    [['acme-labs', '--display-name', 'x'.repeat(101)], 'invalid display name'],
    [['acme-labs', '--if-exists', 'overwrite'], 'invalid --if-exists'],
  ])('refuses bad input %j with exit 2 and sends nothing', async (args, message) => {
    const t = make();
    expect(await t.run(['org', 'create', ...args])).toBe(2);
    expect(t.stderr()).toContain(message);
    expect(await emu().requests()).toEqual([]);
  });

  it('needs a token (exit 4)', async () => {
    const t = make({ env: { PIPES_TOKEN: undefined } });
    expect(await t.run(['org', 'create', 'acme-labs'])).toBe(4);
    expect(await emu().requests()).toEqual([]);
  });

  it('shows examples in its help', async () => {
    const t = make();
    expect(await t.run(['org', 'create', '--help'])).toBe(0);
    expect(t.stdout()).toContain('Examples:');
    expect(t.stdout()).toContain('--if-exists skip');
  });
});
