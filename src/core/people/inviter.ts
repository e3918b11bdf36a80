// Sends invitations so that each person ends up invited exactly once, even when answers are
// lost. Retrying is the client's job alone (429s and failures that certainly did not reach
// the server, within its attempt cap and deadline); this engine adds no retry loop of its
// own. It only reconciles an answer that says the invitation may have been made (a 5xx, a
// reset, a timeout): it looks the person up, and sends again only when the lookup shows the
// invitation is not there — once. A 409 after such an attempt means our own earlier attempt
// landed.
import type { MembersApi } from '../../api/api';
import { ApiError } from '../../api/errors';
import type { OrgUser } from '../../api/types';
import { mayHaveBeenProcessed } from '../../errors';
import type { StopSignal } from '../stop';
import type { IfExists } from '../validate';
import { failedOutcome, isFatalForAll, runBounded, type ItemOutcome } from './bulk';
import { findMember, inviteeKey, type KnownMembers } from './find-member';
import type { InviteRequest } from './invite-input';
import { InterruptedItem } from './interrupted';

export type InviteOutcome = 'invited' | 'skipped' | 'failed';
export const INVITE_OUTCOMES: readonly InviteOutcome[] = ['invited', 'skipped', 'failed'];

/** Requests sent at once by the bulk commands (people invite, org apply), unless --concurrency says otherwise. */
export const DEFAULT_CONCURRENCY = 8;
export const MAX_CONCURRENCY = 32;

export interface InviteAllOptions {
  ifExists: IfExists;
  concurrency: number;
  /**
   * Members found before sending anything: reported as skipped, never sent. When the list is
   * not complete, each person it does not hold is looked up before being invited (skip only).
   */
  existing?: KnownMembers;
  onSettled?: (done: number, total: number) => void;
  /** Ctrl-C: people not invited when it stopped the run are reported as failed, code `interrupted`. */
  signal?: StopSignal;
}

/** Sends after an uncertain answer, each after a lookup showed the invitation is not there. */
const RESENDS_AFTER_LOOKUP = 1;

/**
 * Invites everyone in `requests` (at most `concurrency` at a time) and returns one outcome
 * per request, in order. Throws, after the requests in flight finish, on an error that would
 * fail everyone (401, 403).
 */
export async function inviteAll(members: MembersApi, org: string, requests: readonly InviteRequest[], opts: InviteAllOptions): Promise<ItemOutcome<InviteOutcome>[]> {
  const started = new Set<number>();
  const results = await runBounded(
    requests,
    opts.concurrency,
    (request, i) => {
      started.add(i);
      return inviteOne(members, org, request, opts);
    },
    { onSettled: opts.onSettled, signal: opts.signal },
  );
  return results.map((r, i) => r ?? failedOutcome(requests[i]!.input, 'failed', new InterruptedItem(started.has(i))));
}

/** One person: skipped when already there (with --if-exists skip), otherwise invited once. */
export async function inviteOne(members: MembersApi, org: string, request: InviteRequest, opts: Pick<InviteAllOptions, 'ifExists' | 'existing'>): Promise<ItemOutcome<InviteOutcome>> {
  const { input, invitee, role } = request;
  const key = inviteeKey(invitee);
  const known = opts.existing?.found.get(key);
  if (known) return { result: { input, outcome: 'skipped', member: known } };
  if (opts.ifExists === 'skip' && opts.existing && !opts.existing.complete) {
    try {
      const found = await findMember(members, org, invitee);
      if (found) return { result: { input, outcome: 'skipped', member: found } };
    } catch (err) {
      if (isFatalForAll(err)) throw err;
      return failedOutcome(input, 'failed', err);
    }
  }

  const body = invitee.email !== undefined ? { email: invitee.email, role } : { handle: invitee.handle, role };
  /** Some earlier POST may have landed: a 409 is then our own invitation. */
  let mayHaveLanded = false;
  for (let resends = 0; ; resends++) {
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
      if (!mayHaveBeenProcessed(err)) return failedOutcome(input, 'failed', err);
      // The invitation may exist: look before deciding.
      mayHaveLanded = true;
      let found: OrgUser | undefined;
      try {
        found = await findMember(members, org, invitee);
      } catch (lookupError) {
        if (isFatalForAll(lookupError)) throw lookupError;
        return failedOutcome(input, 'failed', err);
      }
      if (found) return { result: { input, outcome: 'invited', member: found } };
      if (resends >= RESENDS_AFTER_LOOKUP) return failedOutcome(input, 'failed', err);
    }
  }
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
