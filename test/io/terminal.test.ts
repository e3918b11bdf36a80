import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { restoreTerminal, SHOW_CURSOR, withTerminalRestored } from '../../src/io/terminal';

/** A terminal's stdin in raw mode and a terminal stdout, recording what is done to them. */
function fakeTerminal(tty = true) {
  const rawCalls: boolean[] = [];
  const stdin = Object.assign(new PassThrough(), {
    isTTY: tty,
    isRaw: true,
    setRawMode(raw: boolean) {
      rawCalls.push(raw);
      this.isRaw = raw;
    },
  });
  let written = '';
  const stdout = Object.assign(new PassThrough(), { isTTY: tty });
  stdout.on('data', (d: Buffer) => (written += d.toString()));
  return { io: { stdin, stdout }, rawCalls, written: () => written };
}

function fakeProcess() {
  const proc = new EventEmitter() as EventEmitter & { pid: number; killed: [number, string][]; kill(pid: number, s: string): void };
  proc.pid = 4242;
  proc.killed = [];
  proc.kill = (pid, s) => proc.killed.push([pid, s]);
  return proc;
}

describe('the terminal after a prompt', () => {
  it('restoreTerminal turns raw mode off and shows the cursor, on terminals only', async () => {
    const t = fakeTerminal();
    restoreTerminal(t.io);
    restoreTerminal(t.io); // twice is harmless
    await new Promise((r) => setImmediate(r));
    expect(t.rawCalls).toEqual([false]);
    expect(t.written()).toBe(SHOW_CURSOR + SHOW_CURSOR);

    const pipes = fakeTerminal(false);
    restoreTerminal(pipes.io);
    await new Promise((r) => setImmediate(r));
    expect(pipes.rawCalls).toEqual([]);
    expect(pipes.written()).toBe('');
  });

  it('a signal during the prompt restores the terminal, then the signal is raised again with no listener of ours left', async () => {
    const t = fakeTerminal();
    const proc = fakeProcess();
    const pending = withTerminalRestored(t.io, new Promise<never>(() => undefined), proc as unknown as NodeJS.Process);
    expect(proc.listenerCount('SIGTERM')).toBe(1);
    proc.emit('SIGTERM', 'SIGTERM');
    expect(t.rawCalls).toEqual([false]);
    expect(proc.killed).toEqual([[4242, 'SIGTERM']]);
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit']) expect(proc.listenerCount(s)).toBe(0);
    void pending;
  });

  it('an exit during the prompt restores it; a prompt that ends leaves no listener behind', async () => {
    const t = fakeTerminal();
    const proc = fakeProcess();
    void withTerminalRestored(t.io, new Promise<never>(() => undefined), proc as unknown as NodeJS.Process);
    proc.emit('exit', 1);
    expect(t.rawCalls).toEqual([false]);

    const done = fakeProcess();
    await expect(withTerminalRestored(t.io, Promise.resolve('answer'), done as unknown as NodeJS.Process)).resolves.toBe('answer');
    await expect(withTerminalRestored(t.io, Promise.reject(new Error('no')), done as unknown as NodeJS.Process)).rejects.toThrow('no');
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit']) expect(done.listenerCount(s)).toBe(0);
    expect(done.killed).toEqual([]);
  });
});
