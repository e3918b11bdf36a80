import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyInBrowser } from '../../helpers/browser';
import { useCommandTests } from '../../helpers/command-tests';
import { ScriptedPrompter } from '../../helpers/scripted-prompter';

// Logged out unless a test gives a token.
const { emu, hostKey, make } = useCommandTests({ env: { PIPES_TOKEN: undefined } });

describe('auth status', () => {
  it('--json names the user, host, token source and last 4 characters, never the token', async () => {
    const t = make();
    await t.store.setHost(hostKey(), { token: emu().token, user: 'demo', token_kind: 'user', org: 'acme' });
    expect(await t.run(['auth', 'status', '--json'])).toBe(0);
    const status = JSON.parse(t.stdout());
    expect(status).toEqual({
      host: hostKey(),
      api_url: `${emu().url}/api/v0`,
      user: 'demo',
      user_id: expect.stringMatching(/\S/),
      token_source: 'config',
      token_last4: emu().token.slice(-4),
      token_kind: 'user',
      org: 'acme',
      config_problems: [],
      org_access: 'accepted',
      token_expires_at: null,
    });
    expect(t.stdout() + t.stderr()).not.toContain(emu().token);
  });

  it('for people: handle, host, token source and the masked token', async () => {
    const t = make({ env: { PIPES_TOKEN: emu().janeToken } });
    await t.store.setHost(hostKey(), { token: emu().token, user: 'demo' });
    expect(await t.run(['auth', 'status'])).toBe(0);
    expect(t.stdout()).toContain(hostKey());
    expect(t.stdout()).toContain('Logged in as jane');
    expect(t.stdout()).toContain(`Token: ****${emu().janeToken.slice(-4)} (from PIPES_TOKEN)`);
    expect(t.stderr()).toContain('PIPES_TOKEN wins over the login stored');
    expect(t.stdout() + t.stderr()).not.toContain(emu().janeToken);
  });

  it('reports a Turbot CLI login as the token source', async () => {
    const t = make();
    mkdirSync(join(t.homeDir, '.pipes', 'internal'), { recursive: true });
    writeFileSync(join(t.homeDir, '.pipes', 'internal', `${hostKey()}.tptt`), emu().token);
    expect(await t.run(['whoami', '--json'])).toBe(0);
    expect(JSON.parse(t.stdout())).toMatchObject({ user: 'demo', token_source: 'turbot-cli', token_kind: 'temporary' });
  });

  it('exits 4 with how to log in when there is no token', async () => {
    const t = make();
    expect(await t.run(['auth', 'status'])).toBe(4);
    expect(t.stderr()).toContain(`not logged in to ${hostKey()}`);
    expect(t.stderr()).toContain('pipesctl login');
    expect(t.stdout()).toBe('');
  });

  it('exits 4 naming the token source when the host rejects the token', async () => {
    const t = make();
    await t.store.setHost(hostKey(), { token: 'tpt_revokedlongago0000000000', user: 'demo' });
    expect(await t.run(['auth', 'status'])).toBe(4);
    expect(t.stderr()).toContain(`the token from ${t.store.path} was rejected by ${hostKey()}`);
    expect(t.stderr()).toContain('Run `pipesctl login`');

    const json = make({ env: { PIPES_TOKEN: 'tpt_revokedlongago0000000000' } });
    expect(await json.run(['auth', 'status', '--json'])).toBe(4);
    expect(JSON.parse(json.stderr()).error).toMatchObject({ code: 'token_rejected', status: 401 });
  });

  it('whoami is the same command at the top level', async () => {
    const t = make({ env: { PIPES_TOKEN: emu().token } });
    expect(await t.run(['whoami'])).toBe(0);
    const whoami = t.stdout();
    expect(await t.run(['auth', 'status'])).toBe(0);
    expect(t.stdout()).toBe(whoami);
  });

  it('does not say "Logged in" with a tick when the default org rejects the token after a reset: ✗ and exit 4', async () => {
    const t = make();
    await t.store.setHost(hostKey(), { token: emu().token, user: 'demo', token_kind: 'user', org: 'acme' });
    const reset = make({ env: { PIPES_TOKEN: emu().token }, now: new Date(), configDir: t.configDir });
    expect(await reset.run(['org', 'reset-auth', '--org', 'acme', '--confirm', 'acme'])).toBe(0);
    expect(await t.run(['auth', 'status'])).toBe(4);
    expect(t.stdout()).not.toContain('✓');
    expect(t.stdout()).toContain('✗ Logged in as demo, but acme rejects the token');
    expect(t.stderr()).toContain('acme no longer accepts this token');
    expect(await t.run(['auth', 'status', '--json'])).toBe(4);
    expect(JSON.parse(t.stdout())).toMatchObject({ org: 'acme', org_access: 'rejected' });
  });

  it('shows when a temporary (browser) login expires', async () => {
    let code = '';
    const login = make({ tty: true, prompter: new ScriptedPrompter().expectInput('Enter verification code:', () => code), openBrowser: async (url) => void (code = await verifyInBrowser(url)) });
    expect(await login.run(['login'])).toBe(0);
    const t = make({ configDir: login.configDir, homeDir: login.homeDir });
    expect(await t.run(['auth', 'status', '--json'])).toBe(0);
    const status = JSON.parse(t.stdout());
    expect(status.token_kind).toBe('temporary');
    expect(Date.parse(status.token_expires_at)).toBeGreaterThan(Date.now());
    expect(await t.run(['auth', 'status'])).toBe(0);
    expect(t.stdout()).toMatch(/Expires: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(in about/);
  });
});
