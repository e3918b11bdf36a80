// Org members: list (invited and accepted), invite by email or handle, change role, remove.
import type { MembersApi } from './api';
import type { HttpClient } from './client';
import { ifMatchHeaders } from './mutation';
import { apiPath } from './path';
import type { InviteOrgUserRequest, OrgUser, UpdateOrgUserRequest } from './types';

export function createMembersApi(http: HttpClient): MembersApi {
  return {
    list: (org, opts = {}) => http.paginate<OrgUser>(apiPath`/org/${org}/member`, { q: opts.q }, opts),

    get: (org, userHandle) => http.request<OrgUser>({ method: 'GET', path: apiPath`/org/${org}/member/${userHandle}` }),

    invite: (org, body: InviteOrgUserRequest) => http.request<OrgUser>({ method: 'POST', path: apiPath`/org/${org}/member/invite`, body }),

    updateRole: (org, userHandle, role, opts) => {
      const body: UpdateOrgUserRequest = { role };
      return http.request<OrgUser>({ method: 'PATCH', path: apiPath`/org/${org}/member/${userHandle}`, body, headers: ifMatchHeaders(opts) });
    },

    remove: (org, userHandle, opts) =>
      http.request<OrgUser>({ method: 'DELETE', path: apiPath`/org/${org}/member/${userHandle}`, headers: ifMatchHeaders(opts) }),

    // The document gives the answer no shape: nothing in it is relied on.
    confirmInvite: async (org, inviteId) => {
      await http.request<unknown>({ method: 'GET', path: apiPath`/org/${org}/member/invite/confirm`, query: { t: inviteId }, allowEmpty: true });
    },
  };
}
