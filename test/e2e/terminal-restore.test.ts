// End to end in a real pseudo-terminal: a signal from outside while a prompt has the terminal
// in raw mode ends pipesctl as the signal would (130 for SIGINT, 143 for SIGTERM) and leaves
// the terminal as it found it: `stty -a` run right after shows echo and line editing back on.
import { describe, expect, it } from 'vitest';
import { useTerminals, type TerminalSession } from '../helpers/cli';
import { useFileEmulator } from '../helpers/emulator';

const emu = useFileEmulator();

const inTerminal = useTerminals(emu);

/** pipesctl in a terminal, its pid printed first, and after it the exit status and `stty -a`. */
function terminal(args: string[]): TerminalSession {
  // The inner sh prints its pid and then becomes pipesctl (exec), so that is pipesctl's pid.
  return inTerminal(args, { shell: (pipesctl) => `sh -c 'echo PID=$$; exec "$@"' sh ${pipesctl}; echo EXIT=$?; stty -a` });
}

function pidOf(session: TerminalSession): number {
  const m = /PID=(\d+)/.exec(session.screen());
  if (!m) throw new Error(`no PID on the screen:\n${session.screen()}`);
  return Number(m[1]);
}

describe('a signal during a prompt', () => {
  it.each([
    ['SIGINT', 130, ['org', 'delete', 'acme'], 'Type acme to confirm'],
    ['SIGTERM', 143, ['people', 'remove', 'jane', '--org', 'acme'], /Remove jane.*\?/],
  ] as const)('%s: exit %i, and the terminal is back to echo and line editing', async (signal, status, args, prompt) => {
    const session = terminal([...args]);
    await session.waitFor(prompt);
    process.kill(pidOf(session), signal);
    await session.waitFor(/EXIT=\d+[\s\S]*echoctl/); // stty -a has printed its settings
    const { screen } = await session.exited;
    expect(screen).toContain(`EXIT=${status}`);
    const settings = screen.slice(screen.indexOf('EXIT='));
    expect(settings).toMatch(/(^|\s)icanon(\s|$)/m);
    expect(settings).toMatch(/(^|\s)echo(\s|$)/m);
    expect(settings).not.toMatch(/-icanon|(^|\s)-echo(\s|$)/m);
    expect((await emu().requests()).filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
