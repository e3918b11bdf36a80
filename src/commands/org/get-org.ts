// The org record a command acts on, with a 404 explained in the terms people use: the org does
// not exist, or you are not a member of it (the API does not say which).
import { ApiError } from '../../api/errors';
import type { Org } from '../../api/types';
import type { Context } from '../../cli/context';
import { NotFoundError } from '../../cli/errors';

export async function getOrg(ctx: Context, handle: string): Promise<Org> {
  try {
    return await ctx.api().orgs.get(handle);
  } catch (err) {
    throw explainOrgNotFound(ctx, handle, err);
  }
}

/** A 404 about `handle` as a NotFoundError with a hint; any other error as it was. */
export function explainOrgNotFound(ctx: Context, handle: string, err: unknown): unknown {
  if (err instanceof ApiError && err.status === 404) {
    return new NotFoundError(`org ${handle} not found on ${ctx.host().key}, or you are not a member of it`, {
      status: 404,
      hint: 'See the orgs you belong to with `pipesctl org list`.',
    });
  }
  return err;
}
