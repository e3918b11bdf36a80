import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OrgUser } from '../../../src/api/types';
import { runInvite } from '../../../src/commands/people/invite';
import { memberNames, membersOf, mutations, usePeopleTests } from './helpers';

const kit = usePeopleTests();

interface Report {
  results: { input: string; outcome: string; member?: OrgUser; error?: { code: string; message: string; status: number | null } }[];
  summary: { invited: number; skipped: number; failed: number };
}

const INVITE_PATH = '/api/v0/org/acme/member/invite';

function csvOf(emails: readonly string[]): string {
  return `email\n${emails.join('\n')}\n`;
}

describe('people invite', () => {
  it('invites one person by handle and two by email, reporting each in input order', async () => {
    await kit.emu().makeUser('zoe');
    const t = kit.make();
    expect(await t.run(['people', 'invite', 'new1@example.com', 'zoe', 'New2@Example.com', '--json'])).toBe(0);
    const report = JSON.parse(t.stdout()) as Report;
    expect(report.summary).toEqual({ invited: 3, skipped: 0, failed: 0 });
    expect(report.results.map((r) => [r.input, r.outcome, r.member?.status, r.member?.role])).toEqual([
      ['new1@example.com', 'invited', 'invited', 'member'],
      ['zoe', 'invited', 'invited', 'member'],
      ['new2@example.com', 'invited', 'invited', 'member'],
    ]);
    expect(report.results[1]!.member!.user_handle).toBe('zoe');
    const names = memberNames(await membersOf(kit.emu()));
    expect(names).toEqual(expect.arrayContaining(['new1@example.com', 'zoe', 'new2@example.com']));
    expect(mutations(await kit.emu().requests()).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(Array(3).fill(`POST ${INVITE_PATH} 201`));
  });

  it('prints a line per person and a summary for people, with ✓ on a terminal', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'invite', 'a1@example.com', 'a2@example.com', '--role', 'owner'])).toBe(0);
    expect(t.stdout()).toBe('Invited a1@example.com to acme as owner\nInvited a2@example.com to acme as owner\nacme: 2 invited, 0 skipped, 0 failed\n');
    expect(t.stderr()).toBe('');

    const tty = kit.make({ tty: true, env: { NO_COLOR: '1' } });
    expect(await tty.run(['people', 'invite', 'a3@example.com'])).toBe(0);
    expect(tty.stdout()).toBe('✓ Invited a3@example.com to acme as member\n');
    expect(tty.stderr()).toContain('Inviting  [####################]  1/1'); // the progress bar (ASCII without colour), erased at the end
    expect(tty.stderr().endsWith('\r\u001b[2K')).toBe(true);
    expect(tty.stderr().endsWith('\r\u001b[2K')).toBe(true);
  });

  it('checks every invitee before sending anything: one bad one → exit 2, nothing sent', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'invite', 'ok@example.com', 'nope@', 'Bad_Handle'])).toBe(2);
    expect(t.stderr()).toContain('argument 2: invalid email "nope@"');
    expect(t.stderr()).toContain('argument 3: invalid user handle "Bad_Handle"');
    expect(await kit.emu().requests()).toEqual([]);
  });

  it('refuses arguments with --from-file, no one at all, and a bad --concurrency, before sending anything', async () => {
    const file = kit.file('team.csv', csvOf(['a@example.com']));
    const t = kit.make();
    expect(await t.run(['people', 'invite', 'b@example.com', '--from-file', file])).toBe(2);
    expect(t.stderr()).toContain('give people as arguments or --from-file, not both');
    expect(await t.run(['people', 'invite'])).toBe(2);
    expect(t.stderr()).toContain('no one to invite');
    expect(await t.run(['people', 'invite', 'a@example.com', '--concurrency', '33'])).toBe(2);
    expect(t.stderr()).toContain('invalid --concurrency "33": use a whole number from 1 to 32');
    expect(await t.run(['people', 'invite', 'a@example.com', '--failed-to', '/no/such/dir/failed.csv'])).toBe(2);
    expect(await t.run(['people', 'invite', 'a@example.com', '--if-exists', 'update'])).toBe(2);
    expect(await t.run(['people', 'invite', '--from-file', kit.path('missing.csv')])).toBe(2);
    expect(t.stderr()).toContain('does not exist');
    expect(await kit.emu().requests()).toEqual([]);
  });

  describe('--if-exists', () => {
    it('fail (the default): someone already invited is a failure with code conflict; alone, exit 1', async () => {
      const t = kit.make();
      expect(await t.run(['people', 'invite', 'dave@example.com', '--json'])).toBe(1);
      const report = JSON.parse(t.stdout()) as Report;
      expect(report.results[0]).toMatchObject({ input: 'dave@example.com', outcome: 'failed', error: { code: 'conflict', status: 409 } });
      expect(report.summary).toEqual({ invited: 0, skipped: 0, failed: 1 });
      expect(JSON.parse(t.stderr()).error).toMatchObject({ code: 'conflict', status: 409 });

      expect(await t.run(['people', 'invite', 'jane'])).toBe(1);
      expect(t.stdout()).toBe('');
      expect(t.stderr()).toContain('jane is already a member of acme\nUse --if-exists skip to pass over people who are already members or invited.');

      // Named as typed, not by the handle the service derived from the address.
      expect(await t.run(['people', 'invite', 'dave@example.com'])).toBe(1);
      expect(t.stderr()).toContain('dave@example.com already has an invitation to acme');
      expect(t.stderr()).not.toContain("'dave'");
    });

    it('skip of one person still prints the summary line', async () => {
      const t = kit.make();
      expect(await t.run(['people', 'invite', 'jane', '--if-exists', 'skip'])).toBe(0);
      expect(t.stdout()).toBe('Skipped jane: already a member (member)\nacme: 0 invited, 1 skipped, 0 failed\n');
    });

    it('skip: members and open invitations are skipped without a POST, exit 0', async () => {
      const t = kit.make();
      expect(await t.run(['people', 'invite', 'dave@example.com', 'jane', 'DAVE@example.com', 'fresh@example.com', '--if-exists', 'skip', '--json'])).toBe(0);
      const report = JSON.parse(t.stdout()) as Report;
      expect(report.results.map((r) => [r.input, r.outcome, r.member?.user_handle])).toEqual([
        ['dave@example.com', 'skipped', 'dave'],
        ['jane', 'skipped', 'jane'],
        ['fresh@example.com', 'invited', 'fresh'],
      ]);
      expect(report.summary).toEqual({ invited: 1, skipped: 2, failed: 0 });
      expect(t.stderr()).toBe('');
      expect((report as Report & { notices: string[] }).notices.join('\n')).toContain('ignored 1 duplicate');
      expect(mutations(await kit.emu().requests())).toHaveLength(1);

      expect(await t.run(['people', 'invite', 'dave@example.com', 'jane', '--if-exists', 'skip'])).toBe(0);
      expect(t.stdout()).toBe('Skipped dave@example.com: already invited (member)\nSkipped jane: already a member (member)\nacme: 0 invited, 2 skipped, 0 failed\n');
    });

    it('skip: an existing user invited by email, not recognisable beforehand, is skipped on the 409', async () => {
      await kit.emu().makeUser('zed', { email: 'zed@corp.example', org: 'acme' });
      const t = kit.make();
      expect(await t.run(['people', 'invite', 'zed@corp.example', '--if-exists', 'skip', '--json'])).toBe(0);
      expect((JSON.parse(t.stdout()) as Report).results[0]).toMatchObject({ outcome: 'skipped' });
    });
  });

  it('partial failure: exit 5, the failures in --failed-to, which reads back with --from-file', async () => {
    const failedTo = kit.path('failed.csv');
    const t = kit.make();
    expect(await t.run(['people', 'invite', 'ok@example.com', 'nobody-here', 'dave@example.com', '--role', 'owner', '--failed-to', failedTo, '--json'])).toBe(5);
    const report = JSON.parse(t.stdout()) as Report;
    expect(report.results.map((r) => [r.input, r.outcome, r.error?.code])).toEqual([
      ['ok@example.com', 'invited', undefined],
      ['nobody-here', 'failed', 'not_found'],
      ['dave@example.com', 'failed', 'conflict'],
    ]);
    expect(JSON.parse(t.stderr().split('\n').find((l) => l.startsWith('{'))!).error).toMatchObject({ code: 'partial_failure', message: '2 of 3 invitations failed' });
    expect(readFileSync(failedTo, 'utf8')).toBe('email,handle,role\n,nobody-here,owner\ndave@example.com,,owner\n');

    expect(await t.run(['people', 'invite', '--from-file', failedTo, '--if-exists', 'skip'])).toBe(5);
    expect(t.stdout()).toContain('Could not invite nobody-here: no user has the handle');
    expect(t.stdout()).toContain('Skipped dave@example.com: already invited');
  });

  it('a CSV with a BOM, CRLF, comments, blank lines, spaces, duplicates and mixed case invites each person once', async () => {
    const file = kit.file(
      'team.csv',
      '\uFEFFemail,handle,role\r\n# engineering\r\n Ann@Corp.example ,,owner\r\n\r\n,bob,\r\nann@corp.EXAMPLE,,owner\r\n  cy@corp.example,, \r\n',
    );
    const t = kit.make();
    expect(await t.run(['people', 'invite', '--from-file', file, '--if-exists', 'skip', '--json'])).toBe(0);
    const report = JSON.parse(t.stdout()) as Report;
    expect(report.results.map((r) => [r.input, r.outcome, r.member?.role])).toEqual([
      ['ann@corp.example', 'invited', 'owner'],
      ['bob', 'skipped', 'member'],
      ['cy@corp.example', 'invited', 'member'],
    ]);
    expect((report as Report & { notices: string[] }).notices).toContain(`${file}: ignored 1 duplicate (each person is invited once): line 6 (ann@corp.example, as on line 3)`);
    expect(t.stderr()).toBe('');
    const names = memberNames(await membersOf(kit.emu()));
    expect(names.filter((n) => n === 'ann@corp.example')).toHaveLength(1);
  });

  it('a bad row: exit 2 naming the file and line, and nothing sent for any row', async () => {
    const file = kit.file('team.csv', 'email,role\nok1@example.com,member\nok2@example.com,member\nbroken.example.com,member\n');
    const t = kit.make();
    expect(await t.run(['people', 'invite', '--from-file', file])).toBe(2);
    expect(t.stderr()).toContain(`${file} line 4: invalid email "broken.example.com" (no "@")`);
    expect(t.stderr()).toContain('Nothing was sent');
    expect(await kit.emu().requests()).toEqual([]);

    expect(await t.run(['people', 'invite', '--from-file', file, '--json'])).toBe(2);
    expect(JSON.parse(t.stderr()).error).toMatchObject({
      code: 'invalid_input',
      details: [{ file, where: 'line 4', message: expect.stringContaining('invalid email') }],
    });
  });

  it('reads a JSON file, and a file on stdin with --from-file -', async () => {
    const file = kit.file('team.json', JSON.stringify({ invites: [{ email: 'j1@example.com', role: 'owner' }, { handle: 'carol' }] }));
    const t = kit.make({ stdin: 'email\nj2@example.com\n' });
    expect(await t.run(['people', 'invite', '--from-file', file, '--if-exists', 'skip', '--json'])).toBe(0);
    expect((JSON.parse(t.stdout()) as Report).results.map((r) => [r.input, r.outcome])).toEqual([
      ['j1@example.com', 'invited'],
      ['carol', 'skipped'],
    ]);
    expect(await t.run(['people', 'invite', '--from-file', '-', '--json'])).toBe(0);
    expect((JSON.parse(t.stdout()) as Report).results).toMatchObject([{ input: 'j2@example.com', outcome: 'invited' }]);
  });

  it('a member (not an owner) is told an owner is needed, exit 1, and nothing is invited', async () => {
    const t = kit.make({ env: { PIPES_TOKEN: kit.emu().janeToken } });
    expect(await t.run(['people', 'invite', 'x1@example.com'])).toBe(1);
    expect(t.stderr()).toContain('the owner role is required to invite members');
    expect(t.stderr()).toContain('you need to be an owner of acme to invite people');

    expect(await t.run(['people', 'invite', 'x1@example.com', 'x2@example.com', 'x3@example.com', '--concurrency', '1', '--json'])).toBe(1);
    expect(t.stdout()).toBe('');
    expect(JSON.parse(t.stderr()).error).toMatchObject({ code: 'forbidden', status: 403 });
    const posts = (await kit.emu().requests()).filter((r) => r.method === 'POST');
    expect(posts.map((p) => p.status)).toEqual([403, 403]); // one per run: the first 403 stops the rest
    expect(memberNames(await membersOf(kit.emu()))).not.toContain('x1@example.com');
  });

  it('an unknown org is explained before anything is sent', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'invite', 'a@example.com', '--org', 'nope'])).toBe(1);
    expect(t.stderr()).toContain('org nope not found');
    expect(mutations(await kit.emu().requests())).toEqual([]);
  });

  it('invites the same 50-row file twice: 50 invited, then 50 skipped with no second POST', async () => {
    const emails = Array.from({ length: 50 }, (_, i) => `person${i + 1}@team.example`);
    const file = kit.file('team.csv', csvOf(emails));
    const t = kit.make();
    expect(await t.run(['people', 'invite', '--from-file', file, '--json'])).toBe(0);
    expect((JSON.parse(t.stdout()) as Report).summary).toEqual({ invited: 50, skipped: 0, failed: 0 });
    expect(mutations(await kit.emu().requests())).toHaveLength(50);

    await kit.emu().clearRequests();
    expect(await t.run(['people', 'invite', '--from-file', file, '--if-exists', 'skip', '--json'])).toBe(0);
    const second = JSON.parse(t.stdout()) as Report;
    expect(second.summary).toEqual({ invited: 0, skipped: 50, failed: 0 });
    expect(second.results.map((r) => r.input)).toEqual(emails);
    expect(mutations(await kit.emu().requests())).toEqual([]);
  });

  it('with 20% of requests failing (429, 503, dropped connections, half of those after the invite landed), invites each of 60 people at most once; a retry of the rest completes it', async () => {
    const emails = Array.from({ length: 60 }, (_, i) => `load${i + 1}@faults.example`);
    const file = kit.file('team.csv', csvOf(emails));
    const retry = kit.path('retry.csv');
    await kit.emu().setFaults({ rate: 0.2, statuses: [429, 503], reset_connections: true, retry_after_s: 0, processed_rate: 0.5, seed: 42 });
    const t = kit.make({ options: { json: true } });
    try {
      await runInvite(t.ctx, { org: 'acme', people: [], fromFile: file, role: 'member', ifExists: 'fail', concurrency: 8, failedTo: retry }).catch(() => undefined);
    } finally {
      await kit.emu().setFaults({});
    }
    t.ctx.out.finish(); // what the runner does when a command ends
    const report = JSON.parse(t.stdout()) as Report;
    expect(report.results.map((r) => r.input)).toEqual(emails);
    // The engine does not loop: the few people whose answers stayed uncertain are failed, with the reason, and listed for a retry.
    expect(report.summary.invited).toBeGreaterThan(55);
    const failed = report.results.filter((r) => r.outcome === 'failed');
    expect(failed.every((r) => r.error && [503, 429, null].includes(r.error.status))).toBe(true);
    expect(readFileSync(retry, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0])).toEqual(failed.map((r) => r.input));

    if (failed.length > 0) {
      const again = kit.make({ options: { json: true } });
      await runInvite(again.ctx, { org: 'acme', people: [], fromFile: retry, role: 'member', ifExists: 'skip', concurrency: 8 });
      again.ctx.out.finish();
      expect((JSON.parse(again.stdout()) as Report).summary.failed).toBe(0);
    }

    const names = memberNames(await membersOf(kit.emu()));
    for (const email of emails) expect(names.filter((n) => n === email)).toHaveLength(1);

    const posts = (await kit.emu().requests()).filter((r) => r.method === 'POST' && r.path === INVITE_PATH);
    // Some invitations landed while their answer was lost: fewer than 60 answered 201, and
    // none was sent again blindly (that would have answered 409).
    expect(posts.filter((p) => p.status === 201).length).toBeLessThan(60);
    expect(posts.filter((p) => p.status === 409)).toHaveLength(0);
    // The faults did hit invitations, and lookups followed the uncertain ones.
    expect(posts.filter((p) => p.status === 503 || p.status === 0).length).toBeGreaterThan(0);
    expect((await kit.emu().requests()).some((r) => r.method === 'GET' && r.path.includes('q=load'))).toBe(true);
  });
});

describe('people invite: a near miss', () => {
  it('people invite Jane suggests jane, sends nothing (exit 2)', async () => {
    const t = kit.make();
    expect(await t.run(['people', 'invite', 'Jane'])).toBe(2);
    expect(t.stderr()).toContain('Did you mean "jane"?');
    expect(mutations(await kit.emu().requests())).toEqual([]);
  });
});
