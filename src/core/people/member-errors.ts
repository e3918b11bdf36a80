// The API's answers about one member, in the terms people use: not in the org (404), or the
// org's last owner (409 on removing or demoting them).
import { ApiError } from '../../api/errors';
import { NotFoundError } from '../../errors';
import { CliError, EXIT } from '../../errors';

/** Removing or demoting the org's only owner; the API refuses it with 409. */
export class LastOwnerError extends CliError {
  readonly exitCode = EXIT.failed;
  constructor(handle: string, org: string, cause: unknown) {
    super('last_owner', `${handle} is the last owner of ${org}: an org must keep at least one owner`, {
      hint: `Make someone else an owner first: \`pipesctl people role <handle> owner --org ${org}\`.`,
      cause,
      status: 409,
    });
  }
}

/** A 404 or 409 about `handle` in `org`, explained; any other error as it was. */
export function explainMemberError(err: unknown, handle: string, org: string): unknown {
  if (!(err instanceof ApiError)) return err;
  if (err.status === 404) {
    return new NotFoundError(`${handle} is not a member of ${org} and has no invitation to it`, {
      status: 404,
      hint: `See who is in the org with \`pipesctl people list --org ${org}\`.`,
    });
  }
  if (err.status === 409) return new LastOwnerError(handle, org, err);
  return err;
}
