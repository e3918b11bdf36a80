import { describe, expect, it } from 'vitest';
import type { OrgUser } from '../../../src/api/types';
import { ScriptedPrompter, CANCEL } from '../../helpers/scripted-prompter';
import { watchMemberCalls } from '../../helpers/command-tests';
import { addBulkMembers, membersOf, mutations, usePeopleTests } from './helpers';

const kit = usePeopleTests();

interface Report {
  results: { input: string; outcome: string; member?: OrgUser; error?: { code: string; message: string; status: number | null } }[];
  summary: { removed: number; failed: number };
}

const handles = async () => (await membersOf(kit.emu())).map((m) => m.user_handle).sort();

describe('people remove', () => {
  it('with --yes removes members and cancels invitations, printing the bulk result', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'remove', 'jane', 'dave', '--yes', '--json'])).toBe(0);
    const report = JSON.parse(t.stdout()) as Report;
    expect(report.results.map((r) => [r.input, r.outcome, r.member?.user_handle, r.member?.status])).toEqual([
      ['jane', 'removed', 'jane', 'accepted'],
      ['dave', 'removed', 'dave', 'invited'],
    ]);
    expect(report.summary).toEqual({ removed: 2, failed: 0 });
    expect(await handles()).toEqual(['bob', 'carol', 'demo']);
    expect(mutations(await kit.emu().requests()).map((r) => `${r.method} ${r.path} ${r.status}`).sort()).toEqual([
      'DELETE /api/v0/org/acme/member/dave 200',
      'DELETE /api/v0/org/acme/member/jane 200',
    ]);
  });

  it('says what happened to each person for people', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'remove', 'bob', 'dave', '--yes'])).toBe(0);
    expect(t.stdout()).toBe('Removed bob from acme\nCancelled the invitation of dave to acme\nacme: 2 removed, 0 failed\n');
  });

  it('cancels an invitation named by the email it was sent to', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'remove', 'Dave@Example.com', '--yes', '--json'])).toBe(0);
    expect((JSON.parse(t.stdout()) as Report).results[0]).toMatchObject({ input: 'dave@example.com', outcome: 'removed', member: { user_handle: 'dave' } });
    expect(await handles()).not.toContain('dave');
  });

  it('without a terminal and without --yes: exit 2 naming --yes, nothing sent', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'remove', 'jane'])).toBe(2);
    expect(t.stderr()).toContain('--yes required when not running interactively');
    expect(await kit.emu().requests()).toEqual([]);
  });

  it('checks every handle before sending anything', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'remove', 'jane', 'Not_A_Handle', '--yes'])).toBe(2);
    expect(t.stderr()).toContain('invalid user handle "Not_A_Handle"');
    expect(await kit.emu().requests()).toEqual([]);
  });

  it('on a terminal asks y/N listing who goes; yes removes them', async () => {
    const prompter = new ScriptedPrompter().expectConfirm('Remove these 2 people from acme?', true);
    const t = kit.make({ tty: true, prompter, env: { NO_COLOR: '1' } });
    expect(await t.run(['people', 'remove', 'jane', 'bob'])).toBe(0);
    prompter.assertDone();
    expect(t.stderr()).toContain('About to remove from acme:\n  jane\n  bob\n');
    expect(prompter.asked[0]).toMatchObject({ default: false });
    expect(await handles()).toEqual(['carol', 'dave', 'demo']);
  });

  it('on a terminal, no (or Ctrl-C) cancels: exit 3, no DELETE sent', async () => {
    for (const answer of [false, CANCEL] as const) {
      const prompter = new ScriptedPrompter().expectConfirm('Remove jane from acme?', answer);
      const t = kit.make({ tty: true, prompter });
      expect(await t.run(['people', 'remove', 'jane'])).toBe(3);
      prompter.assertDone();
    }
    expect(mutations(await kit.emu().requests())).toEqual([]);
    expect(await handles()).toContain('jane');
  });

  it('refuses to remove the last owner, explaining why (exit 1)', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'remove', 'demo', '--yes'])).toBe(1);
    expect(t.stderr()).toContain('demo is the last owner of acme: an org must keep at least one owner');
    expect(t.stderr()).toContain('pipesctl people role <handle> owner');
    expect(await t.run(['people', 'remove', 'demo', '--yes', '--json'])).toBe(1);
    expect(JSON.parse(t.stderr()).error).toMatchObject({ code: 'last_owner', status: 409 });
    expect(await handles()).toContain('demo');
  });

  it('partial failure: the others are removed and the exit code is 5; all of several failed is exit 1', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'remove', 'jane', 'nobody', 'demo', '--yes', '--json'])).toBe(5);
    const report = JSON.parse(t.stdout()) as Report;
    expect(report.results.map((r) => [r.input, r.outcome, r.error?.code])).toEqual([
      ['jane', 'removed', undefined],
      ['nobody', 'failed', 'not_found'],
      ['demo', 'failed', 'last_owner'],
    ]);
    expect(report.summary).toEqual({ removed: 1, failed: 2 });
    expect(report.results[1]!.error!.message).toBe('nobody is not a member of acme and has no invitation to it');

    expect(await t.run(['people', 'remove', 'nobody', 'nobody2', '--yes'])).toBe(1); // all of several failed: nothing was done
    expect(t.stdout()).toContain('Could not remove nobody: nobody is not a member of acme');
    expect(t.stderr()).toContain('all 2 removals failed');
  });

  it('a member may not remove anyone: exit 1 with the owner hint', async () => {
    const t = kit.make({ env: { PIPES_TOKEN: kit.emu().janeToken } });
    expect(await t.run(['people', 'remove', 'bob', 'carol', '--yes'])).toBe(1);
    expect(t.stderr()).toContain('the owner role is required');
    expect(await handles()).toContain('bob');
  });

  it('Ctrl-C: the removal in flight finishes, nothing more is sent, the rest is reported as not done, exit 130', async () => {
    await addBulkMembers(kit.emu(), 'acme', 10, { prefix: 'temp' });
    const { t } = watchMemberCalls(kit, 'remove', (n, ctx) => {
      if (n === 2) ctx.interrupt();
    });
    const people = Array.from({ length: 10 }, (_, i) => `temp-${i + 1}`);
    expect(await t.run(['people', 'remove', ...people, '--yes', '--json'])).toBe(130);
    const report = JSON.parse(t.stdout()) as Report;
    expect(report.summary).toEqual({ removed: 2, failed: 8 });
    expect(report.results.slice(2).every((r) => r.error?.code === 'interrupted')).toBe(true);
    expect(mutations(await kit.emu().requests())).toHaveLength(2);
  });
});
