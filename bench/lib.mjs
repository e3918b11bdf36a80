// Shared pieces of the benchmark scripts: timing child processes, peak memory, the emulator.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

export const root = new URL('..', import.meta.url).pathname;
const GNU_TIME = '/usr/bin/time';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Wall-clock milliseconds of one run of `cmd args` (stdout/stderr discarded); throws on a non-zero exit. */
export function timeOnce(cmd, args, env = process.env) {
  const start = process.hrtime.bigint();
  const res = spawnSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${res.status}: ${res.stderr}`);
  return ms;
}

/**
 * Median wall time of several commands, interleaved run by run so that a busy moment of the
 * machine weighs on all of them alike.
 */
export function medians(commands, runs) {
  const times = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    commands.forEach((c, j) => times[j].push(timeOnce(c.cmd, c.args, c.env)));
  }
  return times.map(median);
}

/** Peak resident memory (MB) of one run, from GNU time; null where it is not installed. */
export function peakMemoryMb(cmd, args, env = process.env) {
  if (!existsSync(GNU_TIME)) return null;
  const res = spawnSync(GNU_TIME, ['-f', '%M', cmd, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const kb = Number(res.stderr.trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : null;
}

/** Starts bin/pipes-emulator.js on a free port in a child process (so it does not share our CPU time accounting). */
export async function startEmulatorProcess(extraArgs = []) {
  const child = spawn(process.execPath, [`${root}bin/pipes-emulator.js`, '--port', '0', '--db', ':memory:', '--print-json', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`pipes-emulator exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
  });
  return {
    ...ready,
    async control(method, path, body) {
      const res = await fetch(`${ready.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    stop: () => stopChild(child),
  };
}

/** SIGTERM to a child; resolves once it has exited (so the next figure has the machine to itself). */
export function stopChild(child) {
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}

export function fmt(n, digits = 1) {
  return n === null || n === undefined ? 'n/a' : n.toFixed(digits);
}

export function verdict(ok) {
  return ok ? 'ok' : 'OVER TARGET';
}

/** pipesctl as a whole process: its exit code, output and wall time in ms. */
export function runPipesctl(args, env) {
  return runNode([`${root}bin/pipesctl.js`, ...args], env);
}

/** node with `args` as a whole process: its exit code, output and wall time in ms. */
export function runNode(args, env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Number(process.hrtime.bigint() - start) / 1e6 }));
  });
}
