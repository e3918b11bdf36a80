// End to end in a real pseudo-terminal: Ctrl-C (SIGINT from outside) in the middle of a bulk
// invite. pipesctl stops sending, finishes what is in flight, prints the summary, writes the
// retry file and exits 130 — and every row of the input is either invited or in that file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInTerminal, type TerminalSession } from '../helpers/cli';
import { useFileEmulator } from '../helpers/emulator';

const emu = useFileEmulator();

let dir: string;
const sessions: TerminalSession[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipesctl-interrupt-'));
});
afterEach(async () => {
  for (const s of sessions.splice(0)) s.kill();
  rmSync(dir, { recursive: true, force: true });
  await emu().setFaults({});
});

function pidOf(session: TerminalSession): number {
  const m = /PID=(\d+)/.exec(session.screen());
  if (!m) throw new Error(`no PID on the screen:\n${session.screen()}`);
  return Number(m[1]);
}

describe('Ctrl-C during people invite --from-file', () => {
  it('exits 130 with a summary, and the retry file holds exactly the rows not invited', async () => {
    const emails = Array.from({ length: 60 }, (_, i) => `pty${i}@example.com`);
    const file = join(dir, 'team.csv');
    const retry = join(dir, 'retry.csv');
    writeFileSync(file, `email\n${emails.join('\n')}\n`);
    // Slow invitations (lookups stay fast), so the run is still going when the signal comes.
    await emu().setFaults({ latency_ms: 150, methods: ['POST'] });

    const session = runInTerminal(['people', 'invite', '--org', 'acme', '--from-file', file, '--failed-to', retry, '--concurrency', '2'], {
      configDir: join(dir, 'config'),
      env: { PIPES_HOST: emu().url, PIPES_TOKEN: emu().token },
      // The inner sh prints its pid and then becomes pipesctl (exec), so that is pipesctl's pid.
      shell: (pipesctl) => `sh -c 'echo PID=$$; exec "$@"' sh ${pipesctl}; echo EXIT=$?`,
    });
    sessions.push(session);
    await session.waitFor(/Inviting.*\b[1-9]\d*\/60/);
    process.kill(pidOf(session), 'SIGINT');
    await session.waitFor(/EXIT=\d+/, 30_000);
    const { screen } = await session.exited;

    expect(screen).toContain('EXIT=130');
    expect(screen).toContain('Stopping: nothing more will be sent');
    expect(screen).toMatch(/acme: \d+ invited, 0 skipped, 0 failed, \d+ not done \(interrupted\)/);

    const invited = (await emu().sentRequests())
      .filter((r) => r.method === 'POST' && r.path === '/api/v0/org/acme/member/invite' && r.status === 201)
      .map((r) => (r.body as { email: string }).email);
    const listed = readFileSync(retry, 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')[0]);
    expect(invited.length).toBeGreaterThan(0);
    expect(listed.length).toBeGreaterThan(0);
    expect([...invited, ...listed].sort()).toEqual([...emails].sort());
  });
});
