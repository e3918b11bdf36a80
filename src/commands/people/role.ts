// `pipesctl people role <handle> <member|owner>`: changes someone's role in the org. The
// member is read first, so asking for the role they already have sends no change.
import { Command } from 'commander';
import { ApiError } from '../../api/errors';
import type { OrgRole, OrgUser } from '../../api/types';
import type { Context, GetContext } from '../../cli/context';
import { choiceArgument, examples } from '../../cli/help';
import { getOrg } from '../../core/org/get-org';
import { parseHandle, parseRole, ROLES } from '../../core/validate';
import { explainMemberError } from '../../core/people/member-errors';
import { explainOwnerRequired } from '../../core/org/explain';
import { sanitize } from '../../output/sanitize';

export interface RoleOptions {
  org: string;
  handle: string;
  role: OrgRole;
}

export function roleCommand(getCtx: GetContext): Command {
  return new Command('role')
    .description('Change someone’s role in the org: member or owner')
    .argument('<handle>', 'the member’s user handle')
    .addArgument(choiceArgument('<role>', 'the new role', ROLES, parseRole))
    .addHelpText(
      'after',
      `
Owners can manage the org, its members and every workspace; members get only what they are
granted. An org must keep at least one owner, so its last owner cannot become a member.
Asking for the role someone already has changes nothing (exit 0). --json prints the OrgUser.
${examples('pipesctl people role jane owner', 'pipesctl people role bob member --org acme')}`,
    )
    .action(async (handle: string, role: OrgRole) => {
      const ctx = getCtx();
      return runRole(ctx, { org: ctx.resolveOrg(), handle, role });
    });
}

export async function runRole(ctx: Context, opts: RoleOptions): Promise<void> {
  const handle = parseHandle(opts.handle);
  const api = ctx.api();
  const member = await ctx.spin(`Looking up ${handle} in ${opts.org}`, () => getMember(ctx, opts.org, handle));
  if (member.role === opts.role) {
    if (ctx.out.isJson) ctx.out.json(member);
    ctx.out.notice(`${handle} is already ${article(opts.role)} ${opts.role} of ${opts.org}; nothing to do.`);
    return;
  }
  const updated = await ctx
    .spin(`Making ${handle} ${article(opts.role)} ${opts.role}`, () => api.members.updateRole(opts.org, handle, opts.role, { ifMatch: member.version_id }))
    .catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 412) {
        throw new ApiError(err.status, err.request, err.body, { hint: `${handle}'s membership changed while this ran; run the command again.` });
      }
      throw explainOwnerRequired(opts.org, 'change roles', explainMemberError(err, handle, opts.org));
    });
  ctx.out.success(`Changed ${handle}'s role in ${opts.org} from ${sanitize(member.role ?? 'none')} to ${sanitize(updated.role ?? opts.role)}`, updated);
}

/** The member, with a 404 explained: no such org (or not yours), or no such member. */
async function getMember(ctx: Context, org: string, handle: string): Promise<OrgUser> {
  try {
    return await ctx.api().members.get(org, handle);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) await getOrg(ctx, org); // throws when the org is the missing part
    throw explainMemberError(err, handle, org);
  }
}

function article(role: string): string {
  return role === 'owner' ? 'an' : 'a';
}
