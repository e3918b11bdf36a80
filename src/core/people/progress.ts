// A progress bar redrawn in place on stderr while a bulk command runs —
// `Inviting  [██████░░░░░░░░░░░░░░]  120/300  38/s  ETA 5s` — on a terminal only (and not
// with --debug, whose trace goes there too); off a terminal nothing is drawn.
import type { IOStreams } from '../../io/streams';

/** Where progress is drawn: the streams, and whether --debug owns stderr. */
export interface ProgressTarget {
  io: IOStreams;
  options: { debug: boolean };
}

export interface Progress {
  update(done: number, total: number): void;
  /** Erases the bar so what follows starts clean (the next update draws it again). */
  clear(): void;
}

export interface ProgressOptions {
  /** Milliseconds since some fixed point; performance.now by default. */
  now?: () => number;
  /** Unicode blocks, or # and - (for terminals without colour). */
  unicode?: boolean;
}

const SILENT: Progress = { update: () => undefined, clear: () => undefined };
const BAR_WIDTH = 20;
/** Redraws at most this often (the last item always draws). */
const REDRAW_MS = 80;

export function progressBar(ctx: ProgressTarget, label: string, opts: ProgressOptions = {}): Progress {
  if (!ctx.io.stderrIsTTY || ctx.options.debug) return SILENT;
  const stderr = ctx.io.stderr;
  const now = opts.now ?? (() => performance.now());
  const unicode = opts.unicode ?? true;
  const started = now();
  let drawn = false;
  let lastDraw = -Infinity;
  return {
    update(done, total) {
      const t = now();
      if (done !== total && t - lastDraw < REDRAW_MS) return;
      lastDraw = t;
      stderr.write(`\r\u001b[2K${progressText(label, done, total, (t - started) / 1000, { unicode, columns: ctx.io.columns })}`);
      drawn = true;
    },
    clear() {
      if (drawn) stderr.write('\r\u001b[2K');
      drawn = false;
      lastDraw = -Infinity;
    },
  };
}

/** The bar's text: label, bar, done/total, rate and time left (once there is a rate to go by). */
export function progressText(label: string, done: number, total: number, elapsedS: number, opts: { unicode?: boolean; columns?: number } = {}): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * BAR_WIDTH);
  const [full, empty] = opts.unicode === false ? ['#', '-'] : ['█', '░'];
  const bar = `[${full.repeat(filled)}${empty.repeat(BAR_WIDTH - filled)}]`;
  const parts = [label, bar, `${done}/${total}`];
  if (elapsedS >= 0.5 && done > 0) {
    const rate = done / elapsedS;
    parts.push(`${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s`);
    if (done < total) parts.push(`ETA ${duration((total - done) / rate)}`);
  }
  const text = parts.join('  ');
  // Never wrap: a wrapped line cannot be redrawn in place.
  const columns = opts.columns ?? 80;
  return text.length < columns ? text : parts.slice(0, 3).join('  ').slice(0, Math.max(1, columns - 1));
}

function duration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
