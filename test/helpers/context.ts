// A Context for command tests: buffer streams (not terminals unless asked), a scripted
// prompter, a fixed clock, a fresh config dir and home dir, and the real API client pointed
// at whatever host the test gives (usually an emulator from useEmulator()).
//
//   const t = createTestContext({ emulator: emu, env: { PIPES_TOKEN: emu.token } });
//   expect(await t.run(['org', 'list', '--json'])).toBe(0);
//   JSON.parse(t.stdout());
//   t.cleanup();
//
// In a test file, useTestContexts() gives a make(opts) whose contexts are cleaned up after
// each test (and useCommandTests() in command-tests.ts one against a shared emulator).
//
// run() goes through the same program and error mapping as the real executable, so exit
// codes are checked in-process. stdout()/stderr() hold what the latest run() printed (or,
// before any run, what direct runX(t.ctx, ...) calls printed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createPipesApi } from '../../src/api/index';
import { Context, type ApiClient, type ContextDeps, type Env, type GlobalOptions } from '../../src/cli/context';
import { runCli } from '../../src/cli/run';
import { FileConfigStore } from '../../src/config/store';
import { ScriptedPrompter } from './scripted-prompter';
import { testStreams, type TestStreams } from './streams';

export const FIXED_NOW = new Date('2026-03-15T12:00:00Z');

export interface TestContextOptions {
  /** Sets PIPES_HOST to its URL (unless env says otherwise). */
  emulator?: { url: string };
  /** The whole environment the command sees; nothing is inherited from the test process. */
  env?: Record<string, string | undefined>;
  /** Makes stdin, stdout and stderr terminals (each can be flipped later on `t.streams.io`). */
  tty?: boolean;
  stdin?: string;
  prompter?: ScriptedPrompter;
  /** Global options for direct runX(t.ctx, ...) calls (run() parses its own). */
  options?: Partial<GlobalOptions>;
  now?: Date;
  /** Defaults to a fresh temporary directory. */
  configDir?: string;
  homeDir?: string;
  /** What "opening the browser" does; by default it records the URL. */
  openBrowser?: (url: string) => Promise<void>;
  /** Changes the real client before commands use it, e.g. to drop an answer's body or race a change. */
  wrapApi?: (api: ApiClient) => ApiClient;
}

export interface TestContext {
  ctx: Context;
  stdout(): string;
  stderr(): string;
  /** Runs `pipesctl ...argv` in-process and resolves to its exit code. */
  run(argv: string[]): Promise<number>;
  prompter: ScriptedPrompter;
  streams: TestStreams;
  store: FileConfigStore;
  configDir: string;
  homeDir: string;
  /** URLs handed to openBrowser (by the default openBrowser). */
  openedUrls: string[];
  /** Acts as a Ctrl-C (SIGINT) on the command running now. */
  interrupt(): void;
  /** Removes the temporary directories this helper made. */
  cleanup(): void;
}

export function createTestContext(opts: TestContextOptions = {}): TestContext {
  const made: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
  const configDir = opts.configDir ?? join(tempDir('pipesctl-test-config-'), 'pipesctl');
  const homeDir = opts.homeDir ?? tempDir('pipesctl-test-home-');
  const streams = testStreams({ stdin: opts.stdin, tty: opts.tty });
  const env: Env = { ...(opts.emulator ? { PIPES_HOST: opts.emulator.url } : {}), ...opts.env };
  const prompter = opts.prompter ?? new ScriptedPrompter();
  const store = new FileConfigStore({ dir: configDir, onWarning: (m) => streams.io.stderr.write(`! ${m}\n`) });
  const openedUrls: string[] = [];
  const now = opts.now ?? FIXED_NOW;

  // Ctrl-C as the test sends it with t.interrupt(); never the test process's own SIGINT.
  const interruptHandlers = new Set<() => void>();
  const deps: ContextDeps = {
    interrupts: {
      listen(handler) {
        interruptHandlers.add(handler);
        return () => interruptHandlers.delete(handler);
      },
    },
    io: streams.io,
    env,
    prompter,
    store,
    clock: { now: () => new Date(now) },
    homeDir,
    openBrowser:
      opts.openBrowser ??
      (async (url) => {
        openedUrls.push(url);
      }),
    // No waiting between retries: fault tests stay fast.
    createApi: (clientOpts) => {
      const api = createPipesApi({ ...clientOpts, sleep: async () => undefined });
      return opts.wrapApi ? opts.wrapApi(api) : api;
    },
  };

  let outMark = 0;
  let errMark = 0;
  return {
    ctx: new Context(deps, opts.options),
    stdout: () => streams.stdout().slice(outMark),
    stderr: () => streams.stderr().slice(errMark),
    async run(argv) {
      outMark = streams.stdout().length;
      errMark = streams.stderr().length;
      const code = await runCli(deps, argv);
      // A question the script did not expect fails the test, even if the command swallowed it.
      if (prompter.failures.length > 0) throw prompter.failures[0];
      return code;
    },
    prompter,
    streams,
    store,
    configDir,
    homeDir,
    openedUrls,
    interrupt() {
      for (const handler of [...interruptHandlers]) handler();
    },
    cleanup() {
      for (const dir of made) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Registers an afterEach that cleans up every context the returned make() made during the test. */
export function useTestContexts(): (opts?: TestContextOptions) => TestContext {
  const made: TestContext[] = [];
  afterEach(() => {
    for (const t of made.splice(0)) t.cleanup();
  });
  return (opts) => {
    const t = createTestContext(opts);
    made.push(t);
    return t;
  };
}
