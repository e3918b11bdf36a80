// Sends invitations so that each person ends up invited exactly once, even when answers are
// lost. The client replays a POST only when it certainly was not processed (429); after a 5xx,
// a reset or a timeout the invitation may exist, so we look the person up before sending it
// again, and a 409 after such an attempt means that our own earlier attempt landed.
import type { MembersApi } from '../../api/api';
import { ApiError, InvalidResponseError, NetworkError } from '../../api/errors';
import type { OrgUser } from '../../api/types';
import type { IfExists } from '../validate';
import { failedOutcome, isFatalForAll, runBounded, type ItemOutcome } from './bulk';
import { findMember, inviteeKey } from './find-member';
import type { InviteRequest } from './invite-input';

export type InviteOutcome = 'invited' | 'skipped' | 'failed';
export const INVITE_OUTCOMES: readonly InviteOutcome[] = ['invited', 'skipped', 'failed'];

export interface InviteAllOptions {
  ifExists: IfExists;
  concurrency: number;
  /** Members found before sending anything (key → member): reported as skipped, never sent. */
  existing?: ReadonlyMap<string, OrgUser>;
  /** Tries per person, lookups after an uncertain attempt included. Default 6. */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter source for backoff. */
  random?: () => number;
  onSettled?: (done: number, total: number) => void;
}

export const DEFAULT_MAX_ATTEMPTS = 6;
const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 4_000;

/**
 * Invites everyone in `requests` (at most `concurrency` at a time) and returns one outcome
 * per request, in order. Throws, after the requests in flight finish, on an error that would
 * fail everyone (401, 403).
 */
export function inviteAll(members: MembersApi, org: string, requests: readonly InviteRequest[], opts: InviteAllOptions): Promise<ItemOutcome<InviteOutcome>[]> {
  return runBounded(requests, opts.concurrency, (request) => inviteOne(members, org, request, opts), opts.onSettled);
}

async function inviteOne(members: MembersApi, org: string, request: InviteRequest, opts: InviteAllOptions): Promise<ItemOutcome<InviteOutcome>> {
  const { input, invitee, role } = request;
  const already = opts.existing?.get(inviteeKey(invitee));
  if (already) return { result: { input, outcome: 'skipped', member: already } };

  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const body = invitee.email !== undefined ? { email: invitee.email, role } : { handle: invitee.handle, role };
  /** An earlier POST may have created the invitation and has not been ruled out by a lookup. */
  let unsure = false;
  /** Some earlier POST may have landed: a 409 is then our own invitation. */
  let mayHaveLanded = false;
  let lastError: unknown;

  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    if (attempt > 0) await sleep(backoffMs(attempt, random));
    if (unsure) {
      try {
        const found = await findMember(members, org, invitee);
        if (found) return { result: { input, outcome: 'invited', member: found } };
        unsure = false;
      } catch (err) {
        if (isFatalForAll(err)) throw err;
        lastError = err;
        continue;
      }
    }
    try {
      const member = await members.invite(org, body);
      return { result: { input, outcome: 'invited', member } };
    } catch (err) {
      if (isFatalForAll(err)) throw err;
      if (err instanceof ApiError && err.status === 409) {
        if (mayHaveLanded) return { result: { input, outcome: 'invited', ...(await lookUpQuietly(members, org, request)) } };
        if (opts.ifExists === 'skip') return { result: { input, outcome: 'skipped', ...(await lookUpQuietly(members, org, request)) } };
        return failedOutcome(input, 'failed', err);
      }
      if (mayHaveBeenProcessed(err)) {
        unsure = mayHaveLanded = true;
        lastError = err;
        continue;
      }
      if (isTransient(err)) {
        lastError = err;
        continue;
      }
      return failedOutcome(input, 'failed', err);
    }
  }
  // Out of tries: if the last attempt may have landed, one more look is cheaper than a wrong "failed".
  if (unsure) {
    const { member } = await lookUpQuietly(members, org, request);
    if (member) return { result: { input, outcome: 'invited', member } };
  }
  return failedOutcome(input, 'failed', lastError);
}

/** The member record to report beside an outcome, when a lookup finds it; nothing otherwise. */
async function lookUpQuietly(members: MembersApi, org: string, request: InviteRequest): Promise<{ member?: OrgUser }> {
  try {
    const member = await findMember(members, org, request.invitee);
    return member ? { member } : {};
  } catch {
    return {};
  }
}

function mayHaveBeenProcessed(err: unknown): boolean {
  return (err instanceof ApiError || err instanceof NetworkError || err instanceof InvalidResponseError) && err.maybeProcessed;
}

/** Failures that say nothing about the invitation itself: worth another try after a pause. */
function isTransient(err: unknown): boolean {
  if (err instanceof ApiError) return err.status === 429 || err.status >= 500;
  return err instanceof NetworkError;
}

/** Exponential backoff with jitter: 250 ms, 500 ms, 1 s ... capped at 4 s, each 50-100% of that. */
function backoffMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
