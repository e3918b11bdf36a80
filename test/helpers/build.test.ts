// The lazy build of dist/ for the tests that run it: built when missing or older than an input,
// not otherwise, and once for callers that ask at the same time.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIfStale, isStale } from './build';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pipesctl-build-test-'));
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  mkdirSync(join(root, 'scripts'));
  mkdirSync(join(root, 'bin'));
  writeFileSync(join(root, 'src', 'cli', 'main.ts'), 'export {};\n');
  writeFileSync(join(root, 'package.json'), '{}\n');
  writeFileSync(join(root, 'scripts', 'demo.mjs'), '\n');
  // A stand-in build: counts its runs, takes a moment, writes the outputs.
  writeFileSync(
    join(root, 'scripts', 'build.mjs'),
    `import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
appendFileSync('builds.log', 'built\\n');
await new Promise((r) => setTimeout(r, 100));
mkdirSync('dist', { recursive: true });
for (const f of ['pipesctl.cjs', 'emulator.js', 'emulator-lib.js']) writeFileSync('dist/' + f, '');
`,
  );
  age(join(root, 'src', 'cli', 'main.ts'), join(root, 'package.json'), join(root, 'scripts', 'build.mjs'), join(root, 'scripts', 'demo.mjs'), join(root, 'src', 'cli'), join(root, 'src'), join(root, 'scripts'), join(root, 'bin'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Sets the files' times a minute back, so that what the build writes is newer. */
function age(...paths: string[]): void {
  const then = new Date(Date.now() - 60_000);
  for (const p of paths) utimesSync(p, then, then);
}

const builds = () => readFileSync(join(root, 'builds.log'), 'utf8').split('\n').filter(Boolean).length;

describe('the lazy build of dist/', () => {
  it('builds once for callers that ask together, then not again until an input changes', async () => {
    expect(isStale(root)).toBe(true);
    const results = await Promise.all([buildIfStale(root), buildIfStale(root), buildIfStale(root)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(builds()).toBe(1);
    expect(isStale(root)).toBe(false);
    expect(await buildIfStale(root)).toBe(false);

    // A script that is not a build script changes nothing; a source file does.
    writeFileSync(join(root, 'scripts', 'demo.mjs'), '// changed\n');
    expect(isStale(root)).toBe(false);
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), 'export const changed = 1;\n');
    expect(isStale(root)).toBe(true);
    expect(await buildIfStale(root)).toBe(true);
    expect(builds()).toBe(2);
  });

  it('a missing output or a new file in src/ makes the build stale', async () => {
    await buildIfStale(root);
    rmSync(join(root, 'dist', 'emulator.js'));
    expect(isStale(root)).toBe(true);
    await buildIfStale(root);
    expect(isStale(root)).toBe(false);
    writeFileSync(join(root, 'src', 'new.ts'), '');
    expect(isStale(root)).toBe(true);
  });
});
