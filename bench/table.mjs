// Tables that scale: `people list` of 50,000 members on a pseudo-terminal (util-linux
// `script`, 120 columns: the aligned table) against the same command piped (tab-separated
// rows), in the same run. Goals: terminal time ≤ 1.5× piped, terminal peak memory ≤ 150 MiB.
//
//   node bench/table.mjs [members]        (needs a built dist/: npm run build)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, median, root, startEmulatorProcess, verdict } from './lib.mjs';

const GNU_TIME = '/usr/bin/time';

function shellQuote(s) {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs `people list` to its end, timed, with its peak memory from GNU time (written to a file,
 * so it is the same figure on a terminal and piped). On a terminal the output is drawn into a
 * pseudo-terminal whose text is read and thrown away; piped, stdout is a pipe read likewise.
 */
function runList({ terminal, env, dir }) {
  const memFile = join(dir, `mem-${terminal ? 'tty' : 'pipe'}`);
  const cmd = [process.execPath, `${root}bin/pipesctl.js`, 'people', 'list'];
  const timed = existsSync(GNU_TIME) ? [GNU_TIME, '-f', '%M', '-o', memFile, ...cmd] : cmd;
  const [file, args] = terminal
    ? ['script', ['-qfec', `stty cols 120 rows 50; exec ${timed.map(shellQuote).join(' ')}`, '/dev/null']]
    : [timed[0], timed.slice(1)];
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(file, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (d) => (bytes += d.length));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) return reject(new Error(`people list (${terminal ? 'terminal' : 'piped'}) exited ${code}: ${stderr}`));
      const kb = existsSync(memFile) ? Number(readFileSync(memFile, 'utf8').trim().split('\n').pop()) : NaN;
      resolve({ ms, bytes, mib: Number.isFinite(kb) ? kb / 1024 : null });
    });
    child.stdin.end();
  });
}

export async function benchTable({ members = 50_000, runs = 2 } = {}) {
  const emulator = await startEmulatorProcess();
  const dir = mkdtempSync(join(tmpdir(), 'pipesctl-bench-table-'));
  const env = { ...process.env, PIPESCTL_CONFIG_DIR: dir, PIPES_HOST: emulator.url, PIPES_TOKEN: emulator.token, PIPES_ORG: 'acme', TERM: 'xterm-256color' };
  delete env.NO_COLOR;
  const results = [];
  try {
    await emulator.control('POST', '/_emulator/orgs/acme/members', { count: members });
    const tty = [];
    const piped = [];
    let peak = 0;
    // The first round warms the emulator's caches; it is not counted.
    for (let i = 0; i <= runs; i++) {
      const p = await runList({ terminal: false, env, dir });
      const t = await runList({ terminal: true, env, dir });
      if (t.bytes < members * 20) throw new Error(`the terminal table was only ${t.bytes} bytes`);
      if (i > 0) {
        piped.push(p.ms);
        tty.push(t.ms);
        if (t.mib !== null) peak = Math.max(peak, t.mib);
      }
    }
    const ratio = median(tty) / median(piped);
    const mem = peak || null;
    console.log(`\npeople list of ${members.toLocaleString('en-US')}+ members, terminal (pty, 120 columns) vs piped (median of ${runs})`);
    console.log(`  piped ${fmt(median(piped), 0)} ms, terminal ${fmt(median(tty), 0)} ms`);
    console.log(`  terminal/piped time ratio         ${fmt(ratio, 2)}   target ≤1.5   ${verdict(ratio <= 1.5)}`);
    console.log(`  terminal peak memory              ${fmt(mem)} MiB   target ≤150 MiB   ${verdict(mem !== null && mem <= 150)}`);
    results.push({ name: 'table terminal/piped ratio', value: ratio, ok: ratio <= 1.5 });
    results.push({ name: 'table terminal peak MiB', value: mem, ok: mem !== null && mem <= 150 });
    return results;
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchTable({ members: Number(process.argv[2] ?? 50_000) });
}
