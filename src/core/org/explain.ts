// API errors of org changes restated in the terms people use: a 403 means you are not an owner,
// a 412 means someone changed the org since it was read. The status and exit code stay the
// API's (exit 1); only the message and hint change.
import { ApiError } from '../../api/errors';
import { explainOrgNotFound, type ApiAccess } from './get-org';

/** `err` with another message and hint, keeping its status, request and body. */
export function restate(err: ApiError, message: string, hint?: string): ApiError {
  const restated = new ApiError(err.status, err.request, err.body, { maybeProcessed: err.maybeProcessed, hint });
  restated.message = message;
  return restated;
}

/** A 403 on an owner-only change: "you need to be an owner of acme to delete it". */
export function explainOwnerRequired(org: string, action: string, err: unknown): unknown {
  if (!(err instanceof ApiError) || err.status !== 403) return err;
  const said = err.detail ? ` (the API said: ${err.detail})` : '';
  return restate(
    err,
    `you need to be an owner of ${org} to ${action}${said}`,
    `Ask one of its owners to do it, or to make you an owner; \`pipesctl people list --role owner --org ${org}\` shows who they are.`,
  );
}

/** A 412 on a change sent with If-Match: the org changed between our read and our write. */
export function explainChangedSinceRead(org: string, err: unknown): unknown {
  if (!(err instanceof ApiError) || err.status !== 412) return err;
  return restate(err, `the org ${org} changed since it was read; run again`);
}

/** A 409 on a handle: someone else, a user or an org you cannot see, already has it. */
export function explainHandleTaken(handle: string, err: unknown): unknown {
  if (!(err instanceof ApiError) || err.status !== 409) return err;
  return restate(err, `the handle ${handle} is taken by another user or org; pick another handle`);
}

/** Every explanation an owner-only change of `org` needs: not found, not an owner, changed meanwhile. */
export function explainOrgChangeError(ctx: Pick<ApiAccess, 'host'>, org: string, action: string, err: unknown): unknown {
  return explainChangedSinceRead(org, explainOwnerRequired(org, action, explainOrgNotFound(ctx, org, err)));
}
