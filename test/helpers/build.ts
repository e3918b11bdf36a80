// dist/ for the tests that run the built executables, built only when one of them runs and
// the build is older than what it is built from. Test files run in parallel processes, so the
// check and the build happen under a lock: the first process builds, the others wait for it
// and then find the build current.
//
//   await ensureBuilt();   // runCli and runInTerminal call it; call it before spawning dist/ yourself
//
// PIPESCTL_SKIP_BUILD=1 uses dist/ as it is.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { lock } from 'proper-lockfile';

const ROOT = new URL('../..', import.meta.url).pathname;
/** The files a build needs; missing ones mean no (or a half-made) build. */
const OUTPUTS = ['pipesctl.cjs', 'emulator.js', 'emulator-lib.js'];
/** What a build is made from: the sources, the build scripts and the dependencies (and bin/, which makes the code cache). */
const INPUTS = ['src', 'bin', 'package.json', 'package-lock.json', 'tsconfig.json'];
const BUILD_SCRIPTS = /^build.*\.m?js$/;

let built: Promise<void> | undefined;

/** Builds dist/ unless it is newer than every input; once per process. */
export function ensureBuilt(): Promise<void> {
  built ??= process.env.PIPESCTL_SKIP_BUILD === '1' ? Promise.resolve() : buildIfStale(ROOT).then(() => undefined);
  return built;
}

/** Builds `root`'s dist/ with its scripts/build.mjs when stale, under a lock; resolves to whether this call built it. */
export async function buildIfStale(root: string): Promise<boolean> {
  if (!isStale(root)) return false;
  const cacheDir = join(root, 'node_modules', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  // A build takes a few seconds; a waiting process polls for up to ten minutes. A holder that
  // died leaves a lock that goes stale after 30 s and is then taken over.
  const release = await lock(root, {
    realpath: false,
    lockfilePath: join(cacheDir, 'pipesctl-build.lock'),
    stale: 30_000,
    retries: { retries: 3000, minTimeout: 200, maxTimeout: 200, factor: 1 },
  });
  try {
    if (!isStale(root)) return false; // another process built it while this one waited
    await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: root, maxBuffer: 16 << 20 });
    return true;
  } finally {
    await release();
  }
}

/** True when an output is missing or some input changed after the oldest output was written. */
export function isStale(root: string): boolean {
  let oldestOutput = Infinity;
  for (const name of OUTPUTS) {
    try {
      oldestOutput = Math.min(oldestOutput, statSync(join(root, 'dist', name)).mtimeMs);
    } catch {
      return true;
    }
  }
  const scripts = readdirSync(join(root, 'scripts')).filter((name) => BUILD_SCRIPTS.test(name));
  return [...INPUTS, ...scripts.map((name) => join('scripts', name))].some((name) => newestMtime(join(root, name)) > oldestOutput);
}

function newestMtime(path: string): number {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  // A directory's own mtime changes when a file in it is added, removed or renamed.
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}
