// `pipesctl org join <org>`: accept an invitation to an org. The invitation is looked up in
// GET /actor/org/invite and confirmed with GET /org/{h}/member/invite/confirm?t=<its id>.
// Where the service accepts only the token of the emailed link, this says so plainly.
import { Command } from 'commander';
import { ApiError } from '../../api/errors';
import type { UserOrg } from '../../api/types';
import type { Context, GetContext } from '../../cli/context';
import { NotFoundError } from '../../errors';
import { examples } from '../../cli/help';
import { parseHandle } from '../../core/validate';
import { CliError, EXIT } from '../../errors';
import { sanitizeLine } from '../../output/sanitize';

export interface JoinOptions {
  org: string;
}

/** The service wants the invitation email's link: nothing pipesctl can do on its own. Exit 1. */
export class NeedsEmailLinkError extends CliError {
  readonly exitCode = EXIT.failed;
}

export function joinCommand(getCtx: GetContext): Command {
  return new Command('join')
    .description('Accept an invitation to an org')
    .argument('<org>', 'the handle of the org that invited you')
    .addHelpText(
      'after',
      `
See your invitations with \`pipesctl org invitations\`. If Pipes accepts the invitation only
through the link in the invitation email, this says so: open that link in a browser.
${examples('pipesctl org join acme', 'pipesctl org join acme && pipesctl org switch acme')}`,
    )
    .action(async (org: string) => runJoin(getCtx(), { org: parseHandle(org) }));
}

export async function runJoin(ctx: Context, opts: JoinOptions): Promise<void> {
  const api = ctx.api();
  const invite = await ctx.spin(`Looking for your invitation to ${opts.org}`, async () => {
    for await (const candidate of api.actor.listOrgInvites()) if (candidate.org?.handle === opts.org) return candidate;
    return undefined;
  });
  if (!invite) {
    throw new NotFoundError(`you have no open invitation to ${opts.org} on ${ctx.host().key}`, {
      code: 'no_invitation',
      hint: 'See your invitations with `pipesctl org invitations`; an org you already belong to is in `pipesctl org list`.',
    });
  }
  const inviteId = invite.id;
  if (!inviteId) throw needsEmailLink(opts.org);
  try {
    await ctx.spin(`Joining ${opts.org}`, () => api.members.confirmInvite(opts.org, inviteId));
  } catch (err) {
    // The service took the invitation's id as no token of its own: only the emailed link will do.
    if (err instanceof ApiError && (err.status === 400 || err.status === 403)) throw needsEmailLink(opts.org, err);
    throw err;
  }
  ctx.out.success(`Joined ${opts.org} as ${sanitizeLine(invite.role)}`, { org: opts.org, role: invite.role, status: 'accepted' } satisfies JoinJson);
}

export interface JoinJson {
  org: string;
  role: UserOrg['role'];
  status: 'accepted';
}

function needsEmailLink(org: string, cause?: unknown): NeedsEmailLinkError {
  return new NeedsEmailLinkError('needs_email_link', `Pipes accepts your invitation to ${org} only through the link in the invitation email`, {
    cause,
    hint: 'Open that link in a browser while signed in to Pipes; `pipesctl org list` shows the org once you have joined.',
  });
}
