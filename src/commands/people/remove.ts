// `pipesctl people remove <handle>...`: removes members and cancels open invitations, after a
// y/N confirmation (or --yes). An email address names an invitation sent to that address.
import { Command } from 'commander';
import { interruptedError, printBulkLines, runBulk, type BulkRun } from '../../cli/bulk-run';
import type { Context, GetContext } from '../../cli/context';
import { examples } from '../../cli/help';
import { getOrg } from '../../core/org/get-org';
import { bulkFailure, bulkReport, type ItemOutcome } from '../../core/people/bulk';
import { parseTargets, REMOVE_OUTCOMES, removeAll, type RemoveOutcome, type Target } from '../../core/people/remover';
import { explainOwnerRequired } from '../../core/org/explain';
import { sanitize } from '../../output/sanitize';

export interface RemoveOptions {
  org: string;
  /** User handles, or email addresses of open invitations. */
  people: string[];
  /** Answers the confirmation. */
  yes: boolean;
}

export function removeCommand(getCtx: GetContext): Command {
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

Ctrl-C stops sending: the removals in flight finish, the summary is printed, exit 130.
Exit status: 0 when everyone was removed; 5 when some removals failed and others did not;
1 when every one failed (for a single person, with that removal's own error). --json prints
{"results": [{"input", "outcome": "removed|failed", "member", "error"}], "summary"}.
${examples('pipesctl people remove jane', 'pipesctl people remove jane bob --yes', 'pipesctl people remove dave@example.com   # cancel an invitation')}`,
    )
    .action(async (people: string[], flags: { yes?: boolean }) => {
      const ctx = getCtx();
      return runRemove(ctx, { org: ctx.resolveOrg(), people, yes: flags.yes ?? false });
    });
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

  let run: BulkRun<ItemOutcome<RemoveOutcome>[]>;
  try {
    run = await runBulk(ctx, 'Removing', ({ signal, onSettled }) => removeAll(api.members, opts.org, targets, { signal, onSettled }));
  } catch (err) {
    throw explainOwnerRequired(opts.org, 'remove people', err);
  }
  const outcomes = run.value;

  if (ctx.out.isJson) ctx.out.json(bulkReport(outcomes, REMOVE_OUTCOMES));
  else printRemoveResults(ctx, opts.org, outcomes);
  if (run.interrupted) {
    const notDone = outcomes.filter((o) => o.result.outcome === 'failed').length;
    throw interruptedError(run, `${outcomes.length - notDone} of ${outcomes.length} people removed, ${notDone} not`);
  }
  const failure = bulkFailure(outcomes, 'failed', 'removals');
  if (failure) throw failure;
}

function removeQuestion(org: string, targets: readonly Target[]): string {
  return targets.length === 1 ? `Remove ${targets[0]!.input} from ${org}?` : `Remove these ${targets.length} people from ${org}?`;
}

function printRemoveResults(ctx: Context, org: string, outcomes: readonly ItemOutcome<RemoveOutcome>[]): void {
  // A single failure is reported as the command's error, on stderr.
  if (outcomes.length === 1 && outcomes[0]!.result.outcome === 'failed') return;
  const c = ctx.colors;
  const tty = ctx.io.stdoutIsTTY;
  const lines = outcomes.map(({ result }) => {
    if (result.outcome === 'removed') {
      const who = sanitize(result.input);
      const what = result.member?.status === 'invited' ? `Cancelled the invitation of ${who} to ${org}` : `Removed ${who} from ${org}`;
      return `${tty ? `${c.green('✓')} ` : ''}${what}`;
    }
    return `${tty ? `${c.red('✗')} ` : ''}Could not remove ${sanitize(result.input)}: ${sanitize(result.error?.message ?? 'unknown error')}`;
  });
  const { summary } = bulkReport(outcomes, REMOVE_OUTCOMES);
  printBulkLines(ctx, lines, outcomes, summary.failed);
  if (outcomes.length > 1) ctx.out.line(`${org}: ${summary.removed} removed, ${summary.failed} failed`);
}
