// Shared by the people command tests: a context per test against one emulator, direct API
// calls to check the emulator's state, bulk data, and temporary input files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { OrgUser } from '../../../src/api/types';
import { createTestContext, type TestContext, type TestContextOptions } from '../../helpers/context';
import { useEmulator, type LoggedRequest, type TestEmulator } from '../../helpers/emulator';

export interface PeopleTestKit {
  emu(): TestEmulator;
  /** A context acting on acme as demo (its owner) unless the options say otherwise. */
  make(opts?: TestContextOptions): TestContext;
  /** A file in a fresh temporary directory, removed after the test. */
  file(name: string, content: string | Buffer): string;
  /** A path in a fresh temporary directory that does not exist yet. */
  path(name: string): string;
}

/** One emulator per test file, reset to the seed before each test. */
export function usePeopleTests(): PeopleTestKit {
  let emu: TestEmulator;
  const contexts: TestContext[] = [];
  const dirs: string[] = [];
  beforeAll(async () => {
    emu = await useEmulator();
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    await emu.setFaults({});
    await emu.reset();
    await emu.clearRequests();
  });
  afterEach(() => {
    for (const t of contexts.splice(0)) t.cleanup();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipesctl-people-'));
    dirs.push(dir);
    return dir;
  };
  return {
    emu: () => emu,
    make(opts = {}) {
      const t = createTestContext({ emulator: emu, ...opts, env: { PIPES_TOKEN: emu.token, PIPES_ORG: 'acme', ...opts.env } });
      contexts.push(t);
      return t;
    },
    file(name, content) {
      const path = join(tempDir(), name);
      writeFileSync(path, content);
      return path;
    },
    path: (name) => join(tempDir(), name),
  };
}

/** Every member and invitation of `org`, straight from the API (all pages). */
export async function membersOf(emu: TestEmulator, org = 'acme'): Promise<OrgUser[]> {
  const all: OrgUser[] = [];
  let next: string | undefined;
  do {
    const qs = new URLSearchParams({ limit: '100', ...(next ? { next_token: next } : {}) });
    const res = await fetch(`${emu.url}/api/v0/org/${org}/member?${qs}`, { headers: { authorization: `Bearer ${emu.token}` } });
    if (!res.ok) throw new Error(`listing members of ${org}: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { items?: OrgUser[]; next_token?: string };
    all.push(...(page.items ?? []));
    next = page.next_token || undefined;
  } while (next);
  return all;
}

/** Adds `count` accepted members (`prefix-1`...) to `org` in one go. */
export async function addBulkMembers(emu: TestEmulator, org: string, count: number, opts: { prefix?: string; role?: string; status?: string } = {}): Promise<void> {
  const res = await fetch(`${emu.url}/_emulator/orgs/${org}/members`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count, ...opts }),
  });
  if (!res.ok) throw new Error(`bulk members: ${res.status} ${await res.text()}`);
}

/** The requests of the log that change something (everything but GET). */
export function mutations(log: readonly LoggedRequest[]): LoggedRequest[] {
  return log.filter((r) => r.method !== 'GET');
}

/** The emails (display names with an @) and handles of the members, lower case. */
export function memberNames(members: readonly OrgUser[]): string[] {
  return members.map((m) => (m.user?.display_name?.includes('@') ? m.user.display_name.toLowerCase() : m.user_handle));
}
