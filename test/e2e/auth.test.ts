// End to end: the built executable (bin/pipesctl.js, built by the global setup) against an
// emulator, with a throw-away config dir and home dir and nothing inherited from the
// developer's environment. The browser login, which needs a terminal, runs in-process.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScriptedPrompter } from '../helpers/scripted-prompter';
import { verifyInBrowser } from '../helpers/browser';
import { runCli, type CliResult } from '../helpers/cli';
import { createTestContext } from '../helpers/context';
import { useFileEmulator } from '../helpers/emulator';

const emu = useFileEmulator();
const hostKey = () => new URL(emu().url).host;

let home: string;
let configDir: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'pipesctl-e2e-home-'));
  configDir = join(home, 'config'); // not there yet: pipesctl creates it
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** The built executable, with this test's home, config dir and emulator. */
function pipesctl(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return runCli(args, { home, configDir, input: opts.input, env: { PIPES_HOST: emu().url, ...opts.env } });
}

describe('pipesctl auth, end to end', () => {
  it('login --with-token stores the token with mode 0600; auth status names it; logout forgets it', async () => {
    const login = await pipesctl(['login', '--with-token'], { input: `${emu().token}\n` });
    expect(login).toMatchObject({ code: 0, stdout: `Logged in to ${hostKey()} as demo\n` });
    const configFile = join(configDir, 'config.json');
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    expect(statSync(configDir).mode & 0o777).toBe(0o700);

    const status = await pipesctl(['auth', 'status', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ host: hostKey(), user: 'demo', token_source: 'config', token_last4: emu().token.slice(-4) });

    expect((await pipesctl(['logout'])).code).toBe(0);
    const after = await pipesctl(['auth', 'status']);
    expect(after.code).toBe(4);
    expect(after.stderr).toContain('pipesctl login');
  });

  it('a bad token exits 4 with a message saying how to log in', async () => {
    const login = await pipesctl(['login', '--with-token'], { input: 'tpt_notarealtoken00000000000000\n' });
    expect(login.code).toBe(4);
    expect(login.stderr).toContain('pipesctl login');

    const env = await pipesctl(['org', 'list'], { env: { PIPES_TOKEN: 'tpt_notarealtoken00000000000000' } });
    expect(env.code).toBe(4);
    expect(env.stderr).toMatch(/PIPES_TOKEN/);
    expect(env.stderr).toContain('pipesctl login');
  });

  it('org switch acme, then org list marks acme current', async () => {
    const env = { PIPES_TOKEN: emu().token };
    expect((await pipesctl(['org', 'switch', 'acme'], { env })).code).toBe(0);
    const list = await pipesctl(['org', 'list'], { env });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^acme\tAcme Corp\towner\tcurrent$/m);
    // No stray tab after the last non-empty column.
    expect(list.stdout).toMatch(/^hobby\tHobby Projects\towner$/m);
  });

  it('--host http://example.com exits 2 and nothing reaches the emulator', async () => {
    const res = await pipesctl(['--host', 'http://example.com', 'org', 'list'], { env: { PIPES_TOKEN: emu().token } });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('http');
    expect(await emu().requests()).toEqual([]);
  });

  it('--debug traces requests but never shows the token', async () => {
    const login = await pipesctl(['--debug', 'login', '--with-token'], { input: emu().token });
    const list = await pipesctl(['--debug', 'org', 'list', '--json']);
    const status = await pipesctl(['--debug', 'auth', 'status']);
    const rejected = await pipesctl(['--debug', 'org', 'list'], { env: { PIPES_TOKEN: `${emu().token}x` } });
    for (const res of [login, list, status]) expect(res.code).toBe(0);
    expect(rejected.code).toBe(4);
    const everything = [login, list, status, rejected].map((r) => r.stdout + r.stderr).join('\n');
    expect(everything).toContain('/api/v0/actor'); // the trace is really there
    expect(everything).not.toContain(emu().token);
  });

  it('usage errors exit 2 with where to get help', async () => {
    const res = await pipesctl(['org', 'list', '--bogus']);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe("unknown option '--bogus'\nRun 'pipesctl org list --help' for usage.\n");
  });
});

describe('pipesctl login (browser), in-process with a person at the terminal', () => {
  it('the person opens the page, presses Verify and types the code; the login then works', async () => {
    let code = '';
    const prompter = new ScriptedPrompter().expectInput('Enter verification code:', () => code);
    const t = createTestContext({
      emulator: emu(),
      tty: true,
      prompter,
      openBrowser: async (url) => {
        code = await verifyInBrowser(url);
      },
    });
    try {
      expect(await t.run(['login'])).toBe(0);
      prompter.assertDone();
      expect(t.stdout()).toContain(`Logged in to ${hostKey()} as demo`);
      expect(statSync(t.store.path).mode & 0o777).toBe(0o600);
      expect(await t.run(['auth', 'status', '--json'])).toBe(0);
      expect(JSON.parse(t.stdout())).toMatchObject({ user: 'demo', token_source: 'config', token_kind: 'temporary' });
      expect(await t.run(['logout'])).toBe(0);
      expect(await t.run(['auth', 'status'])).toBe(4);
    } finally {
      t.cleanup();
    }
  });
});
