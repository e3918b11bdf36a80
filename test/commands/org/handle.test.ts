import { describe, expect, it } from 'vitest';
import { CANCEL, ScriptedPrompter } from '../../helpers/scripted-prompter';
import type { HandleJson } from '../../../src/commands/org/handle';
import { workspaceDnsName } from '../../../src/commands/org/handle';
import { useCommandTests } from '../../helpers/command-tests';
import { orgExists } from './helpers';

const WS_HOST = 'usea1.db.pipes.turbot.com';

const kit = useCommandTests({ env: { NO_COLOR: '1' } });
const { emu, hostKey, make } = kit;

/** What was sent, without query strings. */
const sent = async () => (await kit.sent()).map((line) => line.replace(/\?\S*/, ''));

describe('org handle', () => {
  it('renames the org, shows the old → new host name of both workspaces, and the default org follows', async () => {
    const t = make();
    await t.store.setHost(hostKey(), { org: 'acme' });
    expect(await t.run(['org', 'handle', 'acme-corp', '--confirm', 'acme'])).toBe(0);
    const out = t.stdout();
    expect(out).toContain('Renamed acme to acme-corp\n');
    expect(out).toContain('The database host name of all 2 workspaces changed:');
    expect(out).toMatch(new RegExp(`acme-prod\\.${WS_HOST.replace(/\./g, '\\.')} +→  acme-corp-prod\\.${WS_HOST.replace(/\./g, '\\.')}\\n`));
    expect(out).toMatch(new RegExp(`acme-dev\\.${WS_HOST.replace(/\./g, '\\.')} +→  acme-corp-dev\\.${WS_HOST.replace(/\./g, '\\.')}\\n`));
    expect(t.stderr()).toContain(`Default org for ${hostKey()} is now acme-corp`);
    expect(t.store.getHost(hostKey())?.org).toBe('acme-corp');
    expect(await sent()).toEqual(['GET /api/v0/org/acme 200', 'GET /api/v0/org/acme/workspace 200', 'PATCH /api/v0/org/acme 200']);
    expect(await orgExists(emu(), 'acme-corp')).toBe(true);
    expect(await orgExists(emu(), 'acme')).toBe(false);
  });

  it('--json prints the renamed org and the DNS changes', async () => {
    const t = make({ env: { PIPES_ORG: 'acme' } });
    expect(await t.run(['org', 'handle', 'acme-corp', '--confirm', 'acme', '--json'])).toBe(0);
    const result = JSON.parse(t.stdout()) as HandleJson & { notices?: string[] };
    expect(Object.keys(result).sort()).toEqual(['dns_changes', 'notices', 'org']);
    // stderr holds nothing but a JSON error (or nothing): notes are in the document.
    expect(t.stderr()).toBe('');
    expect(result.notices).toEqual(['PIPES_ORG still names acme; set it to acme-corp.']);
    expect(result.org).toMatchObject({ handle: 'acme-corp', display_name: 'Acme Corp' });
    expect(result.dns_changes).toEqual(
      expect.arrayContaining([
        { workspace: 'prod', old: `acme-prod.${WS_HOST}`, new: `acme-corp-prod.${WS_HOST}` },
        { workspace: 'dev', old: `acme-dev.${WS_HOST}`, new: `acme-corp-dev.${WS_HOST}` },
      ]),
    );
    expect(result.dns_changes).toHaveLength(2);
    // PIPES_ORG cannot follow the rename: the user is told (in the document, as above).
  });

  it('an org without workspaces says no host names change', async () => {
    const t = make({ env: { PIPES_ORG: 'hobby' } });
    expect(await t.run(['org', 'handle', 'hobby-projects', '--confirm', 'hobby'])).toBe(0);
    expect(t.stdout()).toContain('hobby has no workspaces, so no database host names changed.');
  });

  it('on a terminal, lists the changes before asking for the current handle', async () => {
    const prompter = new ScriptedPrompter().expectInput('Type acme to confirm:', () => {
      // What is about to change was shown before the question.
      expect(t.stdout()).toContain(`acme-prod.${WS_HOST}  →  acme-corp-prod.${WS_HOST}`);
      expect(t.stderr()).toContain('This will rename the org acme to acme-corp.');
      return 'acme';
    });
    const t = make({ tty: true, prompter, env: { PIPES_ORG: 'acme' } });
    expect(await t.run(['org', 'handle', 'acme-corp'])).toBe(0);
    prompter.assertDone();
    expect(await orgExists(emu(), 'acme-corp')).toBe(true);
  });

  it('a wrong answer at the prompt cancels with exit 3, and Ctrl-C too; nothing is renamed', async () => {
    for (const answer of ['acme-corp', CANCEL] as const) {
      const prompter = new ScriptedPrompter().expectInput('Type acme to confirm:', answer);
      const t = make({ tty: true, prompter, env: { PIPES_ORG: 'acme' } });
      expect(await t.run(['org', 'handle', 'acme-corp'])).toBe(3);
    }
    expect(await orgExists(emu(), 'acme')).toBe(true);
    expect((await sent()).filter((r) => r.startsWith('PATCH'))).toEqual([]);
  });

  it('a handle taken by another user or org is exit 1 with a clear message', async () => {
    const t = make({ env: { PIPES_ORG: 'acme' } });
    expect(await t.run(['org', 'handle', 'jane', '--confirm', 'acme'])).toBe(1);
    expect(t.stderr()).toContain('the handle jane is taken by another user or org; pick another handle');
    expect(await orgExists(emu(), 'acme')).toBe(true);
  });

  it('a member is told they need to be an owner (exit 1)', async () => {
    const t = make({ env: { PIPES_TOKEN: emu().janeToken, PIPES_ORG: 'acme' } });
    expect(await t.run(['org', 'handle', 'acme-corp', '--confirm', 'acme'])).toBe(1);
    expect(t.stderr()).toContain('you need to be an owner of acme to rename it');
    expect(await orgExists(emu(), 'acme')).toBe(true);
  });

  it.each([
    [['Acme_Corp', '--confirm', 'acme'], 'invalid handle'],
    [['acme-', '--confirm', 'acme'], 'invalid handle'],
    [['acme', '--confirm', 'acme'], 'acme is already the org'],
    [['acme-corp'], '--confirm acme required when not running interactively'],
    [['acme-corp', '--confirm', 'hobby'], '--confirm "hobby" does not match "acme"'],
  ])('refuses %j with exit 2 before any request', async (args, message) => {
    const t = make({ env: { PIPES_ORG: 'acme' } });
    expect(await t.run(['org', 'handle', ...args])).toBe(2);
    expect(t.stderr()).toContain(message);
    expect(await emu().requests()).toEqual([]);
  });
});

describe('workspaceDnsName', () => {
  it('is {org}-{workspace}.{host}', () => {
    expect(workspaceDnsName('acme', { handle: 'jon', host: 'usea1.db.steampipe.io' })).toBe('acme-jon.usea1.db.steampipe.io');
  });
});
