// Start-up: median whole-process time of three pipesctl invocations, each as a ratio to
// `node -e 0` measured in the same run, and their peak memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, medians, peakMemoryMb, root, startEmulatorProcess, verdict } from './lib.mjs';

export async function benchStartup({ runs = 21 } = {}) {
  const emulator = await startEmulatorProcess();
  const configDir = mkdtempSync(join(tmpdir(), 'pipesctl-bench-'));
  try {
    const env = { ...process.env, PIPESCTL_CONFIG_DIR: configDir, PIPES_HOST: emulator.url, PIPES_TOKEN: emulator.token };
    const bin = `${root}bin/pipesctl.js`;
    const node = process.execPath;
    const cases = [
      { name: 'node -e 0 (baseline)', cmd: node, args: ['-e', '0'], env },
      { name: 'pipesctl --version', cmd: node, args: [bin, '--version'], env, target: 1.2 },
      { name: 'pipesctl --help', cmd: node, args: [bin, '--help'], env, target: 1.4 },
      { name: 'pipesctl org list --json', cmd: node, args: [bin, 'org', 'list', '--json'], env, target: 1.8 },
    ];
    medians(cases, 3); // warm the file cache and the emulator
    const times = medians(cases, runs);
    const base = times[0];
    console.log(`\nStart-up (median of ${runs} runs each, interleaved; ratio to node -e 0 in this run)`);
    console.log('command'.padEnd(30), 'median ms'.padStart(10), 'ratio'.padStart(7), 'target'.padStart(7), 'peak MB'.padStart(8), '');
    const results = cases.map((c, i) => {
      const ratio = times[i] / base;
      const mem = peakMemoryMb(c.cmd, c.args, c.env);
      const ok = c.target === undefined || ratio <= c.target;
      console.log(
        c.name.padEnd(30),
        fmt(times[i]).padStart(10),
        fmt(ratio, 2).padStart(7),
        (c.target ? `≤${c.target}` : '').padStart(7),
        fmt(mem).padStart(8),
        c.target ? verdict(ok) : '',
      );
      return { name: c.name, ms: times[i], ratio, peakMb: mem, target: c.target, ok };
    });
    return results;
  } finally {
    emulator.stop();
    rmSync(configDir, { recursive: true, force: true });
  }
}
