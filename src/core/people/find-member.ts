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

/** Members some invitees answer to, as far as they were read: key → member. */
export interface KnownMembers {
  found: Map<string, OrgUser>;
  /** The whole member list was read: anyone not in `found` is not in the org. */
  complete: boolean;
}

/** Items per page of the member list, as the client asks for them. */
const PAGE_SIZE = 100;

/**
 * What is known of `invitees` in the org before inviting them, for the cost of at most one
 * request per invitee. The member list is read page by page, keeping only the members some
 * invitee answers to (a large org is never held in memory), until it ends — one full read,
 * cheapest for a small org — or until it has cost as many pages as there are invitees: then
 * reading on could cost more than looking each remaining person up (GET member/{handle}, or
 * the list's q search for an email), and `complete` is false so that each one is looked up.
 * At worst twice the cheaper of the two.
 */
export async function lookUpExisting(members: MembersApi, org: string, invitees: readonly Invitee[]): Promise<KnownMembers> {
  const wanted = new Set(invitees.map(inviteeKey));
  const found = new Map<string, OrgUser>();
  const budget = wanted.size * PAGE_SIZE;
  let read = 0;
  for await (const member of members.list(org)) {
    for (const key of memberKeys(member)) if (wanted.has(key)) found.set(key, member);
    if (++read >= budget) return { found, complete: false };
  }
  return { found, complete: true };
}
