// An org as it is: its record and everyone in it, read with GETs only.
import type { PipesApi } from '../../api/api';
import type { Org, OrgUser } from '../../api/types';

/** Every member and pending invite of an org, all pages. */
export async function listMembers(api: PipesApi, org: string): Promise<OrgUser[]> {
  const all: OrgUser[] = [];
  for await (const member of api.members.list(org)) all.push(member);
  return all;
}

/** The org record and its people, read together. */
export async function readOrgWithMembers(api: PipesApi, org: string): Promise<{ org: Org; members: OrgUser[] }> {
  const [record, members] = await Promise.all([api.orgs.get(org), listMembers(api, org)]);
  return { org: record, members };
}
