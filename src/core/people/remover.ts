// Removing people from an org (`people remove`): members are removed, open invitations
// cancelled; an email names the invitation sent to it. Bounded concurrency, results in order.
import type { MembersApi } from '../../api/api';
import { NotFoundError } from '../../errors';
import { UsageError } from '../../errors';
import { parseInvitee, type Invitee } from '../validate';
import { failedOutcome, isFatalForAll, runBounded, type ItemOutcome } from './bulk';
import { findMember, inviteeKey } from './find-member';
import { InterruptedItem } from './interrupted';
import { explainMemberError } from './member-errors';
import type { StopSignal } from '../stop';

export type RemoveOutcome = 'removed' | 'failed';
export const REMOVE_OUTCOMES: readonly RemoveOutcome[] = ['removed', 'failed'];
export const REMOVE_CONCURRENCY = 8;

export interface Target {
  input: string;
  invitee: Invitee;
}

/** Handles (and invitation emails), all checked first; the same person named twice counts once. */
export function parseTargets(people: readonly string[]): Target[] {
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

export interface RemoveAllOptions {
  concurrency?: number;
  onSettled?: (done: number, total: number) => void;
  /** Ctrl-C: people not removed when it stopped the run are reported as failed, code `interrupted`. */
  signal?: StopSignal;
}

/**
 * Removes everyone in `targets` and returns one outcome per target, in order. Throws, after
 * the requests in flight finish, on an error that would fail everyone (401, 403).
 */
export async function removeAll(members: MembersApi, org: string, targets: readonly Target[], opts: RemoveAllOptions = {}): Promise<ItemOutcome<RemoveOutcome>[]> {
  const started = new Set<number>();
  const results = await runBounded(
    targets,
    opts.concurrency ?? REMOVE_CONCURRENCY,
    async ({ input, invitee }, index): Promise<ItemOutcome<RemoveOutcome>> => {
      started.add(index);
      try {
        const handle = invitee.handle ?? (await handleOfInvitation(members, org, invitee));
        const member = await members.remove(org, handle);
        return { result: { input, outcome: 'removed', member } };
      } catch (err) {
        if (isFatalForAll(err)) throw err;
        return failedOutcome(input, 'failed', explainMemberError(err, input, org));
      }
    },
    { onSettled: opts.onSettled, signal: opts.signal },
  );
  return results.map((r, i) => r ?? failedOutcome(targets[i]!.input, 'failed', new InterruptedItem(started.has(i))));
}

/** The handle the API lists an email invitation under. */
async function handleOfInvitation(members: MembersApi, org: string, invitee: Invitee): Promise<string> {
  const member = await findMember(members, org, invitee);
  if (!member) {
    throw new NotFoundError(`no member or invitation in ${org} answers to ${invitee.email}`, {
      status: 404,
      hint: `Invitations are listed by handle in \`pipesctl people list --status invited --org ${org}\`.`,
    });
  }
  return member.user_handle;
}
