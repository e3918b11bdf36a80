// Finding the member record (or open invitation) for someone named by handle or email. The
// API lists an email invitation under a placeholder user whose display name is the address,
// so an email matches a member whose handle or display name is that address.
import type { MembersApi } from '../../api/api';
import { ApiError } from '../../api/errors';
import type { OrgUser } from '../../api/types';
import type { Invitee } from '../validate';

/** How an invitee is compared with members: the handle, or the email in lower case. */
export function inviteeKey(invitee: Invitee): string {
  return invitee.email !== undefined ? invitee.email.toLowerCase() : invitee.handle;
}

/** The keys a member answers to: its handle, and its display name when that is an email address. */
export function memberKeys(member: OrgUser): string[] {
  const keys = [member.user_handle.toLowerCase()];
  const name = member.user?.display_name?.trim().toLowerCase();
  if (name?.includes('@')) keys.push(name);
  return keys;
}

/** The member or invitation for `invitee`, or undefined when there is none. */
export async function findMember(members: MembersApi, org: string, invitee: Invitee): Promise<OrgUser | undefined> {
  if (invitee.handle !== undefined) {
    try {
      return await members.get(org, invitee.handle);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return undefined;
      throw err;
    }
  }
  const key = inviteeKey(invitee);
  for await (const member of members.list(org, { q: invitee.email })) {
    if (memberKeys(member).includes(key)) return member;
  }
  return undefined;
}

/**
 * One pass over the org's member list, keeping only the members some of `invitees` answer
 * to (so a large org is never held in memory): key → member.
 */
export async function findExistingMembers(members: MembersApi, org: string, invitees: readonly Invitee[]): Promise<Map<string, OrgUser>> {
  const wanted = new Set(invitees.map(inviteeKey));
  const found = new Map<string, OrgUser>();
  for await (const member of members.list(org)) {
    for (const key of memberKeys(member)) if (wanted.has(key)) found.set(key, member);
  }
  return found;
}
