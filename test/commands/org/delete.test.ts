import { describe, expect, it } from 'vitest';
import type { Org } from '../../../src/api/types';
import { ScriptedPrompter } from '../../helpers/scripted-prompter';
import { useCommandTests } from '../../helpers/command-tests';
import { orgExists } from './helpers';

const { emu, hostKey, make, sent } = useCommandTests({ env: { NO_COLOR: '1' } });

const deletesSent = () => sent((r) => r.method === 'DELETE');

describe('org delete', () => {
  it('deletes the named org with --confirm', async () => {
    const t = make();
    expect(await t.run(['org', 'delete', 'hobby', '--confirm', 'hobby'])).toBe(0);
    expect(t.stdout()).toBe('Deleted org hobby\n');
    expect(await deletesSent()).toEqual(['DELETE /api/v0/org/hobby 200']);
    expect(await orgExists(emu(), 'hobby')).toBe(false);
  });

  it('--json prints the deleted org record', async () => {
    const t = make();
    expect(await t.run(['org', 'delete', 'hobby', '--confirm', 'hobby', '--json'])).toBe(0);
    const org = JSON.parse(t.stdout()) as Org;
    expect(org).toMatchObject({ handle: 'hobby', display_name: 'Hobby Projects' });
    expect(org.deleted_at).toEqual(expect.any(String));
  });

  it('--json prints {"deleted": handle} when the API answers without a body (204)', async () => {
    // The real client, with the org deleted as usual but the answer's body dropped, as a 204 has none.
    const t = make({
      wrapApi: (api) => {
        const remove = api.orgs.delete;
        api.orgs = { ...api.orgs, delete: async (handle, o) => void (await remove(handle, o)) };
        return api;
      },
    });
    expect(await t.run(['org', 'delete', 'hobby', '--confirm', 'hobby', '--json'])).toBe(0);
    expect(JSON.parse(t.stdout())).toEqual({ deleted: 'hobby' });
    expect(await orgExists(emu(), 'hobby')).toBe(false);
  });

  it('deletes the default org when no handle is given, and clears the default', async () => {
    const t = make();
    await t.store.setHost(hostKey(), { org: 'hobby' });
    expect(await t.run(['org', 'delete', '--confirm', 'hobby'])).toBe(0);
    expect(t.stderr()).toContain(`hobby was your default org for ${hostKey()}; there is no default now`);
    expect(t.store.getHost(hostKey())).toEqual({});
    expect(await orgExists(emu(), 'hobby')).toBe(false);
  });

  it('keeps the default when another org is deleted', async () => {
    const t = make();
    await t.store.setHost(hostKey(), { org: 'acme' });
    expect(await t.run(['org', 'delete', 'hobby', '--confirm', 'hobby'])).toBe(0);
    expect(t.store.getHost(hostKey())?.org).toBe('acme');
    expect(t.stderr()).toBe('');
  });

  it('without a terminal and without --confirm: exit 2, naming the flag, and no DELETE', async () => {
    const t = make();
    expect(await t.run(['org', 'delete', 'hobby'])).toBe(2);
    expect(t.stderr()).toContain('--confirm hobby required when not running interactively');
    expect(await emu().requests()).toEqual([]);
    expect(await orgExists(emu(), 'hobby')).toBe(true);
  });

  it('--confirm naming another org: exit 2 and no DELETE', async () => {
    const t = make({ env: { PIPES_ORG: 'acme' } });
    expect(await t.run(['org', 'delete', '--confirm', 'hobby'])).toBe(2);
    expect(t.stderr()).toContain('--confirm "hobby" does not match "acme"');
    expect(await emu().requests()).toEqual([]);
    expect(await orgExists(emu(), 'acme')).toBe(true);
  });

  it('at a terminal prompt, a wrong handle cancels with exit 3 and the org stays', async () => {
    const prompter = new ScriptedPrompter().expectInput('Type hobby to confirm:', 'hobb');
    const t = make({ tty: true, prompter });
    expect(await t.run(['org', 'delete', 'hobby'])).toBe(3);
    prompter.assertDone();
    expect(t.stderr()).toContain('This will delete the org hobby and everything in it');
    expect(t.stderr()).toContain('"hobb" does not match "hobby"; nothing was changed.');
    expect(await deletesSent()).toEqual([]);
    expect(await orgExists(emu(), 'hobby')).toBe(true);
  });

  it('at a terminal prompt, the right handle deletes the org', async () => {
    const prompter = new ScriptedPrompter().expectInput('Type hobby to confirm:', 'hobby');
    const t = make({ tty: true, prompter });
    expect(await t.run(['org', 'delete', 'hobby'])).toBe(0);
    prompter.assertDone();
    expect(await deletesSent()).toEqual(['DELETE /api/v0/org/hobby 200']);
    expect(await orgExists(emu(), 'hobby')).toBe(false);
  });

  it('a member is told they need to be an owner (exit 1), and the org stays', async () => {
    const t = make({ env: { PIPES_TOKEN: emu().janeToken } });
    expect(await t.run(['org', 'delete', 'acme', '--confirm', 'acme'])).toBe(1);
    expect(t.stderr()).toContain('you need to be an owner of acme to delete it');
    expect(await deletesSent()).toEqual(['DELETE /api/v0/org/acme 403']);
    expect(await orgExists(emu(), 'acme')).toBe(true);
  });

  it('an org you cannot see is exit 1 with the not-found explanation', async () => {
    const t = make({ env: { PIPES_TOKEN: emu().janeToken } });
    expect(await t.run(['org', 'delete', 'hobby', '--confirm', 'hobby'])).toBe(1);
    expect(t.stderr()).toContain('org hobby not found');
    expect(await orgExists(emu(), 'hobby')).toBe(true);
  });

  it('refuses an invalid handle with exit 2 before sending anything', async () => {
    const t = make();
    expect(await t.run(['org', 'delete', 'Hobby!', '--confirm', 'Hobby!'])).toBe(2);
    expect(await emu().requests()).toEqual([]);
  });

  it('with no org anywhere, asks for one (exit 2)', async () => {
    const t = make();
    expect(await t.run(['org', 'delete', '--confirm', 'acme'])).toBe(2);
    expect(t.stderr()).toContain('no org given');
    expect(await emu().requests()).toEqual([]);
  });
});
