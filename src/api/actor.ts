// The signed-in actor: who the token belongs to, and the orgs it is in or invited to.
import type { ActorApi } from './api';
import type { HttpClient } from './client';
import { apiPath } from './path';
import type { Token, User, UserOrg } from './types';

export function createActorApi(http: HttpClient): ActorApi {
  return {
    get: () => http.request<User>({ method: 'GET', path: '/actor' }),
    listOrgs: (opts = {}) => http.paginate<UserOrg>('/actor/org', {}, opts),
    listOrgInvites: (opts = {}) => http.paginate<UserOrg>('/actor/org/invite', {}, opts),
    listTokens: (userHandle, opts = {}) => http.paginate<Token>(apiPath`/user/${userHandle}/token`, {}, opts),
  };
}
