// The terminal as pipesctl found it, given back on every way out. A prompt puts the terminal
// in raw mode (no echo, no line editing) and may hide the cursor; a signal from outside
// (`kill -INT`, `kill -TERM`, a closed terminal) or an exit in the middle of one would leave the
// person's shell that way. Node resets the terminal itself when it exits normally, but not when
// a signal that JavaScript listens for (as the prompt library does) ends the process.
import type { Readable, Writable } from 'node:stream';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** ANSI: show the cursor. */
export const SHOW_CURSOR = '\x1b[?25h';

interface TerminalStreams {
  readonly stdin: Readable;
  readonly stdout: Writable;
}

/** Raw mode off and the cursor shown, where stdin and stdout are terminals. Safe to call twice. */
export function restoreTerminal(io: TerminalStreams): void {
  const stdin = io.stdin as Readable & { isTTY?: boolean; isRaw?: boolean; setRawMode?: (raw: boolean) => void };
  if (stdin.isTTY && stdin.isRaw) stdin.setRawMode?.(false);
  if ((io.stdout as Writable & { isTTY?: boolean }).isTTY) io.stdout.write(SHOW_CURSOR); // synchronous on a terminal
}

/**
 * Runs `work` (a prompt) with the terminal restored however the process ends meanwhile: on
 * SIGINT, SIGTERM or SIGHUP it is restored and the signal then ends the process as it would
 * have (exit status 130, 143, 129 in a shell); on exit it is restored. Outside prompts the
 * process keeps its usual signal behaviour.
 */
export async function withTerminalRestored<T>(io: TerminalStreams, work: Promise<T>, proc: NodeJS.Process = process): Promise<T> {
  const onExit = () => restoreTerminal(io);
  const onSignal = (signal: NodeJS.Signals) => {
    restoreTerminal(io);
    detach();
    // Delivered again once this handler returns; with no listener of ours left it ends the
    // process the default way (after any other library's own clean-up for it).
    proc.kill(proc.pid, signal);
  };
  const detach = () => {
    for (const s of SIGNALS) proc.off(s, onSignal);
    proc.off('exit', onExit);
  };
  for (const s of SIGNALS) proc.on(s, onSignal);
  proc.on('exit', onExit);
  try {
    return await work;
  } finally {
    detach();
  }
}
