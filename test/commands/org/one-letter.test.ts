// Every handle that can be created can be used: one rule (api/rules isHandle) for create,
// --org, switch, profile and delete, in the client and in the emulator.
import { describe, expect, it } from 'vitest';
import { useCommandTests } from '../../helpers/command-tests';
import { orgExists } from './helpers';

const { emu, hostKey, make } = useCommandTests({ env: { NO_COLOR: '1' } });

describe('a one-letter org', () => {
  it('can be created, switched to, shown, used with --org and PIPES_ORG, and deleted', async () => {
    const t = make();
    expect(await t.run(['org', 'create', 'a'])).toBe(0);

    expect(await t.run(['org', 'switch', 'a'])).toBe(0);
    expect(t.store.getHost(hostKey())?.org).toBe('a');

    expect(await t.run(['org', 'profile', '--json'])).toBe(0);
    expect(JSON.parse(t.stdout())).toMatchObject({ handle: 'a' });

    expect(await t.run(['people', 'list', '--org', 'a', '--json'])).toBe(0);
    expect(JSON.parse(t.stdout())).toEqual(expect.any(Array));

    const viaEnv = make({ env: { PIPES_ORG: 'a' } });
    expect(await viaEnv.run(['org', 'profile', '--json'])).toBe(0);

    expect(await t.run(['org', 'delete', 'a', '--confirm', 'a'])).toBe(0);
    expect(await orgExists(emu(), 'a')).toBe(false);
  });

  it('a handle the service cannot create is refused before anything is sent, for --org too', async () => {
    const t = make();
    expect(await t.run(['org', 'profile', '--org', 'a--b'])).toBe(2);
    expect(t.stderr()).toContain('"a--b" is not a valid org handle');
  });
});
