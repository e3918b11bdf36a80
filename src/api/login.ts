// The CLI login flow (NOTES.md): create a temporary token request, then redeem it with the
// 6-digit code the user read off the web page. Neither call carries a token.
import type { LoginApi } from './api';
import type { HttpClient } from './client';
import { apiPath } from './path';
import type { TemporaryTokenRequest } from './types';

export function createLoginApi(http: HttpClient): LoginApi {
  return {
    createRequest: () => http.request<TemporaryTokenRequest>({ method: 'POST', path: '/login/token', auth: false }),

    redeem: (requestId, code) =>
      http.request<TemporaryTokenRequest>({ method: 'GET', path: apiPath`/login/token/${requestId}`, query: { code }, auth: false }),
  };
}
