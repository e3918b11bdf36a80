// A client pointed at a test server, with instant recorded sleeps and a fixed jitter, so retry
// tests are fast and deterministic.
import { HttpClient, type ClientOptions } from '../../src/api/client';

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

/** The rejection of a promise that must fail. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the request to fail, but it succeeded');
}
