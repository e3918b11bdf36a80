// The engine of `org apply`: reads the org as it is, checks the caller may change it, and sends
// a plan's changes so that none is made twice when an answer is lost. The command
// (commands/org/apply.ts) prints the plan, asks, and reports.
// fs.promises is read when used, not at start-up: loading it also loads readline.
import { promises as fsp } from 'node:fs';
import type { PipesApi } from '../../api/api';
import { ApiError } from '../../api/errors';
import type { OrgRole } from '../../api/types';
import { errorJson, isKnownError, mayHaveBeenProcessed, type ErrorJson } from '../../cli/errors';
import { CliError, EXIT, PartialFailure, UsageError } from '../../errors';
import { findMember } from '../people/find-member';
import { inviteAll } from '../people/inviter';
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

/** Who you are, the org (undefined when it does not exist for you) and its people — GETs only. */
export async function fetchCurrentState(api: PipesApi, handle: string): Promise<CurrentState> {
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
}

/** How a command follows the changes: `run` wraps each one (a spinner), `onResult` sees each result. */
export interface ApplyHooks {
  run?<T>(change: Change, work: () => Promise<T>): Promise<T>;
  onResult?(change: Change, result: ChangeResult): void;
}

/** Sends the plan's changes in order; a change after a failed org creation is skipped. */
export async function applyPlan(api: PipesApi, plan: Plan, source: string, hooks: ApplyHooks = {}): Promise<AppliedPlan> {
  const run = hooks.run ?? ((_change, work) => work());
  const state: ApplyState = { org: plan.org, source, orgMissing: false };
  const applied: AppliedPlan = { results: [], errors: [] };
  for (const change of plan.changes) {
    let result: ChangeResult;
    if (state.orgMissing) {
      result = { ...changeJson(change), outcome: 'skipped', note: `${plan.org} was not created` };
    } else {
      try {
        const note = await run(change, () => applyChange(api, change, state));
        result = { ...changeJson(change), outcome: 'applied', ...(note ? { note } : {}) };
      } catch (err) {
        if (change.action === 'create_org') state.orgMissing = true;
        result = { ...changeJson(change), outcome: 'failed', error: errorJson(err) };
        applied.errors.push(err);
      }
    }
    applied.results.push(result);
    hooks.onResult?.(change, result);
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
