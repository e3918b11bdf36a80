// "Inviting 12/300" redrawn in place on stderr while a bulk command runs: on a terminal only
// (and not with --debug, whose trace goes there too); off a terminal nothing is drawn.
import type { IOStreams } from '../../io/streams';

/** Where progress is drawn: the streams, and whether --debug owns stderr. */
export interface ProgressTarget {
  io: IOStreams;
  options: { debug: boolean };
}

export interface Progress {
  update(done: number, total: number): void;
  /** Erases the line so what follows starts clean. */
  clear(): void;
}

const SILENT: Progress = { update: () => undefined, clear: () => undefined };

export function progressLine(ctx: ProgressTarget, label: string): Progress {
  if (!ctx.io.stderrIsTTY || ctx.options.debug) return SILENT;
  const stderr = ctx.io.stderr;
  let drawn = false;
  let lastPercent = -1;
  return {
    update(done, total) {
      // Redraw when the figure a person can see changes, not on every item of a long run.
      const percent = Math.floor((done / Math.max(total, 1)) * 100);
      if (total > 100 && percent === lastPercent && done !== total) return;
      lastPercent = percent;
      stderr.write(`\r\u001b[2K${label} ${done}/${total}`);
      drawn = true;
    },
    clear() {
      if (drawn) stderr.write('\r\u001b[2K');
      drawn = false;
    },
  };
}
