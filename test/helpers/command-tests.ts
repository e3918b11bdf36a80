// The shared setup of command tests: one emulator per test file, back to the seed with an
// empty request log before each test, and a context per make() against it, cleaned up (with
// any temporary files) after each test.
//
//   const { api, emu, make, sent } = useCommandTests({ org: 'acme' });
//
//   it('renames the org', async () => {
//     const t = make();                                        // demo's token, PIPES_ORG=acme
//     expect(await t.run(['org', 'handle', 'acme-corp', '--confirm', 'acme'])).toBe(0);
//     expect(await sent((r) => r.method === 'PATCH')).toEqual(['PATCH /api/v0/org/acme 200']);
//     expect((await api('GET', '/org/acme-corp')).status).toBe(200);
//     const jane = make({ env: { PIPES_TOKEN: emu().janeToken } }); // any env var; undefined removes it
//   });
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { apiClient, type ApiCall } from './api-client';
import { useTestContexts, type TestContext, type TestContextOptions } from './context';
import { useFileEmulator, type LoggedRequest, type TestEmulator } from './emulator';

export interface CommandTestDefaults {
  /**
   * The environment of every context, over PIPES_TOKEN (the seed user demo's token) and
   * PIPES_ORG; a key set to undefined is left out (`{ PIPES_TOKEN: undefined }`: logged out).
   */
  env?: Record<string, string | undefined>;
  /** PIPES_ORG for every context. */
  org?: string;
  /** The clock of every context, read when it is made (the default is FIXED_NOW). */
  now?: () => Date;
}

export interface CommandTestKit {
  emu(): TestEmulator;
  /** The emulator's host:port, the key of its logins and default org in the config. */
  hostKey(): string;
  /**
   * A context against the emulator with the file's defaults; `opts.env` is laid over the
   * default environment (a key set to undefined removes it).
   */
  make(opts?: TestContextOptions): TestContext;
  /** A file in a fresh temporary directory, removed after the test. */
  file(name: string, content: string | Buffer): string;
  /** A path in a fresh temporary directory that does not exist yet. */
  path(name: string): string;
  /** Calls the emulator's API directly, as demo unless `token` says otherwise: to set up or check state. */
  api: ApiCall;
  /** The requests logged since the test began (those `which` keeps), each as `METHOD path status`. */
  sent(which?: (r: LoggedRequest) => boolean): Promise<string[]>;
}

export function useCommandTests(defaults: CommandTestDefaults = {}): CommandTestKit {
  const emu = useFileEmulator();
  const newContext = useTestContexts();
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipesctl-test-files-'));
    dirs.push(dir);
    return dir;
  };
  return {
    emu,
    hostKey: () => new URL(emu().url).host,
    make(opts = {}) {
      const env = {
        PIPES_TOKEN: emu().token,
        ...(defaults.org === undefined ? {} : { PIPES_ORG: defaults.org }),
        ...defaults.env,
        ...opts.env,
      };
      return newContext({ emulator: emu(), now: defaults.now?.(), ...opts, env: withoutUndefined(env) });
    },
    file(name, content) {
      const path = join(tempDir(), name);
      writeFileSync(path, content);
      return path;
    },
    path: (name) => join(tempDir(), name),
    api: apiClient(emu),
    sent: async (which = () => true) => (await emu().requests()).filter(which).map(requestLine),
  };
}

/** A logged request as `METHOD path status`, e.g. `DELETE /api/v0/org/hobby 200`. */
function requestLine(r: LoggedRequest): string {
  return `${r.method} ${r.path} ${r.status}`;
}

/**
 * A context whose member `invite` or `remove` calls are watched: `onStart(n, t)` runs as the
 * n-th call starts (to press Ctrl-C there, say), and `peak()` is the most that were in flight
 * at once.
 */
export function watchMemberCalls(
  kit: Pick<CommandTestKit, 'make'>,
  method: 'invite' | 'remove',
  onStart: (n: number, t: TestContext) => void = () => undefined,
): { t: TestContext; peak: () => number } {
  let t!: TestContext;
  let started = 0;
  let inFlight = 0;
  let peak = 0;
  t = kit.make({
    wrapApi: (api) => {
      const call = api.members[method] as (...args: unknown[]) => Promise<unknown>;
      return {
        ...api,
        members: {
          ...api.members,
          [method]: async (...args: unknown[]) => {
            onStart(++started, t);
            peak = Math.max(peak, ++inFlight);
            try {
              return await call.apply(api.members, args);
            } finally {
              inFlight--;
            }
          },
        },
      };
    },
  });
  return { t, peak: () => peak };
}

/** A request that changes something: anything but a GET. */
export function isMutation(r: LoggedRequest): boolean {
  return r.method !== 'GET';
}

// The command sees exactly the variables that are set, as it would in a real environment.
function withoutUndefined(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
