// What `org apply` would change: the org as it is against the org file, as an ordered list of
// changes. Pure — no I/O — so the ordering and the owner rules can be tested on their own.
//
// The order keeps the org safe at every step: create the org, update its profile, invite,
// promote, then demote and remove others, and demote yourself last (after that you may no
// longer be allowed to change anything). A plan that would leave no accepted owner is refused.
import type { Org, OrgRole, OrgUser } from '../../api/types';
import { UsageError } from '../../errors';
import type { Invitee } from '../validate';
import { invitedEmail, memberRole, personKey, type DesiredPerson, type DesiredState } from './desired-state';

export interface CurrentState {
  /** Undefined when the org does not exist (or is not visible to the caller). */
  org?: Org;
  /** Members and pending invites; empty when there is no org. */
  members: readonly OrgUser[];
  /** The caller's user handle: never removed, and demoted only last. */
  actor: string;
}

export interface PlanOptions {
  /** Remove the people the file does not list (except yourself). */
  prune: boolean;
}

export type ProfileField = 'display_name' | 'url';

export type Change =
  | { action: 'create_org'; target: string; to: { display_name?: string; url?: string } }
  | { action: 'update_org'; target: ProfileField; from?: string; to: string }
  | { action: 'invite'; target: string; to: OrgRole; invitee: Invitee }
  | { action: 'set_role'; target: string; from: OrgRole; to: OrgRole; userHandle: string; versionId?: number }
  | { action: 'remove'; target: string; from: OrgRole; userHandle: string; versionId?: number; invited: boolean };

/** Someone in the org the plan leaves alone although the file does not list them. */
export interface KeptMember {
  target: string;
  role: OrgRole;
  reason: 'not_in_file' | 'self';
}

export interface Plan {
  org: string;
  changes: Change[];
  kept: KeptMember[];
}

/** A change as `--json` shows it: `{action, target, from?, to?}`. */
export interface ChangeJson {
  action: Change['action'];
  target: string;
  from?: string;
  to?: unknown;
}

export function changeJson(change: Change): ChangeJson {
  const json: ChangeJson = { action: change.action, target: change.target };
  if ('from' in change && change.from !== undefined) json.from = change.from;
  if ('to' in change) json.to = change.to;
  return json;
}

/** The changes that make `current` match `desired`, in a safe order. UsageError when unsafe or ambiguous. */
export function computePlan(desired: DesiredState, current: CurrentState, opts: PlanOptions): Plan {
  const handle = desired.org.handle;
  const changes: Change[] = [];
  // A new org starts with its creator as its only (accepted) owner.
  const members: readonly OrgUser[] = current.org ? current.members : [creatorMembership(current.actor)];

  if (!current.org) {
    const to: { display_name?: string; url?: string } = {};
    if (desired.org.display_name !== undefined) to.display_name = desired.org.display_name;
    if (desired.org.url !== undefined) to.url = desired.org.url;
    changes.push({ action: 'create_org', target: handle, to });
  } else {
    for (const field of ['display_name', 'url'] as const) {
      const want = desired.org[field];
      const have = current.org[field];
      if (want !== undefined && want !== have) changes.push({ action: 'update_org', target: field, from: have, to: want });
    }
  }

  const kept: KeptMember[] = [];
  if (desired.people) {
    const matched = matchPeople(desired.people, members);
    const invites: Change[] = [];
    const promotions: Change[] = [];
    const demotions: Change[] = [];
    const removals: Change[] = [];
    let selfDemotion: Change | undefined;

    for (const person of desired.people) {
      const member = matched.get(person);
      if (!member) {
        invites.push({ action: 'invite', target: personKey(person), to: person.role, invitee: inviteeOf(person) });
        continue;
      }
      const from = memberRole(member);
      if (from === person.role) continue;
      const change: Change = {
        action: 'set_role',
        target: personKey(person),
        from,
        to: person.role,
        userHandle: member.user_handle,
        versionId: member.version_id,
      };
      if (person.role === 'owner') promotions.push(change);
      else if (member.user_handle === current.actor) selfDemotion = change;
      else demotions.push(change);
    }

    const listed = new Set(matched.values());
    for (const member of sortedByKey(members.filter((m) => !listed.has(m)))) {
      const target = memberKey(member);
      const role = memberRole(member);
      if (member.user_handle === current.actor) kept.push({ target, role, reason: 'self' });
      else if (!opts.prune) kept.push({ target, role, reason: 'not_in_file' });
      else {
        removals.push({
          action: 'remove',
          target,
          from: role,
          userHandle: member.user_handle,
          versionId: member.version_id,
          invited: member.status === 'invited',
        });
      }
    }
    changes.push(...invites, ...promotions, ...demotions, ...removals, ...(selfDemotion ? [selfDemotion] : []));
    checkOwnerRemains(handle, members, changes);
  }
  return { org: handle, changes, kept };
}

function creatorMembership(actor: string): OrgUser {
  return {
    id: '',
    org_id: '',
    user_id: '',
    user_handle: actor,
    status: 'accepted',
    role: 'owner',
    version_id: 0,
    created_at: '',
    created_by_id: '',
    updated_by_id: '',
  };
}

/** The member each file entry is, by handle or by the email of an invite; two entries for one member are an error. */
function matchPeople(people: readonly DesiredPerson[], members: readonly OrgUser[]): Map<DesiredPerson, OrgUser> {
  const byHandle = new Map(members.map((m) => [m.user_handle, m]));
  const byEmail = new Map<string, OrgUser>();
  for (const m of members) {
    const email = invitedEmail(m);
    if (email) byEmail.set(email.toLowerCase(), m);
  }
  const matched = new Map<DesiredPerson, OrgUser>();
  const claimedBy = new Map<OrgUser, DesiredPerson>();
  for (const person of people) {
    const member = person.handle !== undefined ? byHandle.get(person.handle) : byEmail.get(person.email.toLowerCase());
    if (!member) continue;
    const other = claimedBy.get(member);
    if (other) {
      throw new UsageError(
        `${personKey(other)} and ${personKey(person)} are the same person in the org (${member.user_handle}): list them once`,
        { code: 'duplicate_person', details: [{ line: other.line }, { line: person.line }] },
      );
    }
    claimedBy.set(member, person);
    matched.set(person, member);
  }
  return matched;
}

function inviteeOf(person: DesiredPerson): Invitee {
  return person.handle !== undefined ? { handle: person.handle } : { email: person.email };
}

/** How the file names a member: the email of an invite by email, otherwise the handle. */
function memberKey(member: OrgUser): string {
  return invitedEmail(member) ?? member.user_handle;
}

function sortedByKey(members: OrgUser[]): OrgUser[] {
  return [...members].sort((a, b) => (memberKey(a) < memberKey(b) ? -1 : memberKey(a) > memberKey(b) ? 1 : 0));
}

/** Only accepted owners count: an invited owner can do nothing until they accept. */
function checkOwnerRemains(org: string, members: readonly OrgUser[], changes: readonly Change[]): void {
  const finalRole = new Map<string, OrgRole | 'removed'>();
  for (const change of changes) {
    if (change.action === 'set_role') finalRole.set(change.userHandle, change.to);
    if (change.action === 'remove') finalRole.set(change.userHandle, 'removed');
  }
  const owners = members.filter((m) => m.status === 'accepted' && (finalRole.get(m.user_handle) ?? memberRole(m)) === 'owner');
  if (owners.length > 0) return;
  const lost = members.filter((m) => m.status === 'accepted' && memberRole(m) === 'owner').map((m) => m.user_handle);
  throw new UsageError(
    `this would leave ${org} without an owner${lost.length > 0 ? ` (${lost.join(', ')} would no longer be one)` : ''}: keep at least one accepted member as owner in the file`,
    {
      code: 'no_owner_left',
      hint: 'Invited owners count once they accept; promote an accepted member first, then apply the demotion.',
    },
  );
}
