// A client pointed at a test server, with instant recorded sleeps and a fixed jitter, so retry
// tests are fast and deterministic.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { HttpClient, type ClientOptions } from '../../src/api/client';
import { startTestServer, type Handler, type TestServer } from '../helpers/http-server';

export const TEST_TOKEN = 'tpt_c0ffee5ecret1234567890abcdefghij';

export interface TestClient {
  client: HttpClient;
  /** Every backoff the client asked for, in ms. */
  sleeps: number[];
  /** Every debug trace line. */
  trace: string[];
}

export function testClient(serverUrl: string, overrides: Partial<ClientOptions> = {}): TestClient {
  const sleeps: number[] = [];
  const trace: string[] = [];
  const client = new HttpClient({
    baseUrl: `${serverUrl}/api/v0`,
    token: TEST_TOKEN,
    userAgent: 'pipesctl/test',
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    debug: (line) => void trace.push(line),
    ...overrides,
  });
  return { client, sleeps, trace };
}

export interface ClientServer {
  /** The file's test server, started before its first test; its requests are cleared after each test. */
  readonly server: TestServer;
  /** A client for this test (against the test server unless a URL is given), closed after it. */
  connect(overrides?: Partial<ClientOptions>, url?: string): TestClient;
}

/** One test server for a file and a fresh client per test; `handler`, if given, is restored after each test. */
export function useClientServer(handler?: Handler): ClientServer {
  let server: TestServer | undefined;
  let clients: TestClient[] = [];
  beforeAll(async () => {
    server = await startTestServer(handler);
  });
  afterAll(() => server?.close());
  afterEach(async () => {
    await Promise.all(clients.map((t) => t.client.close()));
    clients = [];
    if (!server) return;
    server.requests.length = 0;
    if (handler) server.setHandler(handler);
  });
  return {
    get server() {
      if (!server) throw new Error('the test server is not started yet');
      return server;
    },
    connect(overrides = {}, url) {
      const t = testClient(url ?? this.server.url, overrides);
      clients.push(t);
      return t;
    },
  };
}

/** The rejection of a promise that must fail. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the request to fail, but it succeeded');
}
