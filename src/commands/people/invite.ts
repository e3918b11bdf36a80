// `pipesctl people invite <email-or-handle>... | --from-file F`: invites people to the org,
// many at a time, each exactly once even when the network or the service fails mid-way.
import { Command } from 'commander';
import { ApiError } from '../../api/errors';
import type { OrgRole } from '../../api/types';
import { printBulkLines, runBulk, interruptedError, type BulkRun } from '../../cli/bulk-run';
import type { Context, GetContext } from '../../cli/context';
import { choiceOption, examples } from '../../cli/help';
import { CliError, EXIT } from '../../errors';
import { readAll } from '../../io/streams';
import { IF_EXISTS, parseIfExists, parseRole, positiveIntParser, ROLES, type IfExists } from '../../core/validate';
import { getOrg } from '../../core/org/get-org';
import { bulkFailure, bulkReport, type ItemOutcome } from '../../core/people/bulk';
import { lookUpExisting } from '../../core/people/find-member';
import { checkWritableTarget, failedRowsCsv, readInviteRequests, type InviteRequest } from '../../core/people/invite-input';
import { DEFAULT_CONCURRENCY, INVITE_OUTCOMES, inviteAll, MAX_CONCURRENCY, type InviteOutcome } from '../../core/people/inviter';
import { explainOwnerRequired } from '../../core/org/explain';
import { writeFileWhole } from '../../core/files';
import { sanitize } from '../../output/sanitize';


export interface InviteOptions {
  org: string;
  /** Emails or user handles from the command line. */
  people: string[];
  /** For everyone without a role of their own (a file's role column wins). */
  role: OrgRole;
  ifExists: IfExists;
  /** A CSV or JSON file of people to invite; `-` reads stdin. */
  fromFile?: string;
  concurrency: number;
  /** Where to write the people not invited (failed, or not sent after Ctrl-C), as a CSV --from-file accepts. */
  failedTo?: string;
}

interface InviteFlags {
  role: OrgRole;
  ifExists: IfExists;
  fromFile?: string;
  concurrency: number;
  failedTo?: string;
}

export function inviteCommand(getCtx: GetContext): Command {
  return new Command('invite')
    .description('Invite people to the org by email or user handle')
    .argument('[people...]', 'email addresses or user handles')
    .addOption(choiceOption('--role <role>', 'for everyone invited (a file’s role column wins)', ROLES, parseRole).default('member' as OrgRole))
    .addOption(choiceOption('--if-exists <action>', 'when someone is already a member or invited', IF_EXISTS, parseIfExists).default('fail' as IfExists))
    .option('--from-file <file>', 'read people from a CSV or JSON file (- for stdin) instead of arguments')
    .option('--concurrency <n>', `invitations sent at once, 1-${MAX_CONCURRENCY}`, positiveIntParser('--concurrency', MAX_CONCURRENCY), DEFAULT_CONCURRENCY)
    .option('--failed-to <file>', 'write the people not invited (failed, or not sent after Ctrl-C) to this CSV file, to retry with --from-file')
    .addHelpText(
      'after',
      `
Anything with an "@" is an email address (sent in lower case), anything else a user handle.
Everyone is checked before anything is sent: one bad address or row, and nothing is sent.

A CSV file has a header naming an email and/or handle column (one of them filled on each
row) and optionally role; blank lines and lines starting with # are skipped, a UTF-8 BOM and
CRLF line ends are fine, other columns are ignored. A JSON file is an array of
{"email": ..., "role": ...} or {"handle": ...} objects, or {"invites": [...]}. Someone listed
twice is invited once (a notice says so); listed twice with different roles is an error.

--if-exists skip looks up the people being invited first (the org's member list while that
is cheaper, otherwise each person) and sends nothing for anyone already a member or
invited, so running the same file again is safe. Requests the service rate-limits (429) are
retried a few times, honouring Retry-After; when an answer is lost (a server error, a
dropped connection), pipesctl checks whether the invitation was made before sending it
again, so nobody is invited twice. Whoever still could not be invited is reported as failed
(and written to --failed-to) while the others go on.

Ctrl-C stops sending: the invitations in flight finish (Ctrl-C again stops waiting for
them), the summary is printed, everyone not invited is written to --failed-to, and the
exit status is 130.

Exit status: 0 when nobody failed (skipped is not a failure); 5 when some invitations
failed and others did not; 1 when every one failed (for a single person, with that
invitation's own error); 130 when interrupted. When every invitation would fail alike (not
an owner of the org, not signed in), the command stops at the first such answer with that
error. --json prints
{"results": [{"input", "outcome": "invited|skipped|failed", "member", "error"}], "summary"}.
${examples(
  'pipesctl people invite jane@example.com',
  'pipesctl people invite jane@example.com bob --role owner',
  'pipesctl people invite --from-file team.csv --if-exists skip --failed-to failed.csv',
  '# retry only the failures',
  'pipesctl people invite --from-file failed.csv --if-exists skip',
)}`,
    )
    .action(async (people: string[], flags: InviteFlags) => {
      const ctx = getCtx();
      return runInvite(ctx, { org: ctx.resolveOrg(), people, ...flags });
    });
}

export async function runInvite(ctx: Context, opts: InviteOptions): Promise<void> {
  // Everything is read and checked before anything is sent.
  const { requests, notices } = await readInviteRequests(opts, () => readAll(ctx.io.stdin));
  if (opts.failedTo !== undefined) await checkWritableTarget(opts.failedTo);
  for (const notice of notices) ctx.out.notice(notice);

  const api = ctx.api();
  await getOrg(ctx, opts.org);
  const existing =
    opts.ifExists === 'skip'
      ? await ctx.spin(`Checking who is already in ${opts.org}`, () =>
          lookUpExisting(
            api.members,
            opts.org,
            requests.map((r) => r.invitee),
          ),
        )
      : undefined;

  let run: BulkRun<ItemOutcome<InviteOutcome>[]>;
  try {
    run = await runBulk(ctx, 'Inviting', ({ signal, onSettled }) =>
      inviteAll(api.members, opts.org, requests, { ifExists: opts.ifExists, concurrency: opts.concurrency, existing, signal, onSettled }),
    );
  } catch (err) {
    throw explainOwnerRequired(opts.org, 'invite people', err);
  }
  const outcomes = run.value;

  const report = bulkReport(outcomes, INVITE_OUTCOMES);
  if (!ctx.out.isJson) printInviteResults(ctx, opts.org, requests, outcomes);

  const notDone = requests.filter((_, i) => outcomes[i]!.result.outcome === 'failed');
  if (opts.failedTo !== undefined) {
    await writeFileWhole(opts.failedTo, failedRowsCsv(notDone));
    ctx.out.notice(
      notDone.length > 0
        ? `Wrote ${notDone.length} ${notDone.length === 1 ? 'row' : 'rows'} not invited to ${opts.failedTo}; retry with --from-file ${opts.failedTo} --if-exists skip`
        : `No invitation failed; ${opts.failedTo} lists no one.`,
    );
  }
  // With --json the notes above join the report, so it comes after them.
  if (ctx.out.isJson) ctx.out.json(report);
  if (run.interrupted) {
    const done = outcomes.length - notDone.length;
    throw interruptedError(
      run,
      `${done} of ${outcomes.length} people invited or skipped, ${notDone.length} not`,
      opts.failedTo !== undefined
        ? `Retry the rest with --from-file ${opts.failedTo} --if-exists skip.`
        : 'Run the same command again with --if-exists skip to invite the rest (--failed-to <file> lists them).',
    );
  }
  const conflicted = outcomes.some((o) => o.result.error?.code === 'conflict');
  if (conflicted && outcomes.length > 1 && !ctx.out.isJson) ctx.out.notice(SKIP_HINT);
  const failure = bulkFailure(outcomes, 'failed', 'invitations');
  if (failure instanceof ApiError && failure.status === 409) throw new AlreadyThereError(failure, outcomes[0]!.result.input, opts.org);
  if (failure) throw failure;
}

const SKIP_HINT = 'Use --if-exists skip to pass over people who are already members or invited.';

/** The API's 409 for a single invitation, with the way past it. */
class AlreadyThereError extends CliError {
  readonly exitCode = EXIT.failed;
  /** Names the person as they were typed (the service names the handle it derived from an email). */
  constructor(cause: ApiError, input: string, org: string) {
    const text = `${cause.title} ${cause.detail ?? ''}`;
    const message = /invitation/i.test(text)
      ? `${input} already has an invitation to ${org}`
      : /already a member/i.test(text)
        ? `${input} is already a member of ${org}`
        : cause.message;
    super('conflict', message, { hint: SKIP_HINT, cause, status: 409 });
  }
}

function printInviteResults(ctx: Context, org: string, requests: readonly InviteRequest[], outcomes: readonly ItemOutcome<InviteOutcome>[]): void {
  // A single failure is reported as the command's error, on stderr.
  if (outcomes.length === 1 && outcomes[0]!.result.outcome === 'failed') return;
  const c = ctx.colors;
  const tty = ctx.io.stdoutIsTTY;
  const icon = (symbol: string, paint: (s: string) => string) => (tty ? `${paint(symbol)} ` : '');
  const lines = outcomes.map(({ result }, i) => {
    switch (result.outcome) {
      case 'invited':
        return `${icon('✓', c.green)}Invited ${sanitize(result.input)} to ${org} as ${result.member?.role ?? requests[i]!.role}`;
      case 'skipped':
        return `${icon('–', c.dim)}Skipped ${sanitize(result.input)}: ${sanitize(alreadyThere(result.member))}`;
      case 'failed':
        return `${icon('✗', c.red)}Could not invite ${sanitize(result.input)}: ${sanitize(result.error?.message ?? 'unknown error')}`;
    }
  });
  const { summary } = bulkReport(outcomes, INVITE_OUTCOMES);
  printBulkLines(ctx, lines, outcomes, summary.failed);
  // A skip is a quiet outcome: the summary line says plainly that nothing was sent.
  if (outcomes.length > 1 || outcomes.some(({ result }) => result.outcome === 'skipped')) {
    const interrupted = outcomes.filter((o) => o.result.error?.code === 'interrupted').length;
    const failed = interrupted > 0 ? `${summary.failed - interrupted} failed, ${interrupted} not done (interrupted)` : `${summary.failed} failed`;
    ctx.out.line(`${org}: ${summary.invited} invited, ${summary.skipped} skipped, ${failed}`);
  }
}

function alreadyThere(member: ItemOutcome<InviteOutcome>['result']['member']): string {
  if (!member) return 'already a member or invited';
  const role = member.role ? ` (${member.role})` : '';
  return member.status === 'invited' ? `already invited${role}` : `already a member${role}`;
}
