// The Pipes API client: `createPipesApi` for commands, the pieces for tests and tools.
import type { PipesApi } from './api';
import { createActorApi } from './actor';
import { createBillingApi } from './billing';
import { HttpClient, type ClientOptions } from './client';
import { createLoginApi } from './login';
import { createMembersApi } from './members';
import { createOrgsApi } from './orgs';

export type { ActorApi, BillingApi, ListOptions, LoginApi, MembersApi, MutationOptions, OrgsApi, PipesApi } from './api';
export { HttpClient, type ClientOptions, type HttpMethod, type HttpRequest, type Query } from './client';
export * from './errors';
export * from './rules';
export { DEFAULT_HOST, isLoopback, resolveHost, type HostTarget } from './host';
export * from './types';

/** The typed API over one keep-alive connection pool; `close()` releases the pool. */
export function createPipesApi(opts: ClientOptions): PipesApi & { close(): Promise<void> } {
  const http = new HttpClient(opts);
  return {
    actor: createActorApi(http),
    orgs: createOrgsApi(http),
    members: createMembersApi(http),
    billing: createBillingApi(http),
    login: createLoginApi(http),
    close: () => http.close(),
  };
}
