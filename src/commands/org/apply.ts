// `pipesctl org apply -f FILE`: make an org match an org file — create it if needed, update its
// profile, invite people, change roles, and with --prune remove the people the file leaves
// out. The plan is shown first and confirmed (y/N on a terminal, --yes in scripts); a second
// run after success finds nothing to do and sends only GETs.
// fs.promises is read when used, not at start-up: loading it also loads readline.
import { promises as fsp } from 'node:fs';
import { Command } from 'commander';
import type { PipesApi } from '../../api/api';
import { ApiError } from '../../api/errors';
import type { OrgRole } from '../../api/types';
import type { Context } from '../../cli/context';
import { examples } from '../../cli/help';
import { errorJson, isKnownError, mayHaveBeenProcessed, type ErrorJson } from '../../cli/errors';
import { CliError, EXIT, PartialFailure, UsageError } from '../../errors';
import type { Colors } from '../../io/colors';
import { readAll } from '../../io/streams';
import { findMember } from '../people/find-member';
import { inviteAll } from '../people/inviter';
import type { Invitee } from '../validate';
import { listMembers } from './export';
import { changeJson, computePlan, type Change, type ChangeJson, type CurrentState, type KeptMember, type Plan } from './plan';
import { sanitize } from '../../output/sanitize';

export interface ApplyOptions {
  /** The org file; `-` reads it from stdin. */
  file: string;
  dryRun: boolean;
  prune: boolean;
  yes: boolean;
}

export type ChangeOutcome = 'applied' | 'failed' | 'skipped';

export interface ChangeResult extends ChangeJson {
  outcome: ChangeOutcome;
  /** How an applied change was confirmed when the first answer was not a plain success. */
  note?: string;
  error?: ErrorJson;
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

/** A failure of apply itself, or of one of its changes, explained in its terms. Exit 1. */
export class ApplyError extends CliError {
  readonly exitCode = EXIT.failed;
  constructor(code: string, message: string, opts: { hint?: string; status?: number | null } = {}) {
    super(code, message, opts);
  }
}

export function applyCommand(ctx: Context): Command {
  return new Command('apply')
    .description('Make an org match an org file: profile, people and roles')
    .requiredOption('-f, --file <file>', 'the org file, YAML or JSON (- for stdin)')
    .option('--dry-run', 'show the plan and send no change')
    .option('--prune', 'remove people the file does not list (never yourself)')
    .option('--yes', 'apply without asking (needed when not on a terminal)')
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
Changes run in a safe order (promotions before demotions, invites before removals).
The org is the one the file names; --org, if given, must name the same one.
Exit 0 when everything applied or nothing needed to, 5 when only some changes applied.
${examples(
  'pipesctl org apply -f acme.yaml --dry-run',
  'pipesctl org apply -f acme.yaml',
  '# in CI: no prompt, remove whoever is not in the file',
  'pipesctl org apply -f acme.yaml --prune --yes --json',
)}`,
    )
    .action(async (flags: { file: string; dryRun?: boolean; prune?: boolean; yes?: boolean }) =>
      runApply(ctx, { file: flags.file, dryRun: Boolean(flags.dryRun), prune: Boolean(flags.prune), yes: Boolean(flags.yes) }),
    );
}

export async function runApply(ctx: Context, opts: ApplyOptions): Promise<void> {
  // Everything about the file is checked before anything is sent.
  const { text, source } = await readOrgFile(ctx, opts.file);
  const { parseDesiredState } = await import('./org-file');
  const desired = parseDesiredState(text, source);
  const handle = desired.org.handle;
  if (ctx.options.org && ctx.options.org !== handle) {
    throw new UsageError(`--org ${ctx.options.org} does not match org.handle ${handle} in ${source}: apply acts on the org the file names`, {
      code: 'org_mismatch',
    });
  }

  const api = ctx.api();
  const current = await ctx.spin(`Reading ${handle}`, () => fetchCurrentState(api, handle));
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
      ctx.out.line(`Dry run: nothing was changed. Run without --dry-run to apply ${countOf(plan.changes.length)}.`);
    }
    if (notOwner) ctx.out.warn(`${notOwner.message}: applying this plan would fail.`);
    return;
  }
  if (notOwner) throw notOwner;

  const question = `Apply ${countOf(plan.changes.length)} to ${handle}?`;
  if (!ctx.out.isJson) printPlan(ctx, plan, source);
  // With --json the plan goes to stderr, so a person at a terminal sees what they confirm.
  else if (!opts.yes && ctx.canPrompt()) printPlan(ctx, plan, source, true);
  await ctx.confirmYesNo({ question, yes: opts.yes });

  const outcome = await applyPlan(ctx, api, plan, source);
  if (ctx.out.isJson) ctx.out.json(json(outcome.results));
  reportOutcome(ctx, handle, outcome);
}

/** The file's text, and how to name it in messages. */
async function readOrgFile(ctx: Context, file: string): Promise<{ text: string; source: string }> {
  if (file === '-') return { text: await readAll(ctx.io.stdin), source: 'stdin' };
  try {
    return { text: await fsp.readFile(file, 'utf8'), source: file };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? String(err));
    throw new UsageError(`cannot read ${file} (${why})`, { code: 'file_unreadable' });
  }
}

/** Who you are, the org (undefined when it does not exist for you) and its people — GETs only. */
async function fetchCurrentState(api: PipesApi, handle: string): Promise<CurrentState> {
  const missing = (err: unknown) => {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  };
  const [actor, org, members] = await Promise.all([
    api.actor.get(),
    api.orgs.get(handle).catch(missing),
    listMembers(api, handle).catch(missing),
  ]);
  return { actor: actor.handle, org, members: org ? (members ?? []) : [] };
}

/** Changing an existing org needs its owner role; a member would see every change refused. */
function ownerProblem(current: CurrentState, handle: string): ApplyError | undefined {
  if (!current.org) return undefined;
  const me = current.members.find((m) => m.user_handle === current.actor);
  if (me?.role === 'owner') return undefined;
  return new ApplyError('owner_required', `changing ${handle} needs the owner role; ${current.actor} is ${me ? `a ${me.role ?? 'member'}` : 'not a member'} of ${handle}`, {
    hint: `Ask an owner of ${handle} to apply it, or to make you an owner (\`pipesctl people role ${current.actor} owner\`).`,
    status: 403,
  });
}

// ---- the plan, for people ----

function countOf(n: number): string {
  return `${n} ${n === 1 ? 'change' : 'changes'}`;
}

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
  const write = toStderr ? (line: string) => ctx.out.notice(line) : (line: string) => ctx.out.line(line);
  write(`Plan for ${plan.org} from ${source}:`);
  for (const change of plan.changes) write(`  ${paintChange(describeChange(change), c)}`);
  for (const kept of plan.kept) write(`  ${c.dim(sanitize(describeKept(kept)))}`);
}

// ---- applying ----

/** Carried from one change to the next: the org's version for If-Match, and whether it exists. */
interface ApplyState {
  org: string;
  source: string;
  orgVersion?: number;
  orgMissing: boolean;
}

/** Each change's result, and the errors of the failed ones (for the exit code and its message). */
interface AppliedPlan {
  results: ChangeResult[];
  errors: unknown[];
}

async function applyPlan(ctx: Context, api: PipesApi, plan: Plan, source: string): Promise<AppliedPlan> {
  const state: ApplyState = { org: plan.org, source, orgMissing: false };
  const applied: AppliedPlan = { results: [], errors: [] };
  for (const change of plan.changes) {
    let result: ChangeResult;
    if (state.orgMissing) {
      result = { ...changeJson(change), outcome: 'skipped', note: `${plan.org} was not created` };
    } else {
      try {
        const note = await ctx.spin(describeChange(change), () => applyChange(api, change, state));
        result = { ...changeJson(change), outcome: 'applied', ...(note ? { note } : {}) };
      } catch (err) {
        if (change.action === 'create_org') state.orgMissing = true;
        result = { ...changeJson(change), outcome: 'failed', error: errorJson(err) };
        applied.errors.push(err);
      }
    }
    applied.results.push(result);
    printResult(ctx, change, result);
  }
  return applied;
}

/** Sends one change; resolves to a note when it had to be confirmed another way. */
async function applyChange(api: PipesApi, change: Change, state: ApplyState): Promise<string | undefined> {
  switch (change.action) {
    case 'create_org':
      return createOrg(api, change.target, change.to, state);
    case 'update_org':
      return updateProfile(api, change.target, change.to, state);
    case 'invite':
      return invite(api, state.org, change.invitee, change.to);
    case 'set_role':
      return setRole(api, state.org, change.userHandle, change.to, change.versionId);
    case 'remove':
      return remove(api, state.org, change.userHandle, change.versionId);
  }
}

/** True when a failed request may have taken effect anyway (a POST answered 5xx, reset or timed out). */
function maybeProcessed(err: unknown): boolean {
  return mayHaveBeenProcessed(err);
}

function hasStatus(err: unknown, status: number): err is ApiError {
  return err instanceof ApiError && err.status === status;
}

/** Tries of a POST whose answers keep being uncertain, lookups in between included. */
const POST_ATTEMPTS = 6;

/**
 * A POST that may have reached the server is never blindly replayed: after an uncertain
 * answer, `lookup` must show that it did not take effect before it is sent again. (Invites
 * get the same from the people invite engine.)
 */
async function postOnce<T>(send: () => Promise<T>, lookup: () => Promise<T | undefined>): Promise<{ value: T; confirmed: boolean }> {
  let unsure = false;
  let lastError: unknown;
  for (let attempt = 1; attempt <= POST_ATTEMPTS; attempt++) {
    if (unsure) {
      try {
        const found = await lookup();
        if (found !== undefined) return { value: found, confirmed: true };
        unsure = false;
      } catch (err) {
        lastError = err;
        continue;
      }
    }
    try {
      return { value: await send(), confirmed: false };
    } catch (err) {
      if (!maybeProcessed(err)) throw err;
      unsure = true;
      lastError = err;
    }
  }
  throw lastError;
}

const CONFIRMED = 'the answer was uncertain; a lookup confirmed it took effect';

async function createOrg(api: PipesApi, handle: string, profile: { display_name?: string; url?: string }, state: ApplyState): Promise<string | undefined> {
  try {
    const { value, confirmed } = await postOnce(
      () => api.orgs.create({ handle, ...profile }),
      () => api.orgs.get(handle).catch((err: unknown) => (hasStatus(err, 404) ? undefined : Promise.reject(err))),
    );
    state.orgVersion = value.version_id;
    return confirmed ? CONFIRMED : undefined;
  } catch (err) {
    if (!hasStatus(err, 409)) throw err;
    const visible = await api.orgs.get(handle).catch(() => undefined);
    if (visible) {
      throw new ApplyError('changed_since_plan', `${handle} was created while the plan was being applied`, {
        status: 409,
        hint: 'Run the same apply again: it plans from the org as it is now.',
      });
    }
    throw new ApplyError(
      'handle_taken',
      `cannot create ${handle}: the handle is taken, by an org you are not a member of or by a user`,
      { status: 409, hint: `If the org exists, ask one of its owners to invite you; otherwise choose another org.handle in ${state.source}.` },
    );
  }
}

async function updateProfile(api: PipesApi, field: 'display_name' | 'url', value: string, state: ApplyState): Promise<string | undefined> {
  if (state.orgVersion === undefined) state.orgVersion = (await api.orgs.get(state.org)).version_id;
  try {
    state.orgVersion = (await api.orgs.update(state.org, { [field]: value }, { ifMatch: state.orgVersion })).version_id;
    return undefined;
  } catch (err) {
    if (!hasStatus(err, 412)) throw err;
    // Changed since it was read: by a retry of this very PATCH, or by someone else.
    const org = await api.orgs.get(state.org);
    state.orgVersion = org.version_id;
    if (org[field] === value) return 'already set';
    throw changedSincePlan(state.org, err);
  }
}

/**
 * Through the invite engine of `people invite`, so an invitation whose answer was lost is
 * looked up rather than sent twice. A 409 it could not explain is looked at here.
 */
async function invite(api: PipesApi, org: string, invitee: Invitee, role: OrgRole): Promise<string | undefined> {
  const request = { input: invitee.handle ?? invitee.email, invitee, role, where: invitee.handle ?? invitee.email };
  const [outcome] = await inviteAll(api.members, org, [request], { ifExists: 'fail', concurrency: 1 });
  if (outcome!.result.outcome !== 'failed') return undefined;
  const err = outcome!.cause;
  if (!hasStatus(err, 409)) throw err;
  const found = await findMember(api.members, org, invitee);
  if (found) return found.status === 'invited' ? 'already invited' : 'already a member';
  throw new ApplyError('conflict', err.message, {
    status: 409,
    hint: 'Someone who already has an account shows in the org under their handle: list them by handle (see `pipesctl org export`).',
  });
}

async function setRole(api: PipesApi, org: string, userHandle: string, role: string, versionId: number | undefined): Promise<string | undefined> {
  try {
    await api.members.updateRole(org, userHandle, role, { ifMatch: versionId });
    return undefined;
  } catch (err) {
    if (hasStatus(err, 404)) throw new ApplyError('not_found', `${userHandle} is no longer in ${org}`, { status: 404 });
    if (!hasStatus(err, 412)) throw err;
    const member = await api.members.get(org, userHandle);
    if (member.role === role) return 'already set';
    throw changedSincePlan(org, err);
  }
}

async function remove(api: PipesApi, org: string, userHandle: string, versionId: number | undefined): Promise<string | undefined> {
  try {
    await api.members.remove(org, userHandle, { ifMatch: versionId });
    return undefined;
  } catch (err) {
    if (hasStatus(err, 404)) return 'already gone';
    if (!hasStatus(err, 412)) throw err;
    const still = await api.members.get(org, userHandle).catch((e: unknown) => (hasStatus(e, 404) ? undefined : Promise.reject(e)));
    if (!still) return 'already gone';
    throw changedSincePlan(org, err);
  }
}

function changedSincePlan(org: string, err: ApiError): ApplyError {
  return new ApplyError('changed_since_plan', `${org} changed while the plan was being applied`, {
    status: err.status,
    hint: 'Run the same apply again: it plans from the org as it is now.',
  });
}

// ---- reporting ----

function printResult(ctx: Context, change: Change, result: ChangeResult): void {
  if (ctx.out.isJson) return;
  const c = ctx.colors;
  const tty = ctx.io.stdoutIsTTY;
  const line = describeChange(change);
  const mark = {
    applied: tty ? c.green('✓') : 'applied',
    failed: tty ? c.red('✗') : 'failed ',
    skipped: tty ? c.dim('-') : 'skipped',
  }[result.outcome];
  const why = result.error ? `: ${result.error.message}` : result.note ? ` (${result.note})` : '';
  ctx.out.line(`${mark} ${line}${why}`);
}

/** Exit 0 when every change applied, 1 when none did, 5 (partial) otherwise. */
function reportOutcome(ctx: Context, org: string, { results, errors }: AppliedPlan): void {
  const applied = results.filter((r) => r.outcome === 'applied').length;
  const failures = results.filter((r) => r.outcome === 'failed');
  if (failures.length === 0) {
    if (!ctx.out.isJson) ctx.out.success(`Applied ${countOf(applied)} to ${org}.`);
    return;
  }
  if (applied === 0) {
    const first = errors[0];
    // One failure (the others, if any, skipped after it): its own error says it best.
    if (errors.length === 1 && isKnownError(first)) throw first;
    throw new ApplyError('apply_failed', `no change to ${org} could be applied: ${failures[0]!.error!.message}`, {
      status: failures[0]!.error!.status,
      hint: isKnownError(first) ? first.hint : undefined,
    });
  }
  throw new PartialFailure(
    `${failures.length} of ${countOf(results.length)} to ${org} failed; the others were applied. Run again to retry the rest.`,
    failures.map((f) => ({ action: f.action, target: f.target, error: f.error })),
  );
}
