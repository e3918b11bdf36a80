import { describe, expect, it } from 'vitest';
import type { OrgUser } from '../../../src/api/types';
import type { DesiredPerson, DesiredState } from '../../../src/core/org/desired-state';
import { changeJson, computePlan, type CurrentState } from '../../../src/core/org/plan';
import { UsageError } from '../../../src/errors';
import { makeOrg, makeOrgUser, makeUser } from '../../helpers/fixtures';

function member(handle: string, role: 'owner' | 'member', opts: { invited?: boolean; displayName?: string; version?: number } = {}): OrgUser {
  return makeOrgUser({
    user_handle: handle,
    role,
    status: opts.invited ? 'invited' : 'accepted',
    version_id: opts.version ?? 1,
    user: makeUser({ handle, display_name: opts.displayName ?? handle }),
  });
}

/** acme as the demo seed has it: demo owns it; jane, carol, bob are members; dave@example.com is invited. */
const ACME: CurrentState = {
  actor: 'demo',
  org: makeOrg({ handle: 'acme', display_name: 'Acme Corp', url: 'https://acme.example.com', version_id: 3 }),
  members: [
    member('demo', 'owner'),
    member('jane', 'member', { version: 4 }),
    member('carol', 'member'),
    member('bob', 'member', { version: 7 }),
    member('dave', 'member', { invited: true, displayName: 'dave@example.com' }),
  ],
};

const EVERYONE: DesiredPerson[] = [
  { handle: 'demo', role: 'owner' },
  { handle: 'jane', role: 'member' },
  { handle: 'carol', role: 'member' },
  { handle: 'bob', role: 'member' },
  { email: 'dave@example.com', role: 'member' },
];

function desired(people: DesiredPerson[] | undefined, org: DesiredState['org'] = { handle: 'acme' }): DesiredState {
  return people ? { org, people } : { org };
}

const json = (plan: ReturnType<typeof computePlan>) => plan.changes.map(changeJson);

describe('computePlan', () => {
  it('finds nothing to do when the file describes the org as it is (an email invite matched by its address, any case)', () => {
    const people = EVERYONE.map((p) => (p.email ? { ...p, email: 'Dave@Example.COM' } : p));
    const plan = computePlan(desired(people, { handle: 'acme', display_name: 'Acme Corp', url: 'https://acme.example.com' }), ACME, { prune: true });
    expect(plan).toEqual({ org: 'acme', changes: [], kept: [] });
  });

  it('leaves people alone when the file has no people key, even with prune', () => {
    expect(computePlan(desired(undefined), ACME, { prune: true })).toEqual({ org: 'acme', changes: [], kept: [] });
  });

  it('creates a missing org with its profile, then invites everyone but the creator', () => {
    const plan = computePlan(
      desired([{ handle: 'demo', role: 'owner' }, { handle: 'jane', role: 'owner' }, { email: 'x@example.com', role: 'member' }], {
        handle: 'newco',
        display_name: 'New Co',
      }),
      { actor: 'demo', members: [] },
      { prune: false },
    );
    expect(json(plan)).toEqual([
      { action: 'create_org', target: 'newco', to: { display_name: 'New Co' } },
      { action: 'invite', target: 'jane', to: 'owner' },
      { action: 'invite', target: 'x@example.com', to: 'member' },
    ]);
    expect(plan.changes[2]).toMatchObject({ invitee: { email: 'x@example.com' } });
  });

  it('updates only the profile fields the file sets and that differ', () => {
    const plan = computePlan(desired(undefined, { handle: 'acme', display_name: 'Acme Inc' }), ACME, { prune: false });
    expect(json(plan)).toEqual([{ action: 'update_org', target: 'display_name', from: 'Acme Corp', to: 'Acme Inc' }]);
    const noUrl = { ...ACME, org: makeOrg({ url: undefined }) };
    expect(json(computePlan(desired(undefined, { handle: 'acme', url: 'https://a.example.com' }), noUrl, { prune: false }))).toEqual([
      { action: 'update_org', target: 'url', to: 'https://a.example.com' },
    ]);
  });

  it('keeps people who are not in the file unless pruning, and never removes you', () => {
    const people = EVERYONE.filter((p) => p.handle !== 'bob' && p.handle !== 'demo');
    const kept = computePlan(desired(people), ACME, { prune: false });
    expect(kept.changes).toEqual([]);
    expect(kept.kept).toEqual([
      { target: 'bob', role: 'member', reason: 'not_in_file' },
      { target: 'demo', role: 'owner', reason: 'self' },
    ]);

    const pruned = computePlan(desired(people), ACME, { prune: true });
    expect(json(pruned)).toEqual([{ action: 'remove', target: 'bob', from: 'member' }]);
    expect(pruned.changes[0]).toMatchObject({ userHandle: 'bob', versionId: 7, invited: false });
    expect(pruned.kept).toEqual([{ target: 'demo', role: 'owner', reason: 'self' }]);
  });

  it('names a pending email invite by its address when removing it', () => {
    const plan = computePlan(desired(EVERYONE.filter((p) => !p.email)), ACME, { prune: true });
    expect(json(plan)).toEqual([{ action: 'remove', target: 'dave@example.com', from: 'member' }]);
    expect(plan.changes[0]).toMatchObject({ userHandle: 'dave', invited: true });
  });

  it('orders changes safely: profile, invites, promotions, demotions, removals, your own demotion last', () => {
    const plan = computePlan(
      desired(
        [
          { handle: 'demo', role: 'member' },
          { handle: 'carol', role: 'owner' },
          { handle: 'newbie', role: 'member' },
          { email: 'dave@example.com', role: 'owner' },
          { handle: 'jane', role: 'owner' },
        ],
        { handle: 'acme', display_name: 'ACME' },
      ),
      { ...ACME, members: [...ACME.members, member('olga', 'owner')] },
      { prune: true },
    );
    expect(plan.changes.map((c) => `${c.action} ${c.target}`)).toEqual([
      'update_org display_name',
      'invite newbie',
      'set_role carol',
      'set_role dave@example.com',
      'set_role jane',
      'remove bob',
      'remove olga',
      'set_role demo',
    ]);
    expect(plan.changes.find((c) => c.target === 'jane')).toMatchObject({ from: 'member', to: 'owner', userHandle: 'jane', versionId: 4 });
  });

  it('refuses a plan that leaves no accepted owner, counting invited owners out', () => {
    const attempt = (people: DesiredPerson[], prune = false) => () => computePlan(desired(people), ACME, { prune });
    expect(attempt([{ handle: 'demo', role: 'member' }])).toThrow(UsageError);
    expect(attempt([{ handle: 'demo', role: 'member' }])).toThrow(/leave acme without an owner \(demo would no longer be one\)/);
    // dave has only been invited: he cannot hold the org.
    expect(attempt([{ handle: 'demo', role: 'member' }, { email: 'dave@example.com', role: 'owner' }])).toThrow(/without an owner/);
    // jane has accepted: promoting her first makes demo's demotion safe.
    const safe = computePlan(desired([{ handle: 'demo', role: 'member' }, { handle: 'jane', role: 'owner' }]), ACME, { prune: false });
    expect(safe.changes.map((c) => c.target)).toEqual(['jane', 'demo']);
  });

  it('refuses to remove the last other owner when you demote yourself', () => {
    const state: CurrentState = { ...ACME, members: [...ACME.members, member('olga', 'owner')] };
    const plan = () => computePlan(desired([{ handle: 'demo', role: 'member' }]), state, { prune: true });
    try {
      plan();
      throw new Error('accepted');
    } catch (err) {
      expect((err as UsageError).code).toBe('no_owner_left');
      expect((err as UsageError).exitCode).toBe(2);
    }
  });

  it('refuses a file that lists one person twice, by handle and by the email of their invite', () => {
    const people: DesiredPerson[] = [...EVERYONE, { handle: 'dave', role: 'member', line: 12 }];
    expect(() => computePlan(desired(people), ACME, { prune: false })).toThrow(/dave@example.com and dave are the same person/);
  });

  it('changes the role of a pending invite rather than inviting again', () => {
    const people = EVERYONE.map((p) => (p.email ? { ...p, role: 'owner' as const } : p));
    expect(json(computePlan(desired(people), ACME, { prune: false }))).toEqual([
      { action: 'set_role', target: 'dave@example.com', from: 'member', to: 'owner' },
    ]);
  });
});
