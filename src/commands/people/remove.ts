// `pipesctl people remove <handle>...`: removes members and cancels open invitations, after a
// y/N confirmation (or --yes). An email address names an invitation sent to that address.
import { Command } from 'commander';
import type { Context } from '../../cli/context';
import { NotFoundError } from '../../cli/errors';
import { examples } from '../../cli/help';
import { UsageError } from '../../errors';
import { getOrg } from '../org/get-org';
import { parseInvitee, type Invitee } from '../validate';
import { bulkFailure, bulkReport, failedOutcome, isFatalForAll, runBounded, type ItemOutcome } from './bulk';
import { findMember, inviteeKey } from './find-member';
import { explainMemberError } from './member-errors';
import { progressLine } from './progress';
import { explainOwnerRequired } from '../org/explain';
import { sanitize } from '../../output/sanitize';

export type RemoveOutcome = 'removed' | 'failed';
export const REMOVE_OUTCOMES: readonly RemoveOutcome[] = ['removed', 'failed'];
const REMOVE_CONCURRENCY = 8;

export interface RemoveOptions {
  org: string;
  /** User handles, or email addresses of open invitations. */
  people: string[];
  /** Answers the confirmation. */
  yes: boolean;
}

export function removeCommand(ctx: Context): Command {
  return new Command('remove')
    .description('Remove people from the org, or cancel their invitations')
    .argument('<handle...>', 'user handles (or the email address an invitation was sent to)')
    .option('-y, --yes', 'do not ask for confirmation (required when not running interactively)')
    .addHelpText(
      'after',
      `
Removed members lose access to the org at once; an open invitation is cancelled. Every
handle is checked before anything is sent. An org must keep at least one owner, so its last
owner cannot be removed.

Exit status: 0 when everyone was removed; 5 when some removals failed, or all of several;
for a single person, that removal's own error (exit 1). --json prints
{"results": [{"input", "outcome": "removed|failed", "member", "error"}], "summary"}.
${examples('pipesctl people remove jane', 'pipesctl people remove jane bob --yes', 'pipesctl people remove dave@example.com   # cancel an invitation')}`,
    )
    .action(async (people: string[], flags: { yes?: boolean }) => runRemove(ctx, { org: ctx.resolveOrg(), people, yes: flags.yes ?? false }));
}

export async function runRemove(ctx: Context, opts: RemoveOptions): Promise<void> {
  const targets = parseTargets(opts.people);
  // No terminal and no --yes: the confirmation fails (naming --yes) before anything is sent.
  if (!opts.yes && !ctx.canPrompt()) await ctx.confirmYesNo({ question: removeQuestion(opts.org, targets), yes: false });

  const api = ctx.api();
  await getOrg(ctx, opts.org);
  if (!opts.yes) {
    if (targets.length > 1) ctx.out.notice(`About to remove from ${opts.org}:\n${targets.map((t) => `  ${t.input}`).join('\n')}`);
    await ctx.confirmYesNo({ question: removeQuestion(opts.org, targets), yes: false });
  }

  const progress = progressLine(ctx, 'Removing');
  let outcomes: ItemOutcome<RemoveOutcome>[];
  try {
    outcomes = await runBounded(
      targets,
      REMOVE_CONCURRENCY,
      async ({ input, invitee }): Promise<ItemOutcome<RemoveOutcome>> => {
        try {
          const handle = invitee.handle ?? (await handleOfInvitation(ctx, opts.org, invitee));
          const member = await api.members.remove(opts.org, handle);
          return { result: { input, outcome: 'removed', member } };
        } catch (err) {
          if (isFatalForAll(err)) throw err;
          return failedOutcome(input, 'failed', explainMemberError(err, input, opts.org));
        }
      },
      (done, total) => progress.update(done, total),
    );
  } catch (err) {
    throw explainOwnerRequired(opts.org, 'remove people', err);
  } finally {
    progress.clear();
  }

  if (ctx.out.isJson) ctx.out.json(bulkReport(outcomes, REMOVE_OUTCOMES));
  else printRemoveResults(ctx, opts.org, outcomes);
  const failure = bulkFailure(outcomes, 'failed', 'removals');
  if (failure) throw failure;
}

interface Target {
  input: string;
  invitee: Invitee;
}

/** Handles (and invitation emails), all checked first; the same person named twice counts once. */
function parseTargets(people: readonly string[]): Target[] {
  const targets = new Map<string, Target>();
  for (const raw of people) {
    const value = raw.trim();
    const invitee = parseInvitee(value.includes('@') ? value.toLowerCase() : value);
    const input = inviteeKey(invitee);
    if (!targets.has(input)) targets.set(input, { input, invitee });
  }
  if (targets.size === 0) throw new UsageError('no one to remove: give one or more user handles', { code: 'invalid_input' });
  return [...targets.values()];
}

function removeQuestion(org: string, targets: readonly Target[]): string {
  return targets.length === 1 ? `Remove ${targets[0]!.input} from ${org}?` : `Remove these ${targets.length} people from ${org}?`;
}

/** The handle the API lists an email invitation under. */
async function handleOfInvitation(ctx: Context, org: string, invitee: Invitee): Promise<string> {
  const member = await findMember(ctx.api().members, org, invitee);
  if (!member) {
    throw new NotFoundError(`no member or invitation in ${org} answers to ${invitee.email}`, {
      status: 404,
      hint: `Invitations are listed by handle in \`pipesctl people list --status invited --org ${org}\`.`,
    });
  }
  return member.user_handle;
}

function printRemoveResults(ctx: Context, org: string, outcomes: readonly ItemOutcome<RemoveOutcome>[]): void {
  // A single failure is reported as the command's error, on stderr.
  if (outcomes.length === 1 && outcomes[0]!.result.outcome === 'failed') return;
  const c = ctx.colors;
  const tty = ctx.io.stdoutIsTTY;
  for (const { result } of outcomes) {
    if (result.outcome === 'removed') {
      const who = sanitize(result.input);
      const what = result.member?.status === 'invited' ? `Cancelled the invitation of ${who} to ${org}` : `Removed ${who} from ${org}`;
      ctx.out.line(`${tty ? `${c.green('✓')} ` : ''}${what}`);
    } else {
      ctx.out.line(`${tty ? `${c.red('✗')} ` : ''}Could not remove ${sanitize(result.input)}: ${sanitize(result.error?.message ?? 'unknown error')}`);
    }
  }
  if (outcomes.length > 1) {
    const { summary } = bulkReport(outcomes, REMOVE_OUTCOMES);
    ctx.out.line(`${org}: ${summary.removed} removed, ${summary.failed} failed`);
  }
}
