// A config directory or file that another user can write (or owns) is not trusted, as ssh
// does with ~/.ssh: every command that reads it says so on stderr, with the fix; a token
// stored in it is never sent (exit 4, nothing in the emulator's log); `auth status` shows it.
import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCommandTests } from '../helpers/command-tests';
import type { TestContext } from '../helpers/context';

const { emu, hostKey, make, sent } = useCommandTests({ env: { PIPES_TOKEN: undefined } });

/** A config with demo's login for the emulator, in a directory of mode `dirMode`. */
function plantConfig(t: TestContext, dirMode: number, fileMode = 0o600): void {
  mkdirSync(t.configDir, { recursive: true });
  chmodSync(t.configDir, dirMode);
  const file = join(t.configDir, 'config.json');
  writeFileSync(file, JSON.stringify({ hosts: { [hostKey()]: { token: emu().token, user: 'demo', org: 'acme' } } }));
  chmodSync(file, fileMode);
}

describe('a config other users can write', () => {
  it('its token is not sent: exit 4, the problem and the chmod that fixes it; warned once; nothing sent', async () => {
    const t = make();
    plantConfig(t, 0o777);
    expect(await t.run(['org', 'list'])).toBe(4);
    expect(t.stdout()).toBe('');
    const lines = t.stderr().trim().split('\n');
    expect(lines[0]).toBe(
      `! the config directory ${t.configDir} is writable by other users (mode 0777): another user could have planted a login or a default org in it, so its token is not used. Fix: chmod 700 ${t.configDir}`,
    );
    expect(lines[1]).toBe(`refusing to send the token stored in ${join(t.configDir, 'config.json')}: the config directory ${t.configDir} is writable by other users (mode 0777)`);
    expect(lines[2]).toContain(`chmod 700 ${t.configDir}`);
    expect(lines).toHaveLength(3);
    expect(await sent()).toEqual([]);
    expect(t.stderr()).not.toContain(emu().token);
  });

  it('--json: stderr is the one error document, code config_unsafe, exit 4', async () => {
    const t = make();
    plantConfig(t, 0o700, 0o666);
    expect(await t.run(['--json', 'people', 'list', '--org', 'acme'])).toBe(4);
    expect(t.stdout()).toBe('');
    const error = JSON.parse(t.stderr());
    expect(error.error).toMatchObject({ code: 'config_unsafe', status: null });
    expect(error.error.message).toContain('is writable by other users (mode 0666)');
    expect(await sent()).toEqual([]);
  });

  // Giving a file to another user takes root (as the tests run in CI).
  it.skipIf(process.getuid?.() !== 0)('a file owned by another user is not trusted either', async () => {
    const t = make();
    plantConfig(t, 0o700);
    chownSync(join(t.configDir, 'config.json'), 4321, 4321);
    expect(await t.run(['org', 'list'])).toBe(4);
    expect(t.stderr()).toContain('is owned by another user (uid 4321)');
    expect(await sent()).toEqual([]);
  });

  it('with PIPES_TOKEN the command runs, still warned; auth status shows the problem (and --json lists it)', async () => {
    const t = make({ env: { PIPES_TOKEN: emu().janeToken } });
    plantConfig(t, 0o777);
    expect(await t.run(['org', 'list'])).toBe(0);
    expect(t.stderr()).toContain(`the config directory ${t.configDir} is writable by other users`);

    expect(await t.run(['auth', 'status'])).toBe(0);
    expect(t.stdout()).toContain(`! Config: the config directory ${t.configDir} is writable by other users (mode 0777); its token is not used (fix: chmod 700 ${t.configDir})`);

    // A new process (store) warns again; with --json, in the document.
    const u = make({ configDir: t.configDir, env: { PIPES_TOKEN: emu().janeToken } });
    expect(await u.run(['auth', 'status', '--json'])).toBe(0);
    const status = JSON.parse(u.stdout());
    expect(status.config_problems).toEqual([`the config directory ${t.configDir} is writable by other users (mode 0777)`]);
    expect(u.stderr()).toBe('');
    expect(status.notices).toEqual([expect.stringContaining(`the config directory ${t.configDir} is writable by other users`)]);
  });

  it('login refuses to store a token there (exit 1, nothing written)', async () => {
    const t = make({ stdin: `${emu().token}\n` });
    mkdirSync(t.configDir, { recursive: true });
    chmodSync(t.configDir, 0o777);
    expect(await t.run(['login', '--with-token'])).toBe(1);
    expect(t.stderr()).toContain(`refusing to store a token in ${join(t.configDir, 'config.json')}: the config directory ${t.configDir} is writable by other users`);
    expect(t.store.getHost(hostKey())).toBeUndefined();
  });

  it('a private config (0700 directory, 0600 file) is used without a word', async () => {
    const t = make();
    plantConfig(t, 0o700);
    expect(await t.run(['org', 'list'])).toBe(0);
    expect(t.stderr()).toBe('');
  });
});
