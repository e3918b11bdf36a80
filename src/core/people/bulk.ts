// What bulk commands (invite, remove) share: the result shape cli.md defines, bounded
// concurrency with results kept in input order, and the rule that turns results into an exit code.
import type { OrgUser } from '../../api/types';
import { errorJson, failsEveryRequest, type ErrorJson } from '../../cli/errors';
import { PartialFailure } from '../../errors';

export type BulkError = ErrorJson;

export interface BulkResult<O extends string> {
  input: string;
  outcome: O;
  member?: OrgUser;
  error?: BulkError;
}

/** A result plus, for a failure, the error behind it (reported as is when it was the only item). */
export interface ItemOutcome<O extends string> {
  result: BulkResult<O>;
  cause?: unknown;
}

export interface BulkReport<O extends string> {
  results: BulkResult<O>[];
  summary: Record<O, number>;
}

export function failedOutcome<O extends string>(input: string, outcome: O, err: unknown): ItemOutcome<O> {
  return { result: { input, outcome, error: errorJson(err) }, cause: err };
}

export function bulkReport<O extends string>(items: readonly ItemOutcome<O>[], outcomes: readonly O[]): BulkReport<O> {
  const summary = Object.fromEntries(outcomes.map((o) => [o, 0])) as Record<O, number>;
  for (const { result } of items) summary[result.outcome]++;
  return { results: items.map((i) => i.result), summary };
}

/**
 * Runs `work` over `items` with at most `concurrency` at a time; results come back in input
 * order. An error thrown by `work` (one that dooms every item, such as 403) stops new items
 * from starting and is rethrown once those in flight have finished.
 */
export async function runBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
  onSettled?: (done: number, total: number) => void,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let done = 0;
  let stopped: { error: unknown } | undefined;
  const worker = async () => {
    while (!stopped && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        stopped ??= { error };
        return;
      }
      onSettled?.(++done, items.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (stopped) throw stopped.error;
  return results;
}

/** Errors that would fail every item the same way: stop at the first rather than repeat it N times. */
export function isFatalForAll(err: unknown): boolean {
  return failsEveryRequest(err);
}

/**
 * The exit rule of bulk commands: nothing failed → undefined (exit 0); a single item that
 * failed → its own error (exit 1, or 4 when not signed in); otherwise PartialFailure (exit 5),
 * also when every one of several items failed.
 */
export function bulkFailure<O extends string>(items: readonly ItemOutcome<O>[], failed: O, what: string): unknown {
  const failures = items.filter((i) => i.result.outcome === failed);
  if (failures.length === 0) return undefined;
  if (items.length === 1) return failures[0]!.cause ?? new PartialFailure(`${what} failed`);
  return new PartialFailure(`${failures.length} of ${items.length} ${what} failed`, failures.map((f) => f.result));
}
