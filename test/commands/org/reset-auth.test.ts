import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/api/errors';
import type { Org } from '../../../src/api/types';
import { ScriptedPrompter } from '../../helpers/scripted-prompter';
import { useCommandTests } from '../../helpers/command-tests';

// The emulator refuses a token_min_issued_at in its future and checks tokens against its own
// clock, the real one: the command's clock must be the real one too.
const { emu, hostKey, make, sent } = useCommandTests({ org: 'acme', env: { NO_COLOR: '1' }, now: () => new Date() });

describe('org reset-auth', () => {
  it('sets token_min_issued_at to now; afterwards the old token gets exit 4 for the org', async () => {
    const t = make();
    expect(await t.run(['org', 'reset-auth', '--confirm', 'acme'])).toBe(0);
    expect(t.stdout()).toMatch(/^Reset authentication for acme: tokens issued before \d{4}-\d{2}-\d{2}T[\d:.]+Z no longer work for it\n$/);
    expect(t.stderr()).toContain('PIPES_TOKEN no longer works for acme');
    expect(await sent()).toEqual(['PATCH /api/v0/org/acme 200']);

    const after = make();
    expect(await after.run(['org', 'profile'])).toBe(4);
    expect(after.stderr()).toContain('authentication');
    // Other members' tokens are revoked for the org too; other orgs are untouched.
    const jane = make({ env: { PIPES_TOKEN: emu().janeToken } });
    expect(await jane.run(['org', 'profile'])).toBe(4);
    const hobby = make({ env: { PIPES_ORG: 'hobby' } });
    expect(await hobby.run(['org', 'profile'])).toBe(0);
  });

  it('--json prints the updated org record with its token_min_issued_at', async () => {
    const t = make();
    const before = Date.now();
    expect(await t.run(['org', 'reset-auth', '--confirm', 'acme', '--json'])).toBe(0);
    const org = JSON.parse(t.stdout()) as Org;
    expect(org.handle).toBe('acme');
    expect(Date.parse(org.token_min_issued_at!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(org.token_min_issued_at!)).toBeLessThanOrEqual(Date.now());
  });

  it('keeps a stored browser login that still works for other orgs (GET /actor accepts it), and says so', async () => {
    const t = make({ env: { PIPES_TOKEN: undefined } });
    await t.store.setHost(hostKey(), { token: emu().token, user: 'demo', token_kind: 'temporary', org: 'acme' });
    expect(await t.run(['org', 'reset-auth', '--confirm', 'acme'])).toBe(0);
    expect(t.stderr()).toContain(`Your login for ${hostKey()} no longer works for acme; it is kept, as it still works for your other orgs`);
    expect(t.stderr()).toContain('pipesctl login');
    expect(t.store.getHost(hostKey())?.token).toBe(emu().token);
    expect(await sent()).toEqual(['PATCH /api/v0/org/acme 200', 'GET /api/v0/actor 200']);
    // It does: hobby is untouched.
    const hobby = make({ env: { PIPES_TOKEN: undefined, PIPES_ORG: 'hobby' }, configDir: t.configDir });
    expect(await hobby.run(['org', 'profile'])).toBe(0);
  });

  it('forgets a stored browser login the API then rejects outright (GET /actor 401), and says so', async () => {
    const t = make({
      env: { PIPES_TOKEN: undefined },
      wrapApi: (api) => ({
        ...api,
        actor: {
          ...api.actor,
          get: async () => {
            throw new ApiError(401, { method: 'GET', url: '/api/v0/actor' } as never, { status: 401, title: 'Unauthorized', instance: 'x' } as never);
          },
        },
      }),
    });
    await t.store.setHost(hostKey(), { token: emu().token, user: 'demo', token_kind: 'temporary', org: 'acme' });
    expect(await t.run(['org', 'reset-auth', '--confirm', 'acme'])).toBe(0);
    expect(t.stderr()).toContain(`Your login for ${hostKey()} is no longer accepted, so it has been forgotten`);
    expect(t.store.getHost(hostKey())).toEqual({ org: 'acme' });
  });

  it('--json: the notes are in the document, stderr stays empty', async () => {
    const t = make({ env: { PIPES_TOKEN: undefined } });
    await t.store.setHost(hostKey(), { token: emu().token, user: 'demo', token_kind: 'temporary', org: 'acme' });
    expect(await t.run(['org', 'reset-auth', '--confirm', 'acme', '--json'])).toBe(0);
    expect(t.stderr()).toBe('');
    const doc = JSON.parse(t.stdout()) as Org & { notices: string[] };
    expect(doc.handle).toBe('acme');
    expect(doc.notices).toEqual([expect.stringContaining('no longer works for acme; it is kept')]);
  });

  it('keeps a stored user token, saying it no longer works for the org', async () => {
    const t = make({ env: { PIPES_TOKEN: undefined } });
    await t.store.setHost(hostKey(), { token: emu().token, user: 'demo', token_kind: 'user' });
    expect(await t.run(['org', 'reset-auth', '--confirm', 'acme'])).toBe(0);
    expect(t.stderr()).toContain(`The token stored for ${hostKey()} no longer works for acme`);
    expect(t.store.getHost(hostKey())?.token).toBe(emu().token);
  });

  it('on a terminal, says plainly what happens — you included — before asking for the handle', async () => {
    const prompter = new ScriptedPrompter().expectInput('Type acme to confirm:', () => {
      expect(t.stderr()).toContain('revoke every user and temporary token for acme: everyone, including you, must log in again');
      return 'acme';
    });
    const t = make({ tty: true, prompter });
    expect(await t.run(['org', 'reset-auth'])).toBe(0);
    prompter.assertDone();
    expect(await sent()).toContain('PATCH /api/v0/org/acme 200');
  });

  it('a wrong handle at the prompt is exit 3 and nothing is sent', async () => {
    const t = make({ tty: true, prompter: new ScriptedPrompter().expectInput('Type acme to confirm:', 'hobby') });
    expect(await t.run(['org', 'reset-auth'])).toBe(3);
    expect(await emu().requests()).toEqual([]);
  });

  it('a clock ahead of the server is refused (exit 1) with a hint to check it', async () => {
    const t = make({ now: new Date(Date.now() + 86_400_000) });
    expect(await t.run(['org', 'reset-auth', '--confirm', 'acme'])).toBe(1);
    expect(t.stderr()).toContain('token_min_issued_at');
    expect(t.stderr()).toContain("This computer's clock may be ahead of the server's");
    expect(await sent()).toEqual(['PATCH /api/v0/org/acme 400']);
    const after = make();
    expect(await after.run(['org', 'profile'])).toBe(0);
  });

  it('a member is told they need to be an owner (exit 1); their token still works', async () => {
    const t = make({ env: { PIPES_TOKEN: emu().janeToken } });
    expect(await t.run(['org', 'reset-auth', '--confirm', 'acme'])).toBe(1);
    expect(t.stderr()).toContain('you need to be an owner of acme to reset its authentication');
    expect(await sent()).toEqual(['PATCH /api/v0/org/acme 403']);
    const again = make({ env: { PIPES_TOKEN: emu().janeToken } });
    expect(await again.run(['org', 'profile'])).toBe(0);
  });

  it.each([
    [[], '--confirm acme required when not running interactively'],
    [['--confirm', 'hobby'], '--confirm "hobby" does not match "acme"'],
  ])('refuses %j with exit 2 and sends nothing', async (args, message) => {
    const t = make();
    expect(await t.run(['org', 'reset-auth', ...args])).toBe(2);
    expect(t.stderr()).toContain(message);
    expect(await emu().requests()).toEqual([]);
  });
});
