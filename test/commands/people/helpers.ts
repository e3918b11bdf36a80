// Shared by the people command tests: the command-test kit acting on acme as demo (its owner),
// direct API calls to check the emulator's state, and bulk data.
import type { OrgUser } from '../../../src/api/types';
import { isMutation, useCommandTests, type CommandTestKit } from '../../helpers/command-tests';
import type { LoggedRequest, TestEmulator } from '../../helpers/emulator';

export type PeopleTestKit = CommandTestKit;

/** One emulator per test file, reset to the seed before each test; contexts act on acme as demo. */
export function usePeopleTests(): PeopleTestKit {
  return useCommandTests({ org: 'acme' });
}

/** Every member and invitation of `org`, straight from the API (all pages). */
export async function membersOf(emu: TestEmulator, org = 'acme'): Promise<OrgUser[]> {
  const all: OrgUser[] = [];
  let next: string | undefined;
  do {
    const qs = new URLSearchParams({ limit: '100', ...(next ? { next_token: next } : {}) });
    const res = await fetch(`${emu.url}/api/v0/org/${org}/member?${qs}`, { headers: { authorization: `Bearer ${emu.token}` } });
    if (!res.ok) throw new Error(`listing members of ${org}: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { items?: OrgUser[]; next_token?: string };
    all.push(...(page.items ?? []));
    next = page.next_token || undefined;
  } while (next);
  return all;
}

/** Adds `count` accepted members (`prefix-1`...) to `org` in one go. */
export async function addBulkMembers(emu: TestEmulator, org: string, count: number, opts: { prefix?: string; role?: string; status?: string } = {}): Promise<void> {
  const res = await fetch(`${emu.url}/_emulator/orgs/${org}/members`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count, ...opts }),
  });
  if (!res.ok) throw new Error(`bulk members: ${res.status} ${await res.text()}`);
}

/** The requests of the log that change something (everything but GET). */
export function mutations(log: readonly LoggedRequest[]): LoggedRequest[] {
  return log.filter(isMutation);
}

/** The emails (display names with an @) and handles of the members, lower case. */
export function memberNames(members: readonly OrgUser[]): string[] {
  return members.map((m) => (m.user?.display_name?.includes('@') ? m.user.display_name.toLowerCase() : m.user_handle));
}
