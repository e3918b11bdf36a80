// How a bulk command runs its items in front of a person: a progress bar on a terminal, and
// Ctrl-C that stops cleanly — the first stops sending, lets the requests in flight finish and
// goes on to the summary; the second stops waiting for them.
import { progressBar } from '../core/people/progress';
import type { StopSignal } from '../core/stop';
import { InterruptedError } from '../errors';
import type { Context } from './context';

export interface BulkHooks {
  signal: StopSignal;
  onSettled(done: number, total: number): void;
}

export interface BulkRun<T> {
  value: T;
  /** Ctrl-C stopped the run: report, then end with interruptedError(). */
  interrupted: boolean;
  abandoned: boolean;
}

export async function runBulk<T>(ctx: Context, label: string, work: (hooks: BulkHooks) => Promise<T>): Promise<BulkRun<T>> {
  const progress = progressBar(ctx, label, { unicode: ctx.errColors.level > 0 });
  let signal!: StopSignal;
  try {
    const value = await ctx.interruptible(
      (s) => {
        signal = s;
        return work({ signal: s, onSettled: (done, total) => progress.update(done, total) });
      },
      (what) => {
        progress.clear();
        ctx.out.notice(
          what === 'stop'
            ? 'Stopping: nothing more will be sent; waiting for the requests in flight (Ctrl-C again to stop waiting).'
            : 'Not waiting for the requests in flight; they are listed as not done.',
        );
      },
    );
    return { value, interrupted: signal.stopping, abandoned: signal.isAbandoned };
  } finally {
    progress.clear();
  }
}

/** The error a bulk run stopped by Ctrl-C ends with (exit 130), once its results are reported. */
export function interruptedError(run: BulkRun<unknown>, what: string, retry?: string): InterruptedError {
  return new InterruptedError(`interrupted: ${what}`, {
    abandoned: run.abandoned,
    hint: retry,
  });
}

/** Above this many items, a bulk command prints a summary (and its failures) instead of a line per item. */
export const ITEM_LINES_MAX = 20;
/** Failures listed one by one under a summary; --json and --failed-to have them all. */
const FAILURE_LINES_MAX = 20;

/**
 * One line per item for a short run; for a long one only the failures (the first few), so the
 * summary line that follows stays in sight.
 */
export function printBulkLines(ctx: Context, lines: readonly string[], outcomes: readonly { result: { outcome: string } }[], failedCount: number): void {
  if (outcomes.length <= ITEM_LINES_MAX) {
    for (const line of lines) ctx.out.line(line);
    return;
  }
  const failedLines = lines.filter((_, i) => outcomes[i]!.result.outcome === 'failed');
  for (const line of failedLines.slice(0, FAILURE_LINES_MAX)) ctx.out.line(line);
  if (failedCount > FAILURE_LINES_MAX) ctx.out.line(`… and ${failedCount - FAILURE_LINES_MAX} more failures (all of them with --json)`);
}
