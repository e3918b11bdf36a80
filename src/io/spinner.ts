// A spinner on stderr while something slow happens, on a terminal only. ora is loaded in the
// background so the work never waits for it; off a terminal nothing is drawn at all.
import type { Writable } from 'node:stream';
import { sanitizeLine } from '../output/sanitize';

export interface SpinnerOptions {
  /** Draw at all: stderr is a terminal and no debug trace is being written there. */
  enabled: boolean;
  stream: Writable;
  color: boolean;
}

export async function withSpinner<T>(label: string, work: () => Promise<T>, opts: SpinnerOptions): Promise<T> {
  // A terminal that reports no width (a pseudo-terminal nobody sized, as under `script` or
  // some CI runners) would make ora count Infinity lines to clear and loop forever.
  if (!opts.enabled || (opts.stream as { columns?: number }).columns === 0) return work();
  let finished = false;
  let stop: (() => void) | undefined;
  void import('ora')
    .then(({ default: ora }) => {
      if (finished) return;
      const spinner = ora({
        text: sanitizeLine(label),
        stream: opts.stream as NodeJS.WritableStream,
        isEnabled: true,
        discardStdin: false, // a prompt may follow; leave stdin alone
        color: opts.color ? 'cyan' : false,
      }).start();
      stop = () => spinner.stop();
    })
    .catch(() => undefined); // no spinner is no loss
  try {
    return await work();
  } finally {
    finished = true;
    stop?.();
  }
}
