// Orgs: the profile, handle, reset-auth (token_min_issued_at), avatar, workspaces and usage.
import type { OrgsApi } from './api';
import type { HttpClient } from './client';
import { ifMatchHeaders } from './mutation';
import { apiPath } from './path';
import type { AuditRecord, CreateAvatarResponse, CreateOrgRequest, DeleteAvatarResponse, Org, UpdateOrgRequest, UsageMetric, Workspace } from './types';

export function createOrgsApi(http: HttpClient): OrgsApi {
  return {
    get: (handle) => http.request<Org>({ method: 'GET', path: apiPath`/org/${handle}` }),

    create: (body: CreateOrgRequest) => http.request<Org>({ method: 'POST', path: '/org', body }),

    update: (handle, body: UpdateOrgRequest, opts) =>
      http.request<Org>({ method: 'PATCH', path: apiPath`/org/${handle}`, body, headers: ifMatchHeaders(opts) }),

    // The contract allows 200 with the deleted org or 204 with nothing.
    delete: (handle, opts) =>
      http.request<Org | undefined>({ method: 'DELETE', path: apiPath`/org/${handle}`, headers: ifMatchHeaders(opts), allowEmpty: true }),

    setAvatar: (handle, file) => {
      const form = new FormData();
      form.append('avatar', new Blob([file.data], { type: file.type }), file.name);
      return http.request<CreateAvatarResponse>({ method: 'POST', path: apiPath`/org/${handle}/avatar`, form });
    },

    deleteAvatar: (handle) => http.request<DeleteAvatarResponse>({ method: 'DELETE', path: apiPath`/org/${handle}/avatar` }),

    listWorkspaces: (handle, opts = {}) => http.paginate<Workspace>(apiPath`/org/${handle}/workspace`, {}, opts),

    listUsage: (handle, opts = {}) => http.paginate<UsageMetric>(apiPath`/org/${handle}/usage`, { where: opts.where }, opts),

    listAuditLog: (handle, opts = {}) => http.paginate<AuditRecord>(apiPath`/org/${handle}/audit_log`, {}, opts),
  };
}
