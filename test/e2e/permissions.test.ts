// End to end: jane, a plain member of acme (her token from GET /_emulator/seed, in
// PIPES_TOKEN), tries what only owners may do. Each attempt reaches the API, is refused with
// 403, exits 1 and says that an owner of acme is needed; acme is left as it was.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { useFileEmulator } from '../helpers/emulator';

const emu = useFileEmulator();

const asJane = (args: string[]) => runCli(args, { env: { PIPES_HOST: emu().url, PIPES_TOKEN: emu().janeToken, PIPES_ORG: 'acme' } });

/** acme and its members, as demo (an owner) sees them. */
async function acmeState(): Promise<unknown> {
  const get = async (path: string) => {
    const res = await fetch(`${emu().url}/api/v0${path}`, { headers: { authorization: `Bearer ${emu().token}` } });
    expect(res.status).toBe(200);
    return res.json();
  };
  return { org: await get('/org/acme'), members: await get('/org/acme/member?limit=100') };
}

const ownerOnly: { name: string; args: string[]; method: string }[] = [
  { name: 'org delete', args: ['org', 'delete', 'acme', '--confirm', 'acme'], method: 'DELETE' },
  { name: 'people invite', args: ['people', 'invite', 'x@example.com'], method: 'POST' },
  { name: 'org reset-auth', args: ['org', 'reset-auth', '--confirm', 'acme'], method: 'PATCH' },
  { name: 'org handle', args: ['org', 'handle', 'newname', '--confirm', 'acme'], method: 'PATCH' },
  { name: 'people remove', args: ['people', 'remove', 'bob', '--yes'], method: 'DELETE' },
  { name: 'people role', args: ['people', 'role', 'bob', 'owner'], method: 'PATCH' },
  { name: 'org profile (change)', args: ['org', 'profile', '--display-name', 'Jane Corp'], method: 'PATCH' },
];

describe('a member of acme trying what only owners may do', () => {
  it.each(ownerOnly)('$name → exit 1, "owner of acme" needed, refused by the API', async ({ args, method }) => {
    const before = await acmeState();
    await emu().clearRequests();

    const res = await asJane(args);
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toBe('');
    const first = res.stderr.split('\n')[0]!;
    expect(first).toMatch(/\bowner\b/);
    expect(first).toContain('acme');

    // It was the server that refused: the attempt was sent once and answered 403.
    const attempts = (await emu().requests()).filter((r) => r.method === method);
    expect(attempts.map((r) => r.status)).toEqual([403]);
    expect(await acmeState()).toEqual(before);
  });

  it.each(ownerOnly)('$name --json → {"error": {"code", "status": 403}} on stderr', async ({ args }) => {
    const res = await asJane([...args, '--json']);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    const { error } = res.errorJson();
    expect(error.status).toBe(403);
    expect(error.code).toMatch(/^[a-z][a-z_]*$/);
    expect(error.message).toMatch(/\bowner\b/);
  });

  it('what a member may do, she can: read the profile and the member list', async () => {
    const profile = await asJane(['org', 'profile', '--json']);
    expect(profile.code, profile.stderr).toBe(0);
    expect(profile.json().handle).toBe('acme');
    const people = await asJane(['people', 'list', '--json']);
    expect(people.code, people.stderr).toBe(0);
    expect(people.json().map((m: { user_handle: string }) => m.user_handle)).toContain('jane');
  });
});
