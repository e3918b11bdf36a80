// The API's field rules (api/rules) as commands apply them: every handle that can be created
// can be used (create, --org, switch, profile, delete), and input with control characters is
// refused before anything is sent.
import { describe, expect, it } from 'vitest';
import { useCommandTests } from '../helpers/command-tests';
import { orgExists } from './org/helpers';

const { emu, hostKey, make, sent } = useCommandTests({ env: { NO_COLOR: '1' } });

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

describe('control characters in input', () => {
  it.each([
    ['an email with an escape sequence', ['people', 'invite', 'x\u001b[31m@e.com', '--org', 'acme']],
    ['an email with a bidi override', ['people', 'invite', 'ana\u202e@e.com', '--org', 'acme']],
    ['a handle with an escape sequence', ['people', 'invite', 'ana\u001b[31m', '--org', 'acme']],
  ])('%s is refused with exit 2 and nothing sent', async (_what, argv) => {
    const t = make();
    expect(await t.run(argv)).toBe(2);
    expect(t.stderr()).not.toMatch(/\u001b|\u202e/);
    expect(await sent((r) => r.method === 'POST')).toEqual([]);
  });
});
