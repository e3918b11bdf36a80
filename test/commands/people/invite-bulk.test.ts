// people invite at scale and under pressure: a service that keeps answering 429, an org too
// big to read whole, Ctrl-C in the middle of a run, long runs on a terminal, and the retry
// file written whole.
import { lstatSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../src/cli/context';
import type { TestContext } from '../../helpers/context';
import { watchMemberCalls } from '../../helpers/command-tests';
import { addBulkMembers, mutations, usePeopleTests } from './helpers';

const kit = usePeopleTests();
const INVITE_PATH = '/api/v0/org/acme/member/invite';

interface Report {
  results: { input: string; outcome: string; error?: { code: string; status: number | null; message: string } }[];
  summary: { invited: number; skipped: number; failed: number };
}

function csvOf(emails: readonly string[]): string {
  return `email\n${emails.join('\n')}\n`;
}

/** The email of each logged invitation POST, in the order sent. */
async function invitePosts(): Promise<{ email: string; status: number }[]> {
  const sent = await kit.emu().sentRequests();
  return sent
    .filter((r) => r.method === 'POST' && r.path === INVITE_PATH)
    .map((r) => ({ email: String((r.body as { email?: string; handle?: string }).email ?? (r.body as { handle?: string }).handle), status: r.status }));
}

describe('a service that keeps answering 429 to invitations', () => {
  it('one invitation: at most 6 POSTs, exit 1, and a message that names the rate limit', async () => {
    await kit.emu().setFaults({ rate: 1, statuses: [429], methods: ['POST'], retry_after_s: 0 });
    const t = kit.make();
    expect(await t.run(['people', 'invite', 'steady@example.com'])).toBe(1);
    const posts = await invitePosts();
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.length).toBeLessThanOrEqual(6);
    expect(posts.every((p) => p.status === 429)).toBe(true);
    expect(t.stderr()).toMatch(/rate limit/i);
    expect(t.stderr()).toContain('429');
  });

  it('every row rate-limited: each gets at most 6 POSTs, the run finishes, exit 1 (all failed), all listed for a retry', async () => {
    await kit.emu().setFaults({ rate: 1, statuses: [429], methods: ['POST'], retry_after_s: 0 });
    const emails = ['r1@example.com', 'r2@example.com', 'r3@example.com', 'r4@example.com'];
    const retry = kit.path('retry.csv');
    const t = kit.make();
    expect(await t.run(['people', 'invite', ...emails, '--failed-to', retry, '--json'])).toBe(1);
    const report = JSON.parse(t.stdout()) as Report;
    expect(report.summary).toEqual({ invited: 0, skipped: 0, failed: 4 });
    expect(report.results.every((r) => r.error?.status === 429 && r.error.code === 'rate_limited')).toBe(true);
    const posts = await invitePosts();
    for (const email of emails) {
      const mine = posts.filter((p) => p.email === email).length;
      expect(mine).toBeGreaterThan(0);
      expect(mine).toBeLessThanOrEqual(6);
    }
    expect(readFileSync(retry, 'utf8')).toBe(`email,handle,role\n${emails.map((e) => `${e},,member`).join('\n')}\n`);
    expect(JSON.parse(t.stderr()).error).toMatchObject({ code: 'all_failed', status: 429 });
  });

  it('rows the client gave up on fail alone; the others are invited (exit 5), none is sent more than 6 times', async () => {
    // The lookups (GET) are never faulted, so only invitations meet the 429s.
    await kit.emu().setFaults({ rate: 0.8, statuses: [429], methods: ['POST'], retry_after_s: 0, seed: 7 });
    const emails = Array.from({ length: 12 }, (_, i) => `mix${i}@example.com`);
    const t = kit.make();
    const code = await t.run(['people', 'invite', ...emails, '--concurrency', '1', '--json']);
    const report = JSON.parse(t.stdout()) as Report;
    expect(report.results.map((r) => r.input)).toEqual(emails);
    expect(report.summary.invited).toBeGreaterThan(0);
    expect(report.summary.failed).toBeGreaterThan(0);
    expect(code).toBe(5);
    const posts = await invitePosts();
    for (const email of emails) expect(posts.filter((p) => p.email === email).length).toBeLessThanOrEqual(6);
    for (const r of report.results.filter((x) => x.outcome === 'failed')) expect(r.error?.status).toBe(429);
  });
});

describe('--if-exists skip in a large org looks up only the people it invites', () => {
  it('10 invites into an org of 5,000: at most 40 requests, and not the whole member list', async () => {
    await addBulkMembers(kit.emu(), 'acme', 5000, { prefix: 'big' });
    await kit.emu().makeUser('newbie');
    await kit.emu().clearRequests();
    const people = ['big-17', 'big-4321', 'jane', 'newbie', ...Array.from({ length: 6 }, (_, i) => `fresh${i}@example.com`)];
    const t = kit.make();
    expect(await t.run(['people', 'invite', ...people, '--if-exists', 'skip', '--json'])).toBe(0);
    const report = JSON.parse(t.stdout()) as Report;
    expect(report.results.map((r) => [r.input, r.outcome])).toEqual(people.map((p) => [p, ['big-17', 'big-4321', 'jane'].includes(p) ? 'skipped' : 'invited']));
    const log = await kit.emu().requests();
    expect(log.length).toBeLessThanOrEqual(40);
    const listPages = log.filter((r) => r.method === 'GET' && /\/org\/acme\/member\?/.test(r.path) && !r.path.includes('q='));
    expect(listPages.length).toBeLessThan(50); // a full read takes 51 pages
    // Those not in the pages read are looked up one by one: by handle, and by the q search for an email.
    expect(log.map((r) => `${r.method} ${r.path}`)).toContain('GET /api/v0/org/acme/member/newbie');
    expect(log.some((r) => r.path.includes('q=fresh0%40example.com'))).toBe(true);
  });

  it('a small org is read whole once: no lookup per person', async () => {
    const people = ['jane', 'bob', 'small1@example.com', 'small2@example.com'];
    const t = kit.make();
    expect(await t.run(['people', 'invite', ...people, '--if-exists', 'skip', '--json'])).toBe(0);
    const gets = (await kit.emu().requests()).filter((r) => r.method === 'GET').map((r) => r.path);
    expect(gets.filter((p) => p.startsWith('/api/v0/org/acme/member?'))).toHaveLength(1);
    expect(gets.filter((p) => p.startsWith('/api/v0/org/acme/member/') || p.includes('q='))).toEqual([]);
  });
});

describe('Ctrl-C during a bulk invite', () => {
  /** A context whose invitations call `onInvite(n)` as the n-th one starts. */
  function interruptible(onInvite: (n: number, t: TestContext) => void): TestContext {
    return watchMemberCalls(kit, 'invite', onInvite).t;
  }

  it('stops sending, lets those in flight finish, prints the summary, writes everyone not invited to --failed-to, exit 130', async () => {
    const emails = Array.from({ length: 30 }, (_, i) => `stop${i}@example.com`);
    const file = kit.file('team.csv', csvOf(emails));
    const retry = kit.path('retry.csv');
    const t = interruptible((n, ctx) => {
      if (n === 5) ctx.interrupt();
    });
    expect(await t.run(['people', 'invite', '--from-file', file, '--failed-to', retry, '--concurrency', '2'])).toBe(130);
    const posts = await invitePosts();
    // Nothing new after the Ctrl-C; the one in flight with it finished.
    expect(posts.length).toBeGreaterThanOrEqual(5);
    expect(posts.length).toBeLessThanOrEqual(6);
    const invited = posts.filter((p) => p.status === 201).map((p) => p.email);
    const retried = readFileSync(retry, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
    // Every row is either invited or in the retry file, never both.
    expect([...invited, ...retried].sort()).toEqual([...emails].sort());
    expect(t.stdout()).toMatch(new RegExp(`acme: ${invited.length} invited, 0 skipped, 0 failed, ${retried.length} not done \\(interrupted\\)`));
    expect(t.stderr()).toContain('Stopping: nothing more will be sent');
    expect(t.stderr()).toContain(`interrupted: ${invited.length} of 30 people invited or skipped, ${retried.length} not`);
    expect(t.stderr()).toContain(`--from-file ${retry} --if-exists skip`);
  });

  it('--json: the results hold every row, the rest as failed with code interrupted', async () => {
    const emails = Array.from({ length: 10 }, (_, i) => `json${i}@example.com`);
    const t = interruptible((n, ctx) => {
      if (n === 2) ctx.interrupt();
    });
    expect(await t.run(['people', 'invite', ...emails, '--concurrency', '1', '--json'])).toBe(130);
    const report = JSON.parse(t.stdout()) as Report;
    expect(report.results.map((r) => r.input)).toEqual(emails);
    expect(report.results.map((r) => r.outcome)).toEqual(['invited', 'invited', ...Array(8).fill('failed')]);
    expect(report.results.slice(2).every((r) => r.error?.code === 'interrupted')).toBe(true);
    expect(JSON.parse(t.stderr().trim().split('\n').pop()!).error.code).toBe('interrupted');
  });

  it('a second Ctrl-C stops waiting for the requests in flight', async () => {
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    let t!: TestContext;
    t = kit.make({
      wrapApi: (api: ApiClient) => ({
        ...api,
        members: {
          ...api.members,
          invite: async (org, body) => {
            if (body.email === 'hang@example.com') {
              t.interrupt();
              t.interrupt();
              await stuck;
            }
            return api.members.invite(org, body);
          },
        },
      }),
    });
    const retry = kit.path('retry.csv');
    expect(await t.run(['people', 'invite', 'ok@example.com', 'hang@example.com', 'later@example.com', '--concurrency', '1', '--failed-to', retry])).toBe(130);
    release();
    expect(readFileSync(retry, 'utf8')).toBe('email,handle,role\nhang@example.com,,member\nlater@example.com,,member\n');
    expect(t.stderr()).toContain('Not waiting for the requests in flight');
  });
});

describe('long runs', () => {
  it('more than 20 people: a summary (and the failures) instead of a line each', async () => {
    const emails = Array.from({ length: 25 }, (_, i) => `long${i}@example.com`);
    const t = kit.make();
    expect(await t.run(['people', 'invite', ...emails, 'bob'])).toBe(5);
    const lines = t.stdout().trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(/^Could not invite bob: /), 'acme: 25 invited, 0 skipped, 1 failed']);
  });

  it('a progress bar with done/total, rate and time left is drawn on a terminal, and erased', async () => {
    const emails = Array.from({ length: 3 }, (_, i) => `bar${i}@example.com`);
    const t = kit.make({ tty: true });
    expect(await t.run(['people', 'invite', ...emails])).toBe(0);
    expect(t.stderr()).toMatch(/Inviting {2}\[[█░]{20}\] {2}3\/3/);
    expect(t.stderr().endsWith('\r\u001b[2K')).toBe(true);
    const piped = kit.make();
    expect(await piped.run(['people', 'invite', 'nobar@example.com'])).toBe(0);
    expect(piped.stderr()).toBe('');
  });
});

describe('--failed-to is written whole', () => {
  it('replaces a symlink at the target instead of writing through it, and leaves no temporary file', async () => {
    await kit.emu().setFaults({ rate: 1, statuses: [429], methods: ['POST'], retry_after_s: 0 });
    const victim = kit.file('victim.txt', 'keep me\n');
    const retry = kit.path('retry.csv');
    symlinkSync(victim, retry);
    const t = kit.make();
    expect(await t.run(['people', 'invite', 'a@example.com', 'b@example.com', '--failed-to', retry])).toBe(1);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(lstatSync(retry).isSymbolicLink()).toBe(false);
    expect(readFileSync(retry, 'utf8')).toBe('email,handle,role\na@example.com,,member\nb@example.com,,member\n');
  });

  it('an existing file is replaced only once the new one is complete', async () => {
    const retry = kit.file('retry.csv', 'old contents\n');
    writeFileSync(retry, 'old contents\n');
    const t = kit.make();
    expect(await t.run(['people', 'invite', 'whole@example.com', '--failed-to', retry])).toBe(0);
    expect(readFileSync(retry, 'utf8')).toBe('email,handle,role\n');
    expect(mutations(await kit.emu().requests())).toHaveLength(1);
  });
});
