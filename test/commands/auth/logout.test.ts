import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCommandTests } from '../../helpers/command-tests';

// Logged out unless a test gives a token.
const { emu, hostKey, make } = useCommandTests({ env: { PIPES_TOKEN: undefined } });

describe('logout', () => {
  it('forgets the token for this host only, keeps the default org, and auth status then exits 4', async () => {
    const t = make();
    await t.store.setHost(hostKey(), { token: emu().token, user: 'demo', token_kind: 'user', org: 'acme' });
    await t.store.setHost('pipes.turbot.com', { token: 'tpt_prod', user: 'demo' });
    expect(await t.run(['logout'])).toBe(0);
    expect(t.stdout()).toBe(`Logged out of ${hostKey()} (demo)\n`);
    expect(t.store.getHost(hostKey())).toEqual({ org: 'acme' });
    expect(t.store.getHost('pipes.turbot.com')?.token).toBe('tpt_prod');
    expect(await t.run(['auth', 'status'])).toBe(4);
  });

  it('is fine when there is nothing to forget', async () => {
    const t = make();
    expect(await t.run(['logout'])).toBe(0);
    expect(t.stdout()).toContain(`Not logged in to ${hostKey()}`);
  });

  it('warns that PIPES_TOKEN and a Turbot CLI login still apply', async () => {
    const t = make({ env: { PIPES_TOKEN: emu().token } });
    await t.store.setHost(hostKey(), { token: emu().token, user: 'demo' });
    mkdirSync(join(t.homeDir, '.pipes', 'internal'), { recursive: true });
    writeFileSync(join(t.homeDir, '.pipes', 'internal', `${hostKey()}.tptt`), emu().janeToken);
    expect(await t.run(['logout'])).toBe(0);
    expect(t.stderr()).toContain('PIPES_TOKEN is set: commands still use that token');
    expect(t.stderr()).toContain(`.pipes/internal/${hostKey()}.tptt`);
  });
});
