// Start-up: median whole-process time of pipesctl invocations, each as a ratio to `node -e 0`
// measured in the same run, and their peak memory. The npm package's bin (node bin/pipesctl.js),
// and the single executable when `npm run build:binary` has made it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, medians, peakMemoryMb, root, startEmulatorProcess, verdict } from './lib.mjs';

export async function benchStartup({ runs = 21 } = {}) {
  const emulator = await startEmulatorProcess();
  const configDir = mkdtempSync(join(tmpdir(), 'pipesctl-bench-'));
  try {
    const env = { ...process.env, PIPESCTL_CONFIG_DIR: configDir, PIPES_HOST: emulator.url, PIPES_TOKEN: emulator.token };
    const node = process.execPath;
    const bin = `${root}bin/pipesctl.js`;
    const exe = `${root}dist/pipesctl-${process.platform}-${process.arch}${process.platform === 'win32' ? '.exe' : ''}`;
    const commands = [
      { args: ['--version'], fastest: true },
      { args: ['--help'], target: 1.4 },
      { args: ['org', 'list', '--json'], target: 1.6 },
    ];
    const cases = [{ name: 'node -e 0 (baseline)', cmd: node, args: ['-e', '0'], env }];
    for (const c of commands) cases.push({ ...c, name: `pipesctl ${c.args.join(' ')}`, cmd: node, args: [bin, ...c.args], env });
    if (existsSync(exe)) {
      for (const c of commands) cases.push({ name: `executable ${c.args.join(' ')}`, cmd: exe, args: c.args, env, target: c.target, asFastAs: `pipesctl ${c.args.join(' ')}` });
    }
    medians(cases, 3); // warm the file cache and the emulator
    const times = medians(cases, runs);
    const base = times[0];
    const byName = new Map(cases.map((c, i) => [c.name, times[i]]));
    const fastestOther = Math.min(...cases.map((c, i) => (i > 0 && !c.fastest && !c.asFastAs ? times[i] : Infinity)));
    console.log(`\nStart-up (median of ${runs} runs each, interleaved; ratio to node -e 0 in this run)`);
    console.log('command'.padEnd(32), 'median ms'.padStart(10), 'ratio'.padStart(7), 'target'.padStart(7), 'peak MB'.padStart(8), '');
    const results = cases.map((c, i) => {
      const ratio = times[i] / base;
      const mem = peakMemoryMb(c.cmd, c.args, c.env);
      let ok = c.target === undefined || ratio <= c.target;
      // The goal for --version is to stay the fastest command, not a ratio.
      const notes = [];
      if (c.fastest) ok &&= times[i] < fastestOther;
      if (c.asFastAs) notes.push(`${fmt(times[i] / byName.get(c.asFastAs), 2)}× the npm bin`);
      console.log(
        c.name.padEnd(32),
        fmt(times[i]).padStart(10),
        fmt(ratio, 2).padStart(7),
        (c.target ? `≤${c.target}` : c.fastest ? 'fastest' : '').padStart(7),
        fmt(mem).padStart(8),
        c.target || c.fastest ? verdict(ok) : '',
        notes.join('; '),
      );
      return { name: c.name, ms: times[i], ratio, peakMb: mem, target: c.target, ok: c.target || c.fastest ? ok : undefined };
    });
    return results;
  } finally {
    await emulator.stop();
    rmSync(configDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchStartup();
