// What bulk commands (invite, remove) share: the result shape cli.md defines, bounded
// concurrency with results kept in input order, and the rule that turns results into an exit code.
import type { OrgUser } from '../../api/types';
import { errorJson, failsEveryRequest, isKnownError, type ErrorJson } from '../../errors';
import { CliError, EXIT, PartialFailure } from '../../errors';
import type { StopSignal } from '../stop';

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

export interface RunBoundedOptions {
  onSettled?: (done: number, total: number) => void;
  /** Ctrl-C: once stopping, no new item starts; once abandoned, items in flight are not waited for. */
  signal?: StopSignal;
}

/**
 * Runs `work` over `items` with at most `concurrency` at a time; results come back in input
 * order, with a hole (undefined) for each item that was not run to the end because the
 * signal stopped the run. An error thrown by `work` (one that dooms every item, such as 403)
 * stops new items from starting and is rethrown once those in flight have finished.
 */
export async function runBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
  opts: RunBoundedOptions | ((done: number, total: number) => void) = {},
): Promise<(R | undefined)[]> {
  const { onSettled, signal } = typeof opts === 'function' ? { onSettled: opts, signal: undefined } : opts;
  const results: (R | undefined)[] = new Array(items.length).fill(undefined);
  let next = 0;
  let done = 0;
  let failed: { error: unknown } | undefined;
  const worker = async () => {
    while (!failed && !signal?.stopping && next < items.length) {
      const index = next++;
      let result: R;
      try {
        result = await work(items[index]!, index);
      } catch (error) {
        failed ??= { error };
        return;
      }
      // An answer that comes after the run was abandoned is not counted: it was reported as not done.
      if (signal?.isAbandoned) return;
      results[index] = result;
      onSettled?.(++done, items.length);
    }
  };
  const workers = Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  await (signal ? Promise.race([workers, signal.abandoned]) : workers);
  if (failed && !signal?.isAbandoned) throw failed.error;
  return results;
}

/** Every result, when the run was not stopped early. */
export function complete<R>(results: readonly (R | undefined)[]): results is R[] {
  return results.every((r) => r !== undefined);
}

/** Errors that would fail every item the same way: stop at the first rather than repeat it N times. */
export function isFatalForAll(err: unknown): boolean {
  return failsEveryRequest(err);
}

/**
 * The exit rule of bulk commands: nothing failed → undefined (exit 0); a single item that
 * failed → its own error (exit 1, or 4 when not signed in); every one of several failed →
 * BulkFailed (exit 1); some failed and some did not → PartialFailure (exit 5).
 */
export function bulkFailure<O extends string>(items: readonly ItemOutcome<O>[], failed: O, what: string): unknown {
  const failures = items.filter((i) => i.result.outcome === failed);
  if (failures.length === 0) return undefined;
  if (items.length === 1) return failures[0]!.cause ?? new BulkFailed(`${what} failed`, []);
  const details = failures.map((f) => f.result);
  if (failures.length === items.length) return new BulkFailed(`all ${items.length} ${what} failed`, details, commonCause(failures));
  return new PartialFailure(`${failures.length} of ${items.length} ${what} failed`, details);
}

/** Every item of a bulk run failed: nothing was done (exit 1). */
export class BulkFailed extends CliError {
  readonly exitCode = EXIT.failed;
  constructor(message: string, details: unknown[], cause: { hint?: string; status?: number | null } = {}) {
    super('all_failed', message, { details, hint: cause.hint, status: cause.status });
  }
}

/** When every failure has the same cause (e.g. the rate limit), its hint and HTTP status. */
function commonCause(failures: readonly ItemOutcome<string>[]): { hint?: string; status?: number | null } {
  const kinds = new Set(failures.map((f) => `${f.result.error?.code} ${f.result.error?.status}`));
  if (kinds.size !== 1) return {};
  const cause = failures[0]!.cause;
  return { hint: isKnownError(cause) ? cause.hint : undefined, status: failures[0]!.result.error?.status ?? null };
}
