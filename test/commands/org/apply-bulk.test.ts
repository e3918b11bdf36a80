// org apply with many changes: sent through the bounded runner of the bulk commands (at most
// --concurrency at a time, step by step), stopped cleanly by Ctrl-C.
import { describe, expect, it } from 'vitest';
import type { ApplyJson } from '../../../src/commands/org/apply';
import type { TestContext } from '../../helpers/context';
import { isMutation, useCommandTests, watchMemberCalls } from '../../helpers/command-tests';

const kit = useCommandTests();

function teamFile(count: number, extra = ''): { file: string; emails: string[] } {
  const emails = Array.from({ length: count }, (_, i) => `crew${i}@example.com`);
  const people = emails.map((e) => `  - email: ${e}\n`).join('');
  return {
    emails,
    file: kit.file('acme.yaml', `org:\n  handle: acme\npeople:\n  - handle: demo\n    role: owner\n${extra}${people}`),
  };
}

/** A context whose invitations are counted while in flight; `onInvite(n)` runs as the n-th starts. */
function watched(onInvite?: (n: number, t: TestContext) => void): { t: TestContext; peak: () => number } {
  return watchMemberCalls(kit, 'invite', onInvite);
}

describe('org apply with many people', () => {
  it('invites them several at a time, at most --concurrency, and reports every change in plan order', async () => {
    const { file, emails } = teamFile(24);
    const { t, peak } = watched();
    expect(await t.run(['org', 'apply', '-f', file, '--yes', '--concurrency', '4', '--json'])).toBe(0);
    const out = JSON.parse(t.stdout()) as ApplyJson;
    expect(out.results.map((r) => [r.target, r.outcome])).toEqual(emails.map((e) => [e, 'applied']));
    expect(peak()).toBeGreaterThan(1);
    expect(peak()).toBeLessThanOrEqual(4);
  });

  it('keeps the steps in order: every invitation and promotion before any demotion or removal', async () => {
    const { file } = teamFile(10, '  - handle: jane\n    role: owner\n  - handle: carol\n');
    const t = kit.make();
    expect(await t.run(['org', 'apply', '-f', file, '--prune', '--yes'])).toBe(0);
    const changes = await kit.sent((r) => isMutation(r) && r.path.startsWith('/api/v0/'));
    const firstRemoval = changes.findIndex((c) => c.startsWith('DELETE'));
    const lastAddition = changes.map((c) => c.startsWith('POST') || c.includes('PATCH')).lastIndexOf(true);
    expect(firstRemoval).toBeGreaterThan(-1);
    expect(lastAddition).toBeLessThan(firstRemoval);
    // More than 20 changes would be summarised; 13 are listed one by one.
    expect(t.stdout()).toContain('Applied 13 changes to acme.');
  });

  it('more than 20 changes: the failures and the outcome instead of a line each', async () => {
    const { file } = teamFile(22);
    const t = kit.make();
    expect(await t.run(['org', 'apply', '-f', file, '--yes'])).toBe(0);
    const after = t.stdout().slice(t.stdout().indexOf('Applied') - 1);
    expect(t.stdout()).not.toMatch(/^(applied|✓) \+ invite/m);
    expect(after).toContain('Applied 22 changes to acme.');
  });

  it('Ctrl-C: nothing more is sent, the rest is reported as not sent, exit 130; running it again finishes the job', async () => {
    const { file, emails } = teamFile(20);
    const { t } = watched((n, ctx) => {
      if (n === 3) ctx.interrupt();
    });
    expect(await t.run(['org', 'apply', '-f', file, '--yes', '--concurrency', '2', '--json'])).toBe(130);
    const out = JSON.parse(t.stdout()) as ApplyJson;
    const applied = out.results.filter((r) => r.outcome === 'applied');
    expect(applied.length).toBeGreaterThanOrEqual(3);
    expect(applied.length).toBeLessThanOrEqual(4);
    expect(out.results.filter((r) => r.outcome === 'skipped').every((r) => r.note === 'not sent: interrupted')).toBe(true);
    expect(out.results).toHaveLength(20);
    expect(JSON.parse(t.stderr().trim().split('\n').pop()!).error.code).toBe('interrupted');

    const again = kit.make();
    expect(await again.run(['org', 'apply', '-f', file, '--yes', '--json'])).toBe(0);
    const rest = JSON.parse(again.stdout()) as ApplyJson;
    expect(rest.results.map((r) => r.target).sort()).toEqual(emails.filter((e) => !applied.some((a) => a.target === e)).sort());
  });

  it('a file without people does not read the member list: only your own membership, for the owner check', async () => {
    const file = kit.file('profile.yaml', 'org:\n  handle: acme\n  display_name: Acme Renamed\n');
    const t = kit.make();
    expect(await t.run(['org', 'apply', '-f', file, '--yes'])).toBe(0);
    const gets = await kit.sent((r) => r.method === 'GET');
    expect(gets.filter((g) => g.includes('/org/acme/member?'))).toEqual([]);
    expect(gets).toContain('GET /api/v0/org/acme/member/demo 200');

    const jane = kit.make({ env: { PIPES_TOKEN: kit.emu().janeToken } });
    const other = kit.file('other.yaml', 'org:\n  handle: acme\n  display_name: Not Yours\n');
    expect(await jane.run(['org', 'apply', '-f', other, '--yes'])).toBe(1);
    expect(jane.stderr()).toContain('changing acme needs the owner role; jane is a member of acme');
  });
});
