// `pipesctl org apply -f FILE`: make an org match an org file — create it if needed, update its
// profile, invite people, change roles, and with --prune remove the people the file leaves
// out. The plan is shown first and confirmed (y/N on a terminal, --yes in scripts); a second
// run after success finds nothing to do and sends only GETs. The engine is core/org/apply.ts.
import { Command } from 'commander';
import { interruptedError, printBulkLines, runBulk } from '../../cli/bulk-run';
import type { Context, GetContext } from '../../cli/context';
import { examples } from '../../cli/help';
import { UsageError } from '../../errors';
import type { Colors } from '../../io/colors';
import { readAll } from '../../io/streams';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../../core/people/inviter';
import { positiveIntParser } from '../../core/validate';
import { sanitize } from '../../output/sanitize';
import { applyFailure, applyPlan, changeCount, fetchCurrentState, ownerProblem, readOrgFile, type ChangeResult } from '../../core/org/apply';
import { changeJson, computePlan, type Change, type ChangeJson, type KeptMember, type Plan } from '../../core/org/plan';

export type { ChangeOutcome, ChangeResult } from '../../core/org/apply';

export interface ApplyOptions {
  /** The org file; `-` reads it from stdin. */
  file: string;
  dryRun: boolean;
  prune: boolean;
  yes: boolean;
  /** Changes sent at once (invitations, role changes, removals), as with `people invite`. */
  concurrency: number;
}

/** What `--json` prints. */
export interface ApplyJson {
  org: string;
  changes: ChangeJson[];
  kept: KeptMember[];
  dry_run: boolean;
  applied: boolean;
  results: ChangeResult[];
}

export function applyCommand(getCtx: GetContext): Command {
  return new Command('apply')
    .description('Make an org match an org file: profile, people and roles')
    .requiredOption('-f, --file <file>', 'the org file, YAML or JSON (- for stdin)')
    .option('--dry-run', 'show the plan and send no change')
    .option('--prune', 'remove people the file does not list (never yourself)')
    .option('--yes', 'apply without asking (needed when not on a terminal)')
    .option('--concurrency <n>', `changes sent at once, 1-${MAX_CONCURRENCY}`, positiveIntParser('--concurrency', MAX_CONCURRENCY), DEFAULT_CONCURRENCY)
    .addHelpText(
      'after',
      `
The file (as \`pipesctl org export\` writes it; JSON with the same keys works too):

  org:
    handle: acme                  # required; created when it does not exist
    display_name: Acme Corp       # optional: left as it is when left out
    url: https://acme.example.com
  people:                         # optional: membership is not managed when left out
    - handle: jane                # a user, by handle
      role: owner                 # member (the default) or owner
    - email: dave@example.com     # an invite by email, while it is pending
      role: member

The plan is printed first: + create, invite; ~ profile and role changes; - removals.
People in the org but not in the file are kept unless --prune is given; you are never
removed, and a plan that would leave the org without an accepted owner is refused.
Changes run in a safe order, step by step: the profile, then invitations and promotions,
then demotions, then removals (yourself last); within a step, --concurrency at a time.
Ctrl-C stops sending: changes in flight finish (Ctrl-C again stops waiting), the rest are
reported as not sent, exit 130; running the same apply again picks up where it stopped.
The org is the one the file names; --org, if given, must name the same one.
Exit 0 when everything applied or nothing needed to, 5 when only some changes applied,
1 when none could be.
${examples(
  'pipesctl org apply -f acme.yaml --dry-run',
  'pipesctl org apply -f acme.yaml',
  '# in CI: no prompt, remove whoever is not in the file',
  'pipesctl org apply -f acme.yaml --prune --yes --json',
)}`,
    )
    .action(async (flags: { file: string; dryRun?: boolean; prune?: boolean; yes?: boolean; concurrency: number }) => {
      const ctx = getCtx();
      return runApply(ctx, {
        file: flags.file,
        dryRun: Boolean(flags.dryRun),
        prune: Boolean(flags.prune),
        yes: Boolean(flags.yes),
        concurrency: flags.concurrency,
      });
    });
}

export async function runApply(ctx: Context, opts: ApplyOptions): Promise<void> {
  // Everything about the file is checked before anything is sent.
  const { text, source } = await readOrgFile(opts.file, () => readAll(ctx.io.stdin));
  const { parseDesiredState } = await import('../../core/org/org-file');
  const desired = parseDesiredState(text, source);
  const handle = desired.org.handle;
  if (ctx.options.org && ctx.options.org !== handle) {
    throw new UsageError(`--org ${ctx.options.org} does not match org.handle ${handle} in ${source}: apply acts on the org the file names`, {
      code: 'org_mismatch',
    });
  }

  const api = ctx.api();
  const current = await ctx.spin(`Reading ${handle}`, () => fetchCurrentState(api, handle, { people: desired.people !== undefined }));
  const plan = computePlan(desired, current, { prune: opts.prune });
  const json = (results: ChangeResult[]): ApplyJson => ({
    org: handle,
    changes: plan.changes.map(changeJson),
    kept: plan.kept,
    dry_run: opts.dryRun,
    applied: results.length > 0,
    results,
  });

  if (plan.changes.length === 0) {
    if (ctx.out.isJson) return ctx.out.json(json([]));
    printPlan(ctx, plan, source);
    ctx.out.line(`No changes: ${handle} matches ${source}.`);
    return;
  }

  const notOwner = ownerProblem(current, handle);
  if (opts.dryRun) {
    if (ctx.out.isJson) ctx.out.json(json([]));
    else {
      printPlan(ctx, plan, source);
      ctx.out.line(`Dry run: nothing was changed. Run without --dry-run to apply ${changeCount(plan.changes.length)}.`);
    }
    if (notOwner) ctx.out.warn(`${notOwner.message}: applying this plan would fail.`);
    return;
  }
  if (notOwner) throw notOwner;

  const question = `Apply ${changeCount(plan.changes.length)} to ${handle}?`;
  if (!ctx.out.isJson) printPlan(ctx, plan, source);
  // With --json the plan goes to stderr, so a person at a terminal sees what they confirm.
  else if (!opts.yes && ctx.canPrompt()) printPlan(ctx, plan, source, true);
  await ctx.confirmYesNo({ question, yes: opts.yes });

  const run = await runBulk(ctx, 'Applying', ({ signal, onSettled }) => applyPlan(api, plan, source, { concurrency: opts.concurrency, signal, onSettled }));
  const outcome = run.value;
  if (ctx.out.isJson) ctx.out.json(json(outcome.results));
  else printResults(ctx, plan, outcome.results);
  if (run.interrupted) {
    const sent = outcome.results.filter((r) => r.outcome !== 'skipped').length;
    throw interruptedError(run, `${sent} of ${changeCount(outcome.results.length)} to ${handle} sent`, 'Run the same apply again: it plans from the org as it is now.');
  }
  const failure = applyFailure(handle, outcome);
  if (failure) throw failure;
  if (!ctx.out.isJson) ctx.out.success(`Applied ${changeCount(outcome.results.length)} to ${handle}.`);
}

// ---- the plan, for people ----

/** One line per change: `+ invite dave@example.com as member`, `~ role jane: member → owner`. */
export function describeChange(change: Change): string {
  switch (change.action) {
    case 'create_org': {
      const fields = Object.entries(change.to).map(([k, v]) => `${k} ${JSON.stringify(v)}`);
      return `+ create org ${change.target}${fields.length > 0 ? ` (${fields.join(', ')})` : ''}`;
    }
    case 'update_org':
      return `~ ${change.target}: ${change.from === undefined ? '(not set)' : JSON.stringify(change.from)} → ${JSON.stringify(change.to)}`;
    case 'invite':
      return `+ invite ${change.target} as ${change.to}`;
    case 'set_role':
      return `~ role ${change.target}: ${change.from} → ${change.to}`;
    case 'remove':
      return `- remove ${change.target} (${change.from}${change.invited ? ', invited' : ''})`;
  }
}

function describeKept(kept: KeptMember): string {
  const why = kept.reason === 'self' ? 'you are never removed' : 'use --prune to remove';
  return `= ${kept.target} (${kept.role}): not in file, kept (${why})`;
}

function paintChange(text: string, c: Colors): string {
  const line = sanitize(text);
  if (line.startsWith('+')) return c.green(line);
  if (line.startsWith('-')) return c.red(line);
  return c.yellow(line);
}

/** The plan on stdout, or through `write` (stderr) with the colours of that stream. */
function printPlan(ctx: Context, plan: Plan, source: string, toStderr = false): void {
  if (plan.changes.length === 0 && plan.kept.length === 0) return;
  const c = toStderr ? ctx.errColors : ctx.colors;
  const write = toStderr ? (line: string) => ctx.out.aside(line) : (line: string) => ctx.out.line(line);
  write(`Plan for ${plan.org} from ${source}:`);
  for (const change of plan.changes) write(`  ${paintChange(describeChange(change), c)}`);
  for (const kept of plan.kept) write(`  ${c.dim(sanitize(describeKept(kept)))}`);
}

// ---- reporting ----

/** Each change's result in plan order; for a long plan only the failures, then the outcome line. */
function printResults(ctx: Context, plan: Plan, results: readonly ChangeResult[]): void {
  const lines = results.map((result, i) => resultLine(ctx, plan.changes[i]!, result));
  printBulkLines(
    ctx,
    lines,
    results.map((r) => ({ result: r })),
    results.filter((r) => r.outcome === 'failed').length,
  );
}

function resultLine(ctx: Context, change: Change, result: ChangeResult): string {
  const c = ctx.colors;
  const tty = ctx.io.stdoutIsTTY;
  const line = sanitize(describeChange(change));
  const mark = {
    applied: tty ? c.green('✓') : 'applied',
    failed: tty ? c.red('✗') : 'failed ',
    skipped: tty ? c.dim('-') : 'skipped',
  }[result.outcome];
  const why = result.error ? `: ${sanitize(result.error.message)}` : result.note ? ` (${result.note})` : '';
  return `${mark} ${line}${why}`;
}
