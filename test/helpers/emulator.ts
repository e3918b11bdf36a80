// One in-process emulator for a test file: port 0, an in-memory database, the demo seed.
//
//   const emu = useFileEmulator();            // at the top of the file: started, reset and closed for you
//   emu().token                               // inside hooks and tests
//
// or by hand:
//
//   const emu = await useEmulator();         // in beforeAll
//   await emu.reset();                        // back to the seed (e.g. in beforeEach)
//   await emu.close();                        // in afterAll
//
// `token` is the seed user demo's (owner of `acme` and `hobby`); `janeToken` is jane's, a
// plain member of `acme`. Both stay valid across reset().
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startEmulator } from '../../src/emulator/index';
import { requestProblems } from './openapi';

export interface LoggedRequest {
  method: string;
  /** The path with its query string, e.g. `/api/v0/org/acme/member?limit=100`. */
  path: string;
  /** 0 when the connection was dropped by a fault. */
  status: number;
}

/** A log entry with what the request carried. */
export interface SentRequest extends LoggedRequest {
  /** Parsed JSON, or a note such as `(multipart/form-data)`. */
  body?: unknown;
  userAgent?: string;
}

export interface TestEmulator {
  url: string;
  token: string;
  janeToken: string;
  close(): Promise<void>;
  reset(): Promise<void>;
  requests(): Promise<LoggedRequest[]>;
  /** The log with bodies and user agents. */
  sentRequests(): Promise<SentRequest[]>;
  clearRequests(): Promise<void>;
  /** `{rate, statuses, latency_ms, retry_after_s, reset_connections, processed_rate, seed, methods}`; `{}` turns faults off. */
  setFaults(f: object): Promise<void>;
  /** A new user with a token; with `org`, an accepted member of it (`role` default member). */
  makeUser(handle: string, opts?: { org?: string; role?: string; email?: string }): Promise<{ token: string }>;
}

async function control(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`emulator control ${method} /_emulator/${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

export async function useEmulator(): Promise<TestEmulator> {
  const emu = await startEmulator({ port: 0, db: ':memory:', seed: 'demo' });
  const seed = (await control(emu.url, 'GET', 'seed')) as { tokens: Record<string, string> };
  return {
    url: emu.url,
    token: emu.token,
    janeToken: seed.tokens.jane!,
    close: () => emu.close(),
    reset: async () => {
      await control(emu.url, 'POST', 'reset');
    },
    requests: async () => {
      const log = (await control(emu.url, 'GET', 'requests')) as { items: LoggedRequest[] };
      return log.items.map(({ method, path, status }) => ({ method, path, status }));
    },
    sentRequests: async () => ((await control(emu.url, 'GET', 'requests')) as { items: SentRequest[] }).items,
    clearRequests: async () => {
      await control(emu.url, 'DELETE', 'requests');
    },
    setFaults: async (f) => {
      await control(emu.url, 'POST', 'faults', f);
    },
    makeUser: async (handle, opts = {}) => {
      const made = (await control(emu.url, 'POST', 'users', { handle, ...opts })) as { token: string };
      return { token: made.token };
    },
  };
}

export interface FileEmulatorOptions {
  /** Keep the request log across the file's tests (a test that reads what the whole file sent). */
  keepRequests?: boolean;
}

/**
 * Registers hooks for one emulator per test file: started before the file's tests, closed
 * after them, and before each test reset to the seed (which also turns faults off) with an
 * empty request log. Returns a getter, as the emulator exists only once the tests run.
 */
export function useFileEmulator(opts: FileEmulatorOptions = {}): () => TestEmulator {
  let emu: TestEmulator | undefined;
  const problems: string[] = [];
  beforeAll(async () => {
    emu = await useEmulator();
  });
  afterAll(async () => {
    if (!emu) return;
    problems.push(...(await pipesctlRequestProblems(emu)));
    await emu.close();
    if (problems.length > 0) throw new Error(`pipesctl sent requests the API document does not allow:\n  ${problems.join('\n  ')}`);
  });
  beforeEach(async () => {
    if (!opts.keepRequests) problems.push(...(await pipesctlRequestProblems(emu!)));
    await emu!.reset();
    if (!opts.keepRequests) await emu!.clearRequests();
  });
  return () => {
    if (!emu) throw new Error('the emulator starts in beforeAll: use it inside hooks and tests');
    return emu;
  };
}

/**
 * What is wrong, by the API document, with the requests pipesctl sent (told by its User-Agent
 * from the tests' own calls, which send bad requests on purpose): path parameters, query, body.
 * Each problem names the request once.
 */
export async function pipesctlRequestProblems(emu: TestEmulator): Promise<string[]> {
  const sent = (await emu.sentRequests()).filter((r) => r.userAgent?.startsWith('pipesctl/'));
  // The log masks login codes (code=******); any six digits stand in for what was sent.
  const unmasked = sent.map((r) => ({ ...r, path: r.path.replace(/([?&]code=)\*{6}(?=&|$)/, '$1000000') }));
  return [...new Set(unmasked.flatMap((r) => requestProblems(r)))];
}
