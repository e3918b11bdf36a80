// The engine of `org apply`: reads the org as it is, checks the caller may change it, and sends
// a plan's changes so that none is made twice when an answer is lost. The command
// (commands/org/apply.ts) prints the plan, asks, and reports.
// fs.promises is read when used, not at start-up: loading it also loads readline.
import { promises as fsp } from 'node:fs';
import type { PipesApi } from '../../api/api';
import { ApiError } from '../../api/errors';
import type { OrgRole } from '../../api/types';
import { errorJson, isKnownError, type ErrorJson } from '../../errors';
import { CliError, EXIT, PartialFailure, UsageError } from '../../errors';
import { findMember } from '../people/find-member';
import { inviteOne } from '../people/inviter';
import { runBounded } from '../people/bulk';
import { sendReconciled } from '../reconcile';
import type { StopSignal } from '../stop';
import type { Invitee } from '../validate';
import { listMembers } from './org-state';
import { changeJson, type Change, type ChangeJson, type CurrentState, type Plan } from './plan';

export type ChangeOutcome = 'applied' | 'failed' | 'skipped';

export interface ChangeResult extends ChangeJson {
  outcome: ChangeOutcome;
  /** How an applied change was confirmed when the first answer was not a plain success. */
  note?: string;
  error?: ErrorJson;
}

/** A failure of apply itself, or of one of its changes, explained in its terms. Exit 1. */
export class ApplyError extends CliError {
  readonly exitCode = EXIT.failed;
  constructor(code: string, message: string, opts: { hint?: string; status?: number | null } = {}) {
    super(code, message, opts);
  }
}

/** The file's text, and how to name it in messages. */
export async function readOrgFile(file: string, readStdin: () => Promise<string>): Promise<{ text: string; source: string }> {
  if (file === '-') return { text: await readStdin(), source: 'stdin' };
  try {
    return { text: await fsp.readFile(file, 'utf8'), source: file };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? String(err));
    throw new UsageError(`cannot read ${file} (${why})`, { code: 'file_unreadable' });
  }
}

/**
 * Who you are, the org (undefined when it does not exist for you) and its people — GETs only.
 * A file without `people` does not manage membership: then only your own membership is read
 * (for the owner check), not the whole member list.
 */
export async function fetchCurrentState(api: PipesApi, handle: string, opts: { people: boolean } = { people: true }): Promise<CurrentState> {
  const missing = (err: unknown) => {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  };
  if (!opts.people) {
    const [actor, org] = await Promise.all([api.actor.get(), api.orgs.get(handle).catch(missing)]);
    const me = org ? await api.members.get(handle, actor.handle).catch(missing) : undefined;
    return { actor: actor.handle, org, members: me ? [me] : [] };
  }
  const [actor, org, members] = await Promise.all([
    api.actor.get(),
    api.orgs.get(handle).catch(missing),
    listMembers(api, handle).catch(missing),
  ]);
  return { actor: actor.handle, org, members: org ? (members ?? []) : [] };
}

/** Changing an existing org needs its owner role; a member would see every change refused. */
export function ownerProblem(current: CurrentState, handle: string): ApplyError | undefined {
  if (!current.org) return undefined;
  const me = current.members.find((m) => m.user_handle === current.actor);
  if (me?.role === 'owner') return undefined;
  return new ApplyError('owner_required', `changing ${handle} needs the owner role; ${current.actor} is ${me ? `a ${me.role ?? 'member'}` : 'not a member'} of ${handle}`, {
    hint: `Ask an owner of ${handle} to apply it, or to make you an owner (\`pipesctl people role ${current.actor} owner\`).`,
    status: 403,
  });
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
export interface AppliedPlan {
  results: ChangeResult[];
  errors: unknown[];
  /** Ctrl-C stopped the run before every change was sent. */
  interrupted: boolean;
}

export interface ApplyRunOptions {
  /** Changes sent at once within a step (invitations and promotions, demotions, removals). */
  concurrency: number;
  onSettled?(done: number, total: number): void;
  /** Ctrl-C: changes not sent when it stopped the run are reported as skipped. */
  signal?: StopSignal;
}

/**
 * The steps of a plan, in its order: changes of one step do not depend on each other and go
 * out together (at most `concurrency` at a time); a step starts when the one before is done.
 * Profile updates carry the org's version from one to the next, so they go one at a time.
 */
function stepOf(change: Change): string {
  switch (change.action) {
    case 'create_org':
      return 'create';
    case 'update_org':
      return 'profile';
    case 'invite':
      return 'add';
    case 'set_role':
      return change.to === 'owner' ? 'add' : 'demote';
    case 'remove':
      return 'remove';
  }
}

/** Consecutive changes of one step (a demotion of yourself, planned last, is a step of its own). */
function stepsOf(changes: readonly Change[]): Change[][] {
  const steps: Change[][] = [];
  for (const change of changes) {
    const last = steps[steps.length - 1];
    if (last && stepOf(last[0]!) === stepOf(change)) last.push(change);
    else steps.push([change]);
  }
  return steps;
}

/**
 * Sends the plan's changes, step by step, through the bounded runner the bulk commands use;
 * results come back in plan order. After a failed org creation every other change is skipped.
 */
export async function applyPlan(api: PipesApi, plan: Plan, source: string, opts: ApplyRunOptions): Promise<AppliedPlan> {
  const state: ApplyState = { org: plan.org, source, orgMissing: false };
  const results: ChangeResult[] = [];
  const causes: unknown[] = [];
  const total = plan.changes.length;
  let done = 0;
  let interrupted = false;
  for (const step of stepsOf(plan.changes)) {
    if (state.orgMissing || opts.signal?.stopping) {
      interrupted ||= Boolean(opts.signal?.stopping) && !state.orgMissing;
      const note = state.orgMissing ? `${plan.org} was not created` : 'not sent: interrupted';
      for (const change of step) results.push({ ...changeJson(change), outcome: 'skipped', note });
      continue;
    }
    const concurrency = stepOf(step[0]!) === 'profile' ? 1 : opts.concurrency;
    const settled = await runBounded(
      step,
      concurrency,
      async (change): Promise<{ result: ChangeResult; cause?: unknown }> => {
        try {
          const note = await applyChange(api, change, state);
          return { result: { ...changeJson(change), outcome: 'applied', ...(note ? { note } : {}) } };
        } catch (err) {
          if (change.action === 'create_org') state.orgMissing = true;
          return { result: { ...changeJson(change), outcome: 'failed', error: errorJson(err) }, cause: err };
        }
      },
      { signal: opts.signal, onSettled: () => opts.onSettled?.(++done, total) },
    );
    settled.forEach((item, i) => {
      if (item) {
        results.push(item.result);
        if (item.cause !== undefined) causes.push(item.cause);
      } else {
        interrupted = true;
        const note = opts.signal?.isAbandoned ? 'interrupted while in flight: run again to check it' : 'not sent: interrupted';
        results.push({ ...changeJson(step[i]!), outcome: 'skipped', note });
      }
    });
  }
  return { results, errors: causes, interrupted };
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

function hasStatus(err: unknown, status: number): err is ApiError {
  return err instanceof ApiError && err.status === status;
}

const CONFIRMED = 'the answer was uncertain; a lookup confirmed it took effect';

async function createOrg(api: PipesApi, handle: string, profile: { display_name?: string; url?: string }, state: ApplyState): Promise<string | undefined> {
  try {
    const { value, confirmed } = await sendReconciled(
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
 * Through the invite engine of `people invite` (one person), so an invitation whose answer
 * was lost is looked up rather than sent twice. A 409 it could not explain is looked at here.
 */
async function invite(api: PipesApi, org: string, invitee: Invitee, role: OrgRole): Promise<string | undefined> {
  const input = invitee.handle ?? invitee.email;
  const outcome = await inviteOne(api.members, org, { input, invitee, role, where: input }, { ifExists: 'fail' });
  if (outcome.result.outcome !== 'failed') return undefined;
  const err = outcome.cause;
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

/** The error an applied plan ends with: none when every change applied, exit 1 when none did, 5 (partial) otherwise. */
export function applyFailure(org: string, { results, errors }: AppliedPlan): Error | undefined {
  const applied = results.filter((r) => r.outcome === 'applied').length;
  const failures = results.filter((r) => r.outcome === 'failed');
  if (failures.length === 0) return undefined;
  if (applied === 0) {
    const first = errors[0];
    // One failure (the others, if any, skipped after it): its own error says it best.
    if (errors.length === 1 && isKnownError(first)) return first;
    return new ApplyError('apply_failed', `no change to ${org} could be applied: ${failures[0]!.error!.message}`, {
      status: failures[0]!.error!.status,
      hint: isKnownError(first) ? first.hint : undefined,
    });
  }
  return new PartialFailure(
    `${failures.length} of ${changeCount(results.length)} to ${org} failed; the others were applied. Run again to retry the rest.`,
    failures.map((f) => ({ action: f.action, target: f.target, error: f.error })),
  );
}

/** "1 change", "3 changes". */
export function changeCount(n: number): string {
  return `${n} ${n === 1 ? 'change' : 'changes'}`;
}
