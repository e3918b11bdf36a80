// End to end: the life of an org, driven through the built executable against an emulator —
// log in, create, switch, profile and avatar, invite, list, change a role, remove, rename,
// usage and billing, reset authentication, log in again, delete. Once in --json mode (exit
// code and JSON at each step) and once in human mode (the key lines of output).
import { deflateSync, crc32 } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, type CliResult, type CliSandbox } from '../helpers/cli';
import { useFileEmulator } from '../helpers/emulator';
import { verifyInBrowser } from '../helpers/browser';

const emu = useFileEmulator();
const hostKey = () => new URL(emu().url).host;

let cli: CliSandbox;
beforeEach(() => {
  cli = cliSandbox(emu().url);
});
afterEach(() => cli.cleanup());

/** Fails with the whole output when the exit code is not the expected one. */
function expectExit(res: CliResult, code: number): CliResult {
  if (res.code !== code) {
    throw new Error(`expected exit ${code}, got ${res.code}\n--- stdout:\n${res.stdout}\n--- stderr:\n${res.stderr}`);
  }
  return res;
}

/** A valid 1x1 PNG (one opaque red pixel), built from its chunks. */
function onePixelPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]); // 1x1, 8-bit RGB
  const pixels = deflateSync(Buffer.from([0, 0xff, 0, 0])); // filter byte, then R G B
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A fresh token for demo from a new sign-in (the login flow, confirmed in the browser page): a
 * token minted with an old token would carry the old token's issue time, which the reset refuses.
 */
async function freshDemoToken(): Promise<string> {
  const made = await fetch(`${emu().url}/api/v0/login/token`, { method: 'POST' });
  const id = ((await made.json()) as { id: string }).id;
  const code = await verifyInBrowser(`${emu().url}/login/token?r=${id}`, { as: 'demo' });
  const res = await fetch(`${emu().url}/api/v0/login/token/${id}?code=${code}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** The org as the API has it now, or the HTTP status when it has none for demo. */
async function apiOrg(handle: string, token = emu().token): Promise<{ status: number; body: any }> {
  const res = await fetch(`${emu().url}/api/v0/org/${handle}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

describe('the life of an org, --json', () => {
  it('login, create, switch, profile, avatar, invite, list, role, remove, rename, reset-auth, log in again, delete', async () => {
    const login = expectExit(await cli.run(['login', '--with-token', '--json'], { input: `${emu().token}\n` }), 0);
    expect(login.json()).toMatchObject({ host: hostKey(), user: 'demo' });

    const created = expectExit(await cli.run(['org', 'create', 'lifeco', '--display-name', 'Life Co', '--json']), 0).json();
    expect(created).toMatchObject({ handle: 'lifeco', display_name: 'Life Co' });
    const defaultAvatar: string = created.avatar_url;
    expect(defaultAvatar).toMatch(/^http/);

    expectExit(await cli.run(['org', 'switch', 'lifeco', '--json']), 0);
    expect(cli.readConfig()?.hosts?.[hostKey()]?.org).toBe('lifeco');

    // No --org from here on: the default set by switch is used.
    const profile = expectExit(
      await cli.run(['org', 'profile', '--display-name', 'Life Company', '--url', 'https://life.example.com', '--json']),
      0,
    ).json();
    expect(profile).toMatchObject({ handle: 'lifeco', display_name: 'Life Company', url: 'https://life.example.com' });
    expect(profile.version_id).toBeGreaterThan(created.version_id);

    const png = join(cli.home, 'logo.png');
    writeFileSync(png, onePixelPng());
    const withAvatar = expectExit(await cli.run(['org', 'profile', '--avatar', png, '--json']), 0).json();
    expect(withAvatar.avatar_url).not.toBe(defaultAvatar);
    const image = await fetch(withAvatar.avatar_url);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(onePixelPng());

    const reset = expectExit(await cli.run(['org', 'profile', '--reset-avatar', '--json']), 0).json();
    expect(reset.avatar_url).toBe(defaultAvatar);

    // One invitee by handle (an existing user), two by email.
    await emu().makeUser('lena');
    const invited = expectExit(await cli.run(['people', 'invite', 'lena', 'sam@example.com', 'tia@example.com', '--json']), 0);
    const bulk = invited.json();
    expect(Object.keys(bulk).sort()).toEqual(['results', 'summary']);
    expect(bulk.summary).toEqual({ invited: 3, skipped: 0, failed: 0 });
    expect(bulk.results.map((r: any) => [r.input, r.outcome, r.member.status, r.member.role])).toEqual([
      ['lena', 'invited', 'invited', 'member'],
      ['sam@example.com', 'invited', 'invited', 'member'],
      ['tia@example.com', 'invited', 'invited', 'member'],
    ]);
    const samHandle: string = bulk.results[1].member.user_handle;
    expect(samHandle).toBeTruthy();

    const listed = expectExit(await cli.run(['people', 'list', '--json']), 0).json();
    const byHandle = new Map<string, any>(listed.map((m: any) => [m.user_handle, m]));
    expect(byHandle.get('demo')).toMatchObject({ role: 'owner', status: 'accepted' });
    for (const h of ['lena', samHandle, bulk.results[2].member.user_handle]) expect(byHandle.get(h)).toMatchObject({ status: 'invited' });
    expect(listed).toHaveLength(4);

    const role = expectExit(await cli.run(['people', 'role', 'lena', 'owner', '--json']), 0).json();
    expect(role).toMatchObject({ user_handle: 'lena', role: 'owner' });

    const removed = expectExit(await cli.run(['people', 'remove', samHandle, '--yes', '--json']), 0).json();
    expect(removed.summary).toMatchObject({ removed: 1, failed: 0 });
    expect(removed.results[0]).toMatchObject({ input: samHandle, outcome: 'removed' });
    const afterRemove = expectExit(await cli.run(['people', 'list', '--json']), 0).json();
    expect(afterRemove.map((m: any) => m.user_handle).sort()).toEqual(['demo', 'lena', bulk.results[2].member.user_handle].sort());
    expect(afterRemove.find((m: any) => m.user_handle === 'lena').role).toBe('owner');

    const renamed = expectExit(await cli.run(['org', 'handle', 'lifeco2', '--confirm', 'lifeco', '--json']), 0).json();
    expect(renamed).toEqual({
      org: expect.objectContaining({ handle: 'lifeco2', id: created.id }),
      dns_changes: [],
      // The default org follows the rename; with --json that note is in the document, not on stderr.
      notices: [expect.stringMatching(/^Default org for .* is now lifeco2\.$/)],
    });
    expect(cli.readConfig()?.hosts?.[hostKey()]?.org).toBe('lifeco2');
    expect((await apiOrg('lifeco')).status).toBe(404);

    const usage = expectExit(await cli.run(['org', 'usage', '--json']), 0).json();
    expect(usage.org).toBe('lifeco2');
    expect(usage.dimensions.map((d: any) => d.dimension)).toEqual(['user', 'compute', 'storage']);
    const billing = expectExit(await cli.run(['org', 'billing', '--json']), 0).json();
    expect(billing).toMatchObject({ org: 'lifeco2', plan: null, invoices: [] });

    const resetAuth = expectExit(await cli.run(['org', 'reset-auth', '--confirm', 'lifeco2', '--json']), 0).json();
    expect(resetAuth.handle).toBe('lifeco2');
    expect(Date.parse(resetAuth.token_min_issued_at)).not.toBeNaN();

    // Every token issued before the reset is refused for this org, the stored login included...
    const refused = expectExit(await cli.run(['org', 'profile', '--json']), 4);
    expect(refused.stdout).toBe('');
    expect(refused.errorJson().error).toMatchObject({ status: 401 });
    // ...but only for this org: acme still answers to the same token.
    expectExit(await cli.run(['org', 'profile', '--org', 'acme', '--json']), 0);

    // A token from a sign-in after the reset works: log in with it.
    const fresh = await freshDemoToken();
    expectExit(await cli.run(['login', '--with-token', '--json'], { input: `${fresh}\n` }), 0);
    const again = expectExit(await cli.run(['org', 'profile', '--json']), 0).json();
    expect(again).toMatchObject({ handle: 'lifeco2', display_name: 'Life Company' });

    const deleted = expectExit(await cli.run(['org', 'delete', 'lifeco2', '--confirm', 'lifeco2', '--json']), 0).json();
    expect(deleted.handle ?? deleted.deleted).toBe('lifeco2');
    expect(cli.readConfig()?.hosts?.[hostKey()]?.org).toBeUndefined();
    const gone = expectExit(await cli.run(['org', 'profile', '--org', 'lifeco2', '--json']), 1);
    expect(gone.errorJson().error).toMatchObject({ status: 404 });
    expect((await apiOrg('lifeco2', fresh)).status).toBe(404);
  });

  it('renaming acme lists its two workspace DNS names, old to new, and the default org follows', async () => {
    expectExit(await cli.run(['login', '--with-token'], { input: emu().token }), 0);
    expectExit(await cli.run(['org', 'switch', 'acme']), 0);

    const renamed = expectExit(await cli.run(['org', 'handle', 'acme-corp', '--confirm', 'acme', '--json']), 0).json();
    expect(renamed.org).toMatchObject({ handle: 'acme-corp', display_name: 'Acme Corp' });
    expect(renamed.dns_changes).toHaveLength(2);
    const byWorkspace = Object.fromEntries(renamed.dns_changes.map((d: any) => [d.workspace, d]));
    for (const ws of ['prod', 'dev']) {
      expect(byWorkspace[ws].old).toMatch(new RegExp(`^acme-${ws}\\.`));
      expect(byWorkspace[ws].new).toBe(byWorkspace[ws].old.replace(/^acme-/, 'acme-corp-'));
    }

    expect(cli.readConfig()?.hosts?.[hostKey()]?.org).toBe('acme-corp');
    const status = expectExit(await cli.run(['auth', 'status', '--json']), 0).json();
    expect(status.org).toBe('acme-corp');
    const orgs = expectExit(await cli.run(['org', 'list', '--json']), 0).json();
    expect(orgs.map((m: any) => m.org.handle).sort()).toEqual(['acme-corp', 'hobby']);
    expect((await apiOrg('acme-corp')).body.handle).toBe('acme-corp');
  });

  it('org usage and org billing on acme: three dimensions against thresholds, the Team plan', async () => {
    const env = { PIPES_TOKEN: emu().token };
    const usage = expectExit(await cli.run(['org', 'usage', '--org', 'acme', '--json'], { env }), 0).json();
    expect(usage.org).toBe('acme');
    expect(usage.dimensions).toHaveLength(3);
    for (const d of usage.dimensions) {
      expect(d).toMatchObject({ dimension: expect.any(String), used: expect.any(Number), status: expect.any(String) });
    }
    expect(usage.dimensions.find((d: any) => d.dimension === 'user').used).toBeGreaterThan(0);

    const billing = expectExit(await cli.run(['org', 'billing', '--org', 'acme', '--json'], { env }), 0).json();
    expect(billing.org).toBe('acme');
    expect(billing.billing.status).toBe('active');
    expect(billing.plan.plan).toMatchObject({ plan: 'team', title: 'Team' });
    expect(billing.invoices.length).toBeGreaterThan(0);
  });
});

describe('the life of an org, human output', () => {
  it('the same steps print what happened, line by line', async () => {
    const login = expectExit(await cli.run(['login', '--with-token'], { input: `${emu().token}\n` }), 0);
    expect(login.stdout).toBe(`Logged in to ${hostKey()} as demo\n`);

    const created = expectExit(await cli.run(['org', 'create', 'lifeco', '--display-name', 'Life Co']), 0);
    expect(created.stdout + created.stderr).toMatch(/^Created org lifeco$/m);

    const switched = expectExit(await cli.run(['org', 'switch', 'lifeco']), 0);
    expect(switched.stdout + switched.stderr).toContain(`Default org for ${hostKey()} is now lifeco`);

    const profile = expectExit(await cli.run(['org', 'profile', '--display-name', 'Life Company', '--url', 'https://life.example.com']), 0);
    expect(profile.stdout).toMatch(/Display name\s+Life Company/);
    expect(profile.stdout).toMatch(/URL\s+https:\/\/life\.example\.com/);

    const png = join(cli.home, 'logo.png');
    writeFileSync(png, onePixelPng());
    const avatar = expectExit(await cli.run(['org', 'profile', '--avatar', png]), 0);
    const uploaded = /Avatar\s+(\S+)/.exec(avatar.stdout)?.[1];
    expect(uploaded).toMatch(/^http/);
    const reset = expectExit(await cli.run(['org', 'profile', '--reset-avatar']), 0);
    const generated = /Avatar\s+(\S+)/.exec(reset.stdout)?.[1];
    expect(generated).toMatch(/^http/);
    expect(generated).not.toBe(uploaded);

    const shown = expectExit(await cli.run(['org', 'profile']), 0);
    expect(shown.stdout).toMatch(/Handle\s+lifeco$/m);
    expect(shown.stdout).toMatch(/Display name\s+Life Company$/m);
    expect(shown.stdout).toContain(generated!);
    expect(shown.stdout).toMatch(/Your role\s+owner$/m);

    await emu().makeUser('lena');
    const invited = expectExit(await cli.run(['people', 'invite', 'lena', 'sam@example.com', 'tia@example.com']), 0);
    const inviteText = invited.stdout + invited.stderr;
    for (const who of ['lena', 'sam@example.com', 'tia@example.com']) expect(inviteText).toContain(`Invited ${who} to lifeco as member`);
    expect(inviteText).toMatch(/3 invited, 0 skipped, 0 failed/);

    // Off a terminal, people list prints tab-separated rows.
    const listed = expectExit(await cli.run(['people', 'list']), 0);
    const rows = listed.stdout.trimEnd().split('\n').map((line) => line.split('\t'));
    expect(rows.map((r) => [r[0], r[2], r[3]])).toEqual([
      ['demo', 'owner', 'accepted'],
      ['lena', 'member', 'invited'],
      ['sam', 'member', 'invited'],
      ['tia', 'member', 'invited'],
    ]);

    const role = expectExit(await cli.run(['people', 'role', 'lena', 'owner']), 0);
    expect(role.stdout + role.stderr).toContain("Changed lena's role in lifeco from member to owner");
    const removed = expectExit(await cli.run(['people', 'remove', 'sam', '--yes']), 0);
    expect(removed.stdout + removed.stderr).toMatch(/sam/);
    const afterRemove = expectExit(await cli.run(['people', 'list']), 0);
    expect(afterRemove.stdout).not.toMatch(/^sam\t/m);
    expect(afterRemove.stdout).toMatch(/^lena\t.*\towner\t/m);

    const renamed = expectExit(await cli.run(['org', 'handle', 'lifeco2', '--confirm', 'lifeco']), 0);
    expect(renamed.stdout).toContain('Renamed lifeco to lifeco2');
    expect(renamed.stdout).toContain('no workspaces');
    expect(renamed.stderr).toContain(`Default org for ${hostKey()} is now lifeco2`);

    const acme = expectExit(await cli.run(['org', 'handle', 'acme2', '--org', 'acme', '--confirm', 'acme']), 0);
    expect(acme.stdout).toMatch(/acme-prod\.\S+\s+→\s+acme2-prod\./);
    expect(acme.stdout).toMatch(/acme-dev\.\S+\s+→\s+acme2-dev\./);

    const usage = expectExit(await cli.run(['org', 'usage', '--org', 'acme2']), 0);
    expect(usage.stdout).toMatch(/^Usage of acme2 from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d/m);
    for (const dim of ['Users', 'Compute', 'Storage']) expect(usage.stdout).toMatch(new RegExp(`^\\s+${dim}\\s`, 'm'));
    const billing = expectExit(await cli.run(['org', 'billing', '--org', 'acme2']), 0);
    expect(billing.stdout).toMatch(/^ *Plan:\s+Team$/m);
    expect(billing.stdout).toMatch(/^ *Status:\s+active$/m);

    const resetAuth = expectExit(await cli.run(['org', 'reset-auth', '--confirm', 'lifeco2']), 0);
    expect(resetAuth.stdout).toContain('Reset authentication for lifeco2');
    expect(resetAuth.stderr).toContain('no longer works for lifeco2');

    const refused = expectExit(await cli.run(['org', 'profile']), 4);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('pipesctl login');

    const fresh = await freshDemoToken();
    expectExit(await cli.run(['login', '--with-token'], { input: `${fresh}\n` }), 0);
    expect(expectExit(await cli.run(['org', 'profile']), 0).stdout).toMatch(/Handle\s+lifeco2$/m);

    const deleted = expectExit(await cli.run(['org', 'delete', 'lifeco2', '--confirm', 'lifeco2']), 0);
    expect(deleted.stdout).toContain('Deleted org lifeco2');
    expect(deleted.stderr).toContain('there is no default now');

    const gone = expectExit(await cli.run(['org', 'profile', '--org', 'lifeco2']), 1);
    expect(gone.stdout).toBe('');
    expect(gone.stderr.split('\n')[0]).toContain('lifeco2 not found');
  });
});
