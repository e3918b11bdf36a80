import { describe, expect, it } from 'vitest';
import { CANCEL, ScriptedPrompter } from '../../helpers/scripted-prompter';
import { useCommandTests } from '../../helpers/command-tests';

const { emu, hostKey, make } = useCommandTests();

describe('org switch <handle>', () => {
  it('--json: a warning given after the result joins it as a notice; stderr stays empty', async () => {
    const t = make({ env: { PIPES_ORG: 'acme' } });
    expect(await t.run(['org', 'switch', 'hobby', '--json'])).toBe(0);
    expect(t.stderr()).toBe('');
    const doc = JSON.parse(t.stdout());
    expect(doc.handle).toBe('hobby');
    expect(doc.notices).toEqual(['PIPES_ORG is set to acme, which still wins over the default.']);
  });

  it('checks the org with the API and stores it as the default for the host', async () => {
    const t = make();
    expect(await t.run(['org', 'switch', 'hobby'])).toBe(0);
    expect(t.stdout()).toBe(`Default org for ${hostKey()} is now hobby\n`);
    expect(t.store.getHost(hostKey())).toEqual({ org: 'hobby' });
    expect((await emu().requests()).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v0/org/hobby']);
    expect(t.ctx.resolveOrg()).toBe('hobby');
  });

  it('--json prints the org record', async () => {
    const t = make();
    expect(await t.run(['org', 'switch', 'acme', '--json'])).toBe(0);
    expect(JSON.parse(t.stdout())).toMatchObject({ handle: 'acme', display_name: 'Acme Corp' });
  });

  it('refuses an org you do not belong to with exit 1 and keeps the old default', async () => {
    const t = make({ env: { PIPES_TOKEN: emu().janeToken } });
    await t.store.setHost(hostKey(), { org: 'acme' });
    expect(await t.run(['org', 'switch', 'hobby'])).toBe(1);
    expect(t.stderr()).toContain('org hobby not found');
    expect(t.stderr()).toContain('pipesctl org list');
    expect(t.store.getHost(hostKey())?.org).toBe('acme');
  });

  it('refuses an invalid handle with exit 2 before sending anything', async () => {
    const t = make();
    expect(await t.run(['org', 'switch', 'Acme_Corp'])).toBe(2);
    expect(t.stderr()).toContain('invalid handle');
    expect(await emu().requests()).toEqual([]);
    expect(t.store.getHost(hostKey())).toBeUndefined();
  });

  it('warns when PIPES_ORG will still win over the new default', async () => {
    const t = make({ env: { PIPES_ORG: 'acme' } });
    expect(await t.run(['org', 'switch', 'hobby'])).toBe(0);
    expect(t.stderr()).toContain('PIPES_ORG is set to acme');
  });

  it('needs a token (exit 4)', async () => {
    const t = make({ env: { PIPES_TOKEN: undefined } });
    expect(await t.run(['org', 'switch', 'acme'])).toBe(4);
  });
});

describe('org switch without a handle', () => {
  it('offers a picker on a terminal, with the current org first chosen', async () => {
    const prompter = new ScriptedPrompter().expectSelect('Default org:', (q) => {
      expect(q.choices!.map((c) => c.name)).toEqual(['acme (Acme Corp)', 'hobby (Hobby Projects)']);
      expect(q.default).toBe('acme');
      return 'hobby';
    });
    const t = make({ tty: true, prompter });
    await t.store.setHost(hostKey(), { org: 'acme' });
    expect(await t.run(['org', 'switch'])).toBe(0);
    prompter.assertDone();
    expect(t.store.getHost(hostKey())?.org).toBe('hobby');
  });

  it('Ctrl-C at the picker cancels with exit 3 and changes nothing', async () => {
    const t = make({ tty: true, prompter: new ScriptedPrompter().expectSelect('Default org:', CANCEL) });
    expect(await t.run(['org', 'switch'])).toBe(3);
    expect(t.store.getHost(hostKey())).toBeUndefined();
  });

  it('exits 2 without a terminal, sending nothing', async () => {
    const t = make();
    expect(await t.run(['org', 'switch'])).toBe(2);
    expect(t.stderr()).toContain('pipesctl org switch <handle>');
    expect(await emu().requests()).toEqual([]);
  });
});
