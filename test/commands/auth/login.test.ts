import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODE_ATTEMPTS } from '../../../src/commands/auth/login';
import { CANCEL, ScriptedPrompter } from '../../helpers/scripted-prompter';
import { verifyInBrowser } from '../../helpers/browser';
import { useCommandTests } from '../../helpers/command-tests';

// Logged out unless a test gives a token.
const { emu, hostKey, make, sent } = useCommandTests({ env: { PIPES_TOKEN: undefined } });

describe('login --with-token', () => {
  it('checks the token with GET /actor and stores it for the host with mode 0600', async () => {
    const t = make({ stdin: `  ${emu().token}\n` });
    expect(await t.run(['login', '--with-token'])).toBe(0);
    expect(t.stdout()).toBe(`Logged in to ${hostKey()} as demo\n`);
    expect(t.store.getHost(hostKey())).toEqual({ token: emu().token, user: 'demo', token_kind: 'user' });
    expect(statSync(t.store.path).mode & 0o777).toBe(0o600);
    expect(await sent()).toEqual(['GET /api/v0/actor 200']);
  });

  it('stores nothing and exits 4 when the host rejects the token', async () => {
    const t = make({ stdin: 'tpt_thisisnotarealtoken000000\n' });
    expect(await t.run(['login', '--with-token'])).toBe(4);
    expect(t.stderr()).toContain('did not accept the token; nothing was stored');
    expect(t.stderr()).toContain('pipesctl login');
    expect(t.store.getHost(hostKey())).toBeUndefined();
  });

  it('exits 2 without sending anything when stdin is empty or holds more than a token', async () => {
    const empty = make({ stdin: '\n' });
    expect(await empty.run(['login', '--with-token'])).toBe(2);
    expect(empty.stderr()).toContain('no token on stdin');
    const two = make({ stdin: 'tpt_a\ntpt_b\n' });
    expect(await two.run(['login', '--with-token'])).toBe(2);
    expect(await emu().requests()).toEqual([]);
  });

  it('warns that PIPES_TOKEN still wins when it is set', async () => {
    const t = make({ stdin: emu().janeToken, env: { PIPES_TOKEN: emu().token } });
    expect(await t.run(['login', '--with-token'])).toBe(0);
    expect(t.stdout()).toContain('as jane');
    expect(t.stderr()).toContain('PIPES_TOKEN is set');
  });

  it('with --json prints who is now logged in, without the token', async () => {
    const t = make({ stdin: emu().token });
    expect(await t.run(['login', '--with-token', '--json'])).toBe(0);
    expect(JSON.parse(t.stdout())).toEqual({ host: hostKey(), user: 'demo', token_kind: 'user', token_last4: emu().token.slice(-4) });
    expect(t.stdout()).not.toContain(emu().token);
  });
});

describe('login (browser and code)', () => {
  it('prints the page, opens it, takes the code from the page and stores a temporary token', async () => {
    let code = '';
    const prompter = new ScriptedPrompter().expectInput('Enter verification code:', () => code);
    const t = make({
      tty: true,
      prompter,
      openBrowser: async (url) => {
        code = await verifyInBrowser(url);
      },
    });
    expect(await t.run(['login'])).toBe(0);
    prompter.assertDone();
    expect(t.stderr()).toMatch(new RegExp(`${emu().url.replace(/[.]/g, '\\.')}/login/token\\?r=\\S+`));
    expect(t.stdout()).toContain(`Logged in to ${hostKey()} as demo`);
    const stored = t.store.getHost(hostKey())!;
    expect(stored).toMatchObject({ user: 'demo', token_kind: 'temporary' });
    expect(stored.token).toBeTruthy();
    expect(stored.token).not.toBe(emu().token);
    // The new token works on its own.
    const status = make({ configDir: t.configDir, homeDir: t.homeDir });
    expect(await status.run(['auth', 'status', '--json'])).toBe(0);
    expect(JSON.parse(status.stdout())).toMatchObject({ user: 'demo', token_source: 'config', token_kind: 'temporary' });
  });

  it('logs in whoever verified the page', async () => {
    let code = '';
    const t = make({
      tty: true,
      prompter: new ScriptedPrompter().expectInput('Enter verification code:', () => code),
      openBrowser: async (url) => {
        code = await verifyInBrowser(url, { as: 'jane' });
      },
    });
    expect(await t.run(['login'])).toBe(0);
    expect(t.store.getHost(hostKey())?.user).toBe('jane');
  });

  it('still works when the browser cannot be opened: the person opens the printed URL', async () => {
    let printed = '';
    const t = make({
      tty: true,
      openBrowser: async () => {
        throw new Error('no display');
      },
      prompter: new ScriptedPrompter().expectInput('Enter verification code:', async () => {
        printed = /(http\S+\/login\/token\?r=\S+)/.exec(t.stderr())![1]!;
        return verifyInBrowser(printed);
      }),
    });
    expect(await t.run(['login'])).toBe(0);
    expect(printed).toContain('/login/token?r=');
    expect(t.stderr()).not.toContain('opened in your browser');
    expect(t.stderr()).toContain('open this URL in a browser');
    expect(t.store.getHost(hostKey())?.token_kind).toBe('temporary');
  });

  it(`gives up after ${CODE_ATTEMPTS} wrong codes with exit 4, never sending a malformed one`, async () => {
    const prompter = new ScriptedPrompter()
      .expectInput('Enter verification code:', '12ab')
      .expectInput('Enter verification code:', '000000')
      .expectInput('Enter verification code:', '111111');
    const t = make({ tty: true, prompter, openBrowser: async (url) => void (await verifyInBrowser(url)) });
    expect(await t.run(['login'])).toBe(4);
    prompter.assertDone();
    expect(t.stderr()).toContain('2 tries left');
    expect(t.stderr()).toContain(`after ${CODE_ATTEMPTS} tries`);
    expect(t.store.getHost(hostKey())).toBeUndefined();
    const redeems = (await emu().requests()).filter((r) => r.method === 'GET' && r.path.startsWith('/api/v0/login/token/'));
    expect(redeems).toHaveLength(2); // the malformed one was never sent
    expect(redeems.every((r) => r.status === 400)).toBe(true);
  });

  it('a wrong code can be followed by the right one', async () => {
    let code = '';
    const prompter = new ScriptedPrompter()
      .expectInput('Enter verification code:', () => (code === '000000' ? '999999' : '000000'))
      .expectInput('Enter verification code:', () => code);
    const t = make({ tty: true, prompter, openBrowser: async (url) => void (code = await verifyInBrowser(url)) });
    expect(await t.run(['login'])).toBe(0);
    expect(t.stderr()).toContain('That code was not accepted. 2 tries left.');
  });

  it('Ctrl-C at the code prompt cancels with exit 3 and stores nothing', async () => {
    const t = make({ tty: true, prompter: new ScriptedPrompter().expectInput('Enter verification code:', CANCEL) });
    expect(await t.run(['login'])).toBe(3);
    expect(t.store.getHost(hostKey())).toBeUndefined();
  });

  it('without a terminal exits 2, pointing at --with-token and PIPES_TOKEN, and sends nothing', async () => {
    const t = make({ tty: false });
    expect(await t.run(['login'])).toBe(2);
    expect(t.stderr()).toContain('--with-token');
    expect(t.stderr()).toContain('PIPES_TOKEN');
    expect(t.openedUrls).toEqual([]);
    expect(await emu().requests()).toEqual([]);
  });
});
