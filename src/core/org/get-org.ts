// The org record a command acts on, with a 404 explained in the terms people use: the org does
// not exist, or you are not a member of it (the API does not say which).
import { ApiError } from '../../api/errors';
import type { PipesApi } from '../../api/api';
import type { Org } from '../../api/types';
import { NotFoundError } from '../../errors';

/** What the org lookups need from a command's context: the client and the host it talks to. */
export interface ApiAccess {
  api(): PipesApi;
  host(): { key: string };
}

export async function getOrg(ctx: ApiAccess, handle: string): Promise<Org> {
  try {
    return await ctx.api().orgs.get(handle);
  } catch (err) {
    throw explainOrgNotFound(ctx, handle, err);
  }
}

/** A 404 about `handle` as a NotFoundError with a hint; any other error as it was. */
export function explainOrgNotFound(ctx: Pick<ApiAccess, 'host'>, handle: string, err: unknown): unknown {
  if (err instanceof ApiError && err.status === 404) {
    return new NotFoundError(`org ${handle} not found on ${ctx.host().key}, or you are not a member of it`, {
      status: 404,
      hint: 'See the orgs you belong to with `pipesctl org list`.',
    });
  }
  return err;
}
