import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { PIPESCTL_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  test: {
    include: ['test/**/*.test.ts'],
    // Tests start real emulators and child processes; two cores, so keep parallelism modest.
    pool: 'forks',
    // One process runs many test files (isolate: false): each file would otherwise pay for a
    // fresh process that loads vitest and transforms src/ again, half the CPU of a whole run.
    // Test files therefore leave no global state behind (cwd, env, listeners, mocks).
    poolOptions: { forks: { maxForks: 2, minForks: 1, isolate: false } },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // No global build: the tests that run dist/ build it when it is stale (test/helpers/build.ts).
  },
});
