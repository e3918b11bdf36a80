// What an org should look like — its profile and the people in it — as `org export` writes it
// and `org apply` reads it (the file itself: org-file.ts), and the same view of an org as it is.
import { isEmail } from '../../api/rules';
import type { Org, OrgRole, OrgUser } from '../../api/types';

export interface DesiredOrg {
  handle: string;
  /** Left out: the org's display name is left as it is. */
  display_name?: string;
  url?: string;
}

/** Someone who should be in the org: by user handle, or by email for an invite by email. */
export type DesiredPerson = ({ handle: string; email?: undefined } | { email: string; handle?: undefined }) & {
  role: OrgRole;
  /** Where the entry is in the file, for messages about it. */
  line?: number;
};

export interface DesiredState {
  org: DesiredOrg;
  /** Left out of the file: membership is not managed at all (not even with --prune). */
  people?: DesiredPerson[];
}

/** One thing wrong with an org file, where it is known. */
export interface FileProblem {
  line?: number;
  column?: number;
  message: string;
}


/** The key a person is known by in the file: the handle, or the email of an invite by email. */
export function personKey(person: { handle?: string; email?: string }): string {
  return person.handle ?? person.email!;
}

/** What an email invite to someone without an account shows as its display name. */
export function looksLikeEmail(text: string | undefined): text is string {
  return isEmail(text);
}

/**
 * The file that describes an org as it is: its profile fields that are set, and everyone in it
 * with their role — accepted members and invites by handle, invites by email by their email.
 * Sorted by key, so a role change moves no lines. Applying it to the same org changes nothing.
 */
export function stateOfOrg(org: Org, members: readonly OrgUser[]): DesiredState {
  const profile: DesiredOrg = { handle: org.handle };
  if (org.display_name) profile.display_name = org.display_name;
  if (org.url) profile.url = org.url;
  const people = members
    .map((m): DesiredPerson => {
      const role = memberRole(m);
      const email = invitedEmail(m);
      return email ? { email, role } : { handle: m.user_handle, role };
    })
    .sort((a, b) => compareKeys(personKey(a), personKey(b)));
  return { org: profile, people };
}

/** The email a pending invite was sent to, when it was sent by email (its display name is the address). */
export function invitedEmail(member: OrgUser): string | undefined {
  const name = member.user?.display_name;
  return member.status === 'invited' && looksLikeEmail(name) ? name : undefined;
}

/** A member's role; the API may leave it out, which means member. */
export function memberRole(member: OrgUser): OrgRole {
  return member.role === 'owner' ? 'owner' : 'member';
}

/** Code-unit order, the same on every machine and locale. */
function compareKeys(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
