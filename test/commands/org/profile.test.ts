import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Org } from '../../../src/api/types';
import { AVATAR_MAX_BYTES } from '../../../src/core/validate';
import { useCommandTests } from '../../helpers/command-tests';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

const { api, emu, make, sent } = useCommandTests({ org: 'acme' });

let files: string;
beforeAll(() => {
  files = mkdtempSync(join(tmpdir(), 'pipesctl-profile-test-'));
  writeFileSync(join(files, 'logo.png'), PNG);
  writeFileSync(join(files, 'notes.png'), 'not an image at all');
  writeFileSync(join(files, 'huge.png'), Buffer.concat([PNG, Buffer.alloc(AVATAR_MAX_BYTES)]));
  mkdirSync(join(files, 'folder.png'));
});
afterAll(() => rmSync(files, { recursive: true, force: true }));

async function readAcme(): Promise<Org> {
  const t = make();
  expect(await t.run(['org', 'profile', '--json'])).toBe(0);
  return JSON.parse(t.stdout()) as Org;
}

describe('org profile (show)', () => {
  it('shows the handle, names, avatar, creation, plan, billing status and your role', async () => {
    const t = make();
    expect(await t.run(['org', 'profile'])).toBe(0);
    const out = t.stdout();
    expect(out.split('\n')[0]).toBe('Acme Corp (acme)');
    expect(out).toMatch(/Handle +acme\n/);
    expect(out).toMatch(/Display name +Acme Corp\n/);
    expect(out).toMatch(/URL +https:\/\/acme\.example\.com\n/);
    expect(out).toMatch(/Avatar +http:\/\/\S+\n/);
    expect(out).toMatch(/Created +\d{4}-\d{2}-\d{2} \(about .+ ago\)\n/);
    expect(out).toMatch(/Plan +Team\n/);
    expect(out).toMatch(/Billing +active\n/);
    expect(out).toMatch(/Your role +owner\n/);
  });

  it('says so for an org on no paid plan, and shows a member their role', async () => {
    const t = make({ env: { PIPES_ORG: 'hobby' } });
    expect(await t.run(['org', 'profile'])).toBe(0);
    expect(t.stdout()).toMatch(/Plan +none \(no paid plan\)\n/);
    expect(t.stdout()).toMatch(/Billing +preview\n/);

    const jane = make({ env: { PIPES_TOKEN: emu().janeToken } });
    expect(await jane.run(['org', 'profile'])).toBe(0);
    expect(jane.stdout()).toMatch(/Your role +member\n/);
  });

  it('--json prints the org record alone, from one request', async () => {
    const org = await readAcme();
    expect(org).toMatchObject({ handle: 'acme', display_name: 'Acme Corp', url: 'https://acme.example.com', billing: { status: 'active' } });
    expect(org.avatar_url).toMatch(/^http/);
    expect(await sent()).toEqual(['GET /api/v0/org/acme 200']);
  });

  it('an org you do not belong to is exit 1 with a hint', async () => {
    const t = make({ env: { PIPES_TOKEN: emu().janeToken, PIPES_ORG: 'hobby' } });
    expect(await t.run(['org', 'profile'])).toBe(1);
    expect(t.stderr()).toContain('org hobby not found');
  });
});

describe('org profile (change)', () => {
  it('PATCHes only the given fields, after reading the version to send in If-Match', async () => {
    const t = make();
    expect(await t.run(['org', 'profile', '--display-name', '  Acme Corporation '])).toBe(0);
    expect(t.stdout()).toContain('Updated the profile of acme\n');
    expect(t.stdout()).toMatch(/Display name +Acme Corporation\n/);
    expect(t.stdout()).not.toContain('URL');
    expect(await sent()).toEqual(['GET /api/v0/org/acme 200', 'PATCH /api/v0/org/acme 200']);
    expect(await readAcme()).toMatchObject({ display_name: 'Acme Corporation', url: 'https://acme.example.com' });
  });

  it('--json prints the updated org record', async () => {
    const before = await readAcme();
    const t = make();
    expect(await t.run(['org', 'profile', '--display-name', 'Acme Two', '--url', 'https://two.acme.example', '--json'])).toBe(0);
    const org = JSON.parse(t.stdout()) as Org;
    expect(org).toMatchObject({ handle: 'acme', display_name: 'Acme Two', url: 'https://two.acme.example' });
    expect(org.version_id).toBeGreaterThan(before.version_id);
  });

  it('--url "" clears the org\'s URL', async () => {
    const t = make();
    expect(await t.run(['org', 'profile', '--url', '', '--json'])).toBe(0);
    expect(JSON.parse(t.stdout()).url ?? '').toBe('');
    expect((await readAcme()).url ?? '').toBe('');
  });

  it('uploads an avatar and prints the org as it is afterwards, with the new avatar_url', async () => {
    const before = await readAcme();
    await emu().clearRequests();
    const t = make();
    expect(await t.run(['org', 'profile', '--avatar', join(files, 'logo.png'), '--json'])).toBe(0);
    const org = JSON.parse(t.stdout()) as Org;
    expect(org.avatar_url).not.toBe(before.avatar_url);
    expect(await sent()).toEqual(['POST /api/v0/org/acme/avatar 201', 'GET /api/v0/org/acme 200']);
    const image = await fetch(org.avatar_url!);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG);

    const reset = make();
    expect(await reset.run(['org', 'profile', '--reset-avatar'])).toBe(0);
    expect(reset.stdout()).toMatch(new RegExp(`Avatar +${before.avatar_url!.replace(/[.?/]/g, '\\$&')}\\n`));
    expect((await readAcme()).avatar_url).toBe(before.avatar_url);
  });

  it('a change made by someone else between the read and the PATCH is a clear 412, exit 1', async () => {
    // A client whose read is followed by someone else's change, as if two owners raced.
    const t = make({
      wrapApi: (api) => {
        const read = api.orgs.get;
        api.orgs = {
          ...api.orgs,
          get: async (handle) => {
            const org = await read(handle);
            await changeDisplayName('Changed Meanwhile');
            return org;
          },
        };
        return api;
      },
    });
    expect(await t.run(['org', 'profile', '--display-name', 'Mine'])).toBe(1);
    expect(t.stderr()).toContain('the org acme changed since it was read; run again');
    expect(await sent()).toContain('PATCH /api/v0/org/acme 412');
    expect((await readAcme()).display_name).toBe('Changed Meanwhile');
  });

  it('a member gets exit 1 and is told they need to be an owner', async () => {
    const t = make({ env: { PIPES_TOKEN: emu().janeToken } });
    expect(await t.run(['org', 'profile', '--display-name', 'x'])).toBe(1);
    expect(t.stderr()).toContain('you need to be an owner of acme to change its profile');
    expect(t.stderr()).toContain('pipesctl people list --role owner');
    expect(await sent()).toContain('PATCH /api/v0/org/acme 403');
    expect((await readAcme()).display_name).toBe('Acme Corp');
  });

  it('with --json, a member gets the error document with status 403', async () => {
    const t = make({ env: { PIPES_TOKEN: emu().janeToken } });
    expect(await t.run(['org', 'profile', '--reset-avatar', '--json'])).toBe(1);
    expect(JSON.parse(t.stderr())).toMatchObject({
      error: { code: 'forbidden', status: 403, message: expect.stringContaining('you need to be an owner of acme') as string },
    });
    expect(t.stdout()).toBe('');
  });

  it.each([
    [['--display-name', ''], 'invalid display name'],
    [['--display-name', 'two\nlines'], 'invalid display name'],
    [['--url', 'acme.example.com'], 'invalid URL'],
    [['--url', 'javascript:alert(1)'], 'invalid URL'],
    [['--avatar', 'missing.png'], 'does not exist'],
    [['--avatar', 'folder.png'], 'is a directory'],
    [['--avatar', 'huge.png'], 'MiB'],
    [['--avatar', 'notes.png'], 'is not a PNG, JPEG, GIF or WebP image'],
    [['--avatar', 'logo.png', '--reset-avatar'], 'cannot be used with'],
    [['--display-name', 'Fine', '--avatar', 'missing.png'], 'does not exist'],
  ])('refuses %j with exit 2 and sends nothing', async (args, message) => {
    const t = make();
    const resolved = args.map((a) => (a.endsWith('.png') ? join(files, a) : a));
    expect(await t.run(['org', 'profile', ...resolved])).toBe(2);
    expect(t.stderr()).toContain(message);
    expect(await emu().requests()).toEqual([]);
  });
});

async function changeDisplayName(name: string): Promise<void> {
  expect((await api('PATCH', '/org/acme', { body: { display_name: name } })).status).toBe(200);
}
