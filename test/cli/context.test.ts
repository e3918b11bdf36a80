import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/api/errors';
import { exitCodeFor } from '../../src/cli/errors';
import { AuthError, CancelledError, UsageError } from '../../src/errors';
import { ScriptedPrompter } from '../helpers/scripted-prompter';
import { useTestContexts, type TestContext } from '../helpers/context';

const make = useTestContexts();

function catching(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

const HOST = 'http://127.0.0.1:7070';

function writeTurbotToken(t: TestContext, hostKey: string, token: string): void {
  mkdirSync(join(t.homeDir, '.pipes', 'internal'), { recursive: true });
  writeFileSync(join(t.homeDir, '.pipes', 'internal', `${hostKey}.tptt`), `${token}\n`);
}

describe('host()', () => {
  it('comes from --host, else PIPES_HOST, else pipes.turbot.com', () => {
    expect(make().ctx.host().apiBase).toBe('https://pipes.turbot.com/api/v0');
    expect(make({ env: { PIPES_HOST: HOST } }).ctx.host().key).toBe('127.0.0.1:7070');
    expect(make({ env: { PIPES_HOST: HOST }, options: { host: 'pipes.example.com' } }).ctx.host().key).toBe('pipes.example.com');
  });

  it('refuses plain http to a non-loopback host with an input error (exit 2)', () => {
    const ctx = make({ options: { host: 'http://example.com' } }).ctx;
    expect(() => ctx.host()).toThrow(InvalidInputError);
    expect(exitCodeFor(catching(() => ctx.host()))).toBe(2);
  });

  it('says where the host came from', () => {
    expect(make().ctx.hostSource()).toBe('default');
    expect(make({ env: { PIPES_HOST: HOST } }).ctx.hostSource()).toBe('env');
    expect(make({ env: { PIPES_HOST: HOST }, options: { host: 'pipes.example.com' } }).ctx.hostSource()).toBe('flag');
  });
});

describe('credentials()', () => {
  it('prefers PIPES_TOKEN, then the stored login for the host, then the Turbot CLI login file', async () => {
    const t = make({ env: { PIPES_HOST: HOST, PIPES_TOKEN: ' tpt_env \n' } });
    writeTurbotToken(t, '127.0.0.1:7070', 'tpt_turbot');
    await t.store.setHost('127.0.0.1:7070', { token: 'tpt_stored', token_kind: 'user' });
    expect(t.ctx.credentials()).toEqual({ token: 'tpt_env', source: 'env' });

    const noEnv = make({ env: { PIPES_HOST: HOST }, configDir: t.configDir, homeDir: t.homeDir });
    expect(noEnv.ctx.credentials()).toEqual({ token: 'tpt_stored', source: 'config', kind: 'user' });

    await t.store.clearToken('127.0.0.1:7070');
    const turbotOnly = make({ env: { PIPES_HOST: HOST }, configDir: t.configDir, homeDir: t.homeDir });
    expect(turbotOnly.ctx.credentials()).toEqual({ token: 'tpt_turbot', source: 'turbot-cli', kind: 'temporary' });
  });

  it('keeps logins of different hosts apart', async () => {
    const t = make({ env: { PIPES_HOST: HOST } });
    await t.store.setHost('pipes.turbot.com', { token: 'tpt_prod' });
    expect(t.ctx.credentials()).toBeUndefined();
    expect(make({ configDir: t.configDir }).ctx.credentials()?.token).toBe('tpt_prod');
  });

  it('ignores an empty PIPES_TOKEN', async () => {
    const t = make({ env: { PIPES_HOST: HOST, PIPES_TOKEN: '  ' } });
    await t.store.setHost('127.0.0.1:7070', { token: 'tpt_stored' });
    expect(t.ctx.credentials()?.source).toBe('config');
  });

  it('api() without any token is an AuthError naming the host and how to log in', () => {
    const t = make({ env: { PIPES_HOST: HOST } });
    expect(() => t.ctx.api()).toThrow(AuthError);
    expect(() => t.ctx.api()).toThrow('not logged in to 127.0.0.1:7070 — run `pipesctl login` or set PIPES_TOKEN');
  });
});

describe('resolveOrg()', () => {
  it('takes the argument or --org, then PIPES_ORG, then the stored default for the host', async () => {
    const t = make({ env: { PIPES_HOST: HOST, PIPES_ORG: 'from-env' }, options: { org: 'from-flag' } });
    await t.store.setHost('127.0.0.1:7070', { org: 'stored' });
    expect(t.ctx.resolveOrg('from-arg')).toBe('from-arg');
    expect(t.ctx.resolveOrg()).toBe('from-flag');
    const envOnly = make({ env: { PIPES_HOST: HOST, PIPES_ORG: 'from-env' }, configDir: t.configDir });
    expect(envOnly.ctx.resolveOrg()).toBe('from-env');
    const storedOnly = make({ env: { PIPES_HOST: HOST }, configDir: t.configDir });
    expect(storedOnly.ctx.resolveOrg()).toBe('stored');
    const otherHost = make({ configDir: t.configDir });
    expect(otherHost.ctx.currentOrg()).toBeUndefined();
  });

  it('without any org, names --org, PIPES_ORG and `pipesctl org switch`', () => {
    const t = make({ env: { PIPES_HOST: HOST } });
    let err: unknown;
    try {
      t.ctx.resolveOrg();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toMatch(/--org.*PIPES_ORG.*pipesctl org switch/);
  });

  it('rejects something that cannot be a handle before anything is sent', () => {
    expect(() => make({ env: { PIPES_ORG: 'Not An Org' } }).ctx.resolveOrg()).toThrow(UsageError);
  });
});

describe('canPrompt()', () => {
  it('needs both stdin and stdout to be terminals', () => {
    const t = make({ tty: true });
    expect(t.ctx.canPrompt()).toBe(true);
    t.streams.io.stdinIsTTY = false;
    expect(t.ctx.canPrompt()).toBe(false);
    t.streams.io.stdinIsTTY = true;
    t.streams.io.stdoutIsTTY = false;
    expect(t.ctx.canPrompt()).toBe(false);
  });
});

describe('confirmByTyping()', () => {
  const confirm = { target: 'acme', action: 'delete the org acme' };

  it('accepts a matching --confirm without asking', async () => {
    const t = make({ tty: true });
    await t.ctx.confirmByTyping({ ...confirm, confirmFlag: 'acme' });
    expect(t.prompter.asked).toEqual([]);
  });

  it('refuses a --confirm that names something else (usage, exit 2), without asking', async () => {
    const t = make({ tty: true });
    const err = await t.ctx.confirmByTyping({ ...confirm, confirmFlag: 'acme-prod' }).catch((e) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.exitCode).toBe(2);
    expect(t.prompter.asked).toEqual([]);
  });

  it('on a terminal, goes ahead when the person types the target', async () => {
    const t = make({ tty: true, prompter: new ScriptedPrompter().expectInput('Type acme to confirm:', 'acme') });
    await t.ctx.confirmByTyping({ ...confirm, confirmFlag: undefined });
    t.prompter.assertDone();
    expect(t.stderr()).toContain('This will delete the org acme.');
  });

  it('on a terminal, a wrong answer cancels (exit 3)', async () => {
    const t = make({ tty: true, prompter: new ScriptedPrompter().expectInput('Type acme to confirm:', 'acme-prod') });
    const err = await t.ctx.confirmByTyping({ ...confirm, confirmFlag: undefined }).catch((e) => e);
    expect(err).toBeInstanceOf(CancelledError);
    expect(err.exitCode).toBe(3);
  });

  it('without a terminal, fails (exit 2) naming --confirm <target>', async () => {
    const t = make({ tty: false });
    const err = await t.ctx.confirmByTyping({ ...confirm, confirmFlag: undefined }).catch((e) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('--confirm acme');
    expect(t.prompter.asked).toEqual([]);
  });
});

describe('confirmYesNo()', () => {
  const question = 'Remove jane from acme?';

  it('goes ahead with --yes, without asking', async () => {
    const t = make({ tty: true });
    await t.ctx.confirmYesNo({ question, yes: true });
    expect(t.prompter.asked).toEqual([]);
  });

  it('on a terminal, goes ahead on yes and cancels (exit 3) on no', async () => {
    const yes = make({ tty: true, prompter: new ScriptedPrompter().expectConfirm(question, true) });
    await yes.ctx.confirmYesNo({ question, yes: false });
    yes.prompter.assertDone();
    const no = make({ tty: true, prompter: new ScriptedPrompter().expectConfirm(question, false) });
    const err = await no.ctx.confirmYesNo({ question, yes: false }).catch((e) => e);
    expect(err).toBeInstanceOf(CancelledError);
    expect(err.exitCode).toBe(3);
  });

  it('without a terminal, fails (exit 2) naming the flag', async () => {
    const t = make();
    const err = await t.ctx.confirmYesNo({ question, yes: false, flag: '--yes' }).catch((e) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toContain('--yes');
  });
});

describe('openBrowser()', () => {
  it('is best effort: a browser that cannot be opened is not an error', async () => {
    const t = make({
      openBrowser: async () => {
        throw new Error('no display');
      },
    });
    expect(await t.ctx.openBrowser('https://pipes.turbot.com/login/token?r=x')).toBe(false);
  });
});
