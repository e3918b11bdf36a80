import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Org, OrgUser } from '../../../src/api/types';
import type { ApplyJson } from '../../../src/commands/org/apply';
import { ScriptedPrompter } from '../../helpers/scripted-prompter';
import { isMutation, useCommandTests } from '../../helpers/command-tests';

const kit = useCommandTests();
const { emu, make } = kit;

const orgFile = (text: string, ext = 'yaml') => kit.file(`org.${ext}`, text);

/** acme as the demo seed has it. */
const ACME_AS_SEEDED = `org:
  handle: acme
  display_name: Acme Corp
  url: https://acme.example.com
people:
  - handle: demo
    role: owner
  - handle: jane
  - handle: carol
  - handle: bob
  - email: dave@example.com
`;

/** Fault seeds under which the first answer to the request a test is about is a 503. */
const SEED_CREATE = 1;

const mutations = () => kit.sent((r) => isMutation(r) && r.path.startsWith('/api/v0/'));

async function api<T>(path: string, token?: string): Promise<T> {
  const res = await kit.api('GET', path, { token });
  expect(res.status).toBe(200);
  return res.body as T;
}
async function people(org: string): Promise<Record<string, string>> {
  const page = await api<{ items: OrgUser[] }>(`/org/${org}/member?limit=100`);
  return Object.fromEntries(page.items.map((m) => [m.user_handle, `${m.role} ${m.status}`]));
}

describe('org apply on an org that does not exist', () => {
  const NEWCO = `# a new org
org:
  handle: newco
  display_name: New Co
  url: https://newco.example.com
people:
  - handle: demo
    role: owner
  - handle: jane
    role: owner
  - handle: carol
  - email: erin@example.com
`;

  it('creates the org with its profile and invites its people, then a second run changes nothing', async () => {
    const file = orgFile(NEWCO);
    const t = make();
    expect(await t.run(['org', 'apply', '-f', file, '--yes'])).toBe(0);
    expect(t.stdout()).toContain(
      [
        `Plan for newco from ${file}:`,
        '  + create org newco (display_name "New Co", url "https://newco.example.com")',
        '  + invite jane as owner',
        '  + invite carol as member',
        '  + invite erin@example.com as member',
      ].join('\n'),
    );
    expect(t.stdout()).toContain('applied + invite erin@example.com as member\n');
    expect(t.stdout()).toContain('Applied 4 changes to newco.\n');
    expect(await mutations()).toEqual([
      'POST /api/v0/org 201',
      'POST /api/v0/org/newco/member/invite 201',
      'POST /api/v0/org/newco/member/invite 201',
      'POST /api/v0/org/newco/member/invite 201',
    ]);
    const org = await api<Org>('/org/newco');
    expect(org).toMatchObject({ display_name: 'New Co', url: 'https://newco.example.com' });
    expect(await people('newco')).toMatchObject({ demo: 'owner accepted', jane: 'owner invited', carol: 'member invited' });

    await emu().clearRequests();
    const again = make();
    expect(await again.run(['org', 'apply', '-f', file, '--yes'])).toBe(0);
    expect(again.stdout()).toBe(`No changes: newco matches ${file}.\n`);
    expect(await mutations()).toEqual([]);
    expect((await emu().requests()).length).toBeGreaterThan(0);
  });

  it('--dry-run shows the plan and sends no mutation', async () => {
    const file = orgFile(NEWCO);
    const t = make();
    expect(await t.run(['org', 'apply', '-f', file, '--dry-run'])).toBe(0);
    expect(t.stdout()).toContain('+ create org newco');
    expect(t.stdout()).toContain('Dry run: nothing was changed. Run without --dry-run to apply 4 changes.\n');
    expect(await mutations()).toEqual([]);
  });

  it('says so when the handle is taken by an org you cannot see (exit 1)', async () => {
    const { token } = await emu().makeUser('outsider');
    const t = make({ env: { PIPES_TOKEN: token } });
    expect(await t.run(['org', 'apply', '-f', orgFile(ACME_AS_SEEDED), '--yes'])).toBe(1);
    expect(t.stderr()).toContain('cannot create acme: the handle is taken, by an org you are not a member of or by a user');
    expect(t.stdout()).toMatch(/failed +\+ create org acme \(.*\): cannot create acme/);
    expect(t.stdout()).toContain('skipped + invite jane as member (acme was not created)');
    expect(await mutations()).toEqual(['POST /api/v0/org 409']);
  });
});

describe('org apply on acme', () => {
  it('export then apply changes nothing, in YAML and in JSON', async () => {
    for (const format of ['yaml', 'json']) {
      const exporter = make();
      expect(await exporter.run(['org', 'export', '--org', 'acme', '--format', format])).toBe(0);
      const file = orgFile(exporter.stdout(), format);
      await emu().clearRequests();
      const t = make();
      expect(await t.run(['org', 'apply', '-f', file, '--prune'])).toBe(0);
      expect(t.stdout()).toBe(`No changes: acme matches ${file}.\n`);
      expect(await mutations()).toEqual([]);
    }
  });

  it('keeps people left out of the file unless --prune is given', async () => {
    const file = orgFile(ACME_AS_SEEDED.replace('  - handle: bob\n', ''));
    const kept = make();
    expect(await kept.run(['org', 'apply', '-f', file])).toBe(0);
    expect(kept.stdout()).toBe(
      [`Plan for acme from ${file}:`, '  = bob (member): not in file, kept (use --prune to remove)', `No changes: acme matches ${file}.`, ''].join('\n'),
    );
    expect(await mutations()).toEqual([]);

    const pruned = make();
    expect(await pruned.run(['org', 'apply', '-f', file, '--prune', '--yes'])).toBe(0);
    expect(pruned.stdout()).toContain('  - remove bob (member)\n');
    expect(await mutations()).toEqual(['DELETE /api/v0/org/acme/member/bob 200']);
    expect(Object.keys(await people('acme'))).not.toContain('bob');
  });

  it('never removes you, even with --prune', async () => {
    const file = orgFile(ACME_AS_SEEDED.replace('  - handle: demo\n    role: owner\n', ''));
    const t = make();
    expect(await t.run(['org', 'apply', '-f', file, '--prune', '--yes'])).toBe(0);
    expect(t.stdout()).toContain('= demo (owner): not in file, kept (you are never removed)');
    expect(await mutations()).toEqual([]);
  });

  it('changes roles, promoting before demoting, and updates the profile with If-Match', async () => {
    const file = orgFile(
      ACME_AS_SEEDED.replace('Acme Corp', 'Acme Inc')
        .replace('handle: demo\n    role: owner', 'handle: demo\n    role: member')
        .replace('handle: jane', 'handle: jane\n    role: owner'),
    );
    const t = make();
    expect(await t.run(['org', 'apply', '-f', file, '--yes'])).toBe(0);
    expect(t.stdout()).toContain(
      ['  ~ display_name: "Acme Corp" → "Acme Inc"', '  ~ role jane: member → owner', '  ~ role demo: owner → member'].join('\n'),
    );
    expect(await mutations()).toEqual([
      'PATCH /api/v0/org/acme 200',
      'PATCH /api/v0/org/acme/member/jane 200',
      'PATCH /api/v0/org/acme/member/demo 200',
    ]);
    expect(await people('acme')).toMatchObject({ jane: 'owner accepted', demo: 'member accepted' });
    expect((await api<Org>('/org/acme', emu().janeToken)).display_name).toBe('Acme Inc');
  });

  it('--json prints the plan and the result of each change', async () => {
    const file = orgFile(ACME_AS_SEEDED.replace('  - handle: bob\n', '  - handle: bob\n    role: owner\n  - email: fay@example.com\n'));
    const t = make();
    expect(await t.run(['org', 'apply', '-f', file, '--yes', '--json'])).toBe(0);
    const out = JSON.parse(t.stdout()) as ApplyJson;
    expect(out).toEqual({
      org: 'acme',
      changes: [
        { action: 'invite', target: 'fay@example.com', to: 'member' },
        { action: 'set_role', target: 'bob', from: 'member', to: 'owner' },
      ],
      kept: [],
      dry_run: false,
      applied: true,
      results: [
        { action: 'invite', target: 'fay@example.com', to: 'member', outcome: 'applied' },
        { action: 'set_role', target: 'bob', from: 'member', to: 'owner', outcome: 'applied' },
      ],
    });
    expect(t.stderr()).toBe('');
  });

  it('--json --dry-run and --json with nothing to do say applied: false', async () => {
    const t = make();
    expect(await t.run(['org', 'apply', '-f', orgFile(ACME_AS_SEEDED.replace('Acme Corp', 'X')), '--dry-run', '--json'])).toBe(0);
    expect(JSON.parse(t.stdout())).toMatchObject({ applied: false, dry_run: true, results: [], changes: [{ action: 'update_org', target: 'display_name' }] });
    expect(await t.run(['org', 'apply', '-f', orgFile(ACME_AS_SEEDED), '--json'])).toBe(0);
    expect(JSON.parse(t.stdout())).toEqual({ org: 'acme', changes: [], kept: [], dry_run: false, applied: false, results: [] });
    expect(await mutations()).toEqual([]);
  });

  it('reports a partial failure with exit 5, and exit 1 when nothing could be applied', async () => {
    const partial = make();
    const file = orgFile(`${ACME_AS_SEEDED}  - handle: nosuchuser\n  - handle: zoe\n`);
    await emu().makeUser('zoe');
    expect(await partial.run(['org', 'apply', '-f', file, '--yes'])).toBe(5);
    expect(partial.stdout()).toMatch(/failed {2}\+ invite nosuchuser as member: .*no user has the handle 'nosuchuser'/);
    expect(partial.stdout()).toContain('applied + invite zoe as member');
    expect(partial.stderr()).toContain('1 of 2 changes to acme failed');

    const none = make();
    expect(await none.run(['org', 'apply', '-f', orgFile(`${ACME_AS_SEEDED}  - handle: nosuchuser\n`), '--yes'])).toBe(1);
    expect(none.stderr()).toContain("no user has the handle 'nosuchuser'");
  });
});

describe('org apply, more inputs', () => {
  it('reads the file from stdin with -f -', async () => {
    const t = make({ stdin: ACME_AS_SEEDED.replace('Acme Corp', 'Acme Inc') });
    expect(await t.run(['org', 'apply', '-f', '-', '--yes'])).toBe(0);
    expect(t.stdout()).toContain('Plan for acme from stdin:\n  ~ display_name: "Acme Corp" → "Acme Inc"\n');
    expect(await mutations()).toEqual(['PATCH /api/v0/org/acme 200']);
  });

  it('lets a member see the plan with --dry-run, warning that applying it needs an owner', async () => {
    const t = make({ env: { PIPES_TOKEN: emu().janeToken } });
    expect(await t.run(['org', 'apply', '-f', orgFile(ACME_AS_SEEDED.replace('Acme Corp', 'Acme Inc')), '--dry-run'])).toBe(0);
    expect(t.stdout()).toContain('~ display_name: "Acme Corp" → "Acme Inc"');
    expect(t.stderr()).toContain('changing acme needs the owner role; jane is a member of acme: applying this plan would fail.');
    expect(await mutations()).toEqual([]);
  });

  it('explains an email invite refused because the address belongs to a member listed by handle', async () => {
    const t = make();
    expect(await t.run(['org', 'apply', '-f', orgFile(`${ACME_AS_SEEDED}  - email: jane@example.com\n`), '--yes'])).toBe(1);
    expect(t.stderr()).toContain("'jane' is already a member of 'acme'");
    expect(t.stderr()).toContain('list them by handle');
    expect(await mutations()).toEqual(['POST /api/v0/org/acme/member/invite 409']);
  });
});

describe('org apply refuses before sending anything', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['bad YAML, with its line', 'org:\n  handle: acme\npeople:\n  - handle: jane\n   role: owner\n', /:5:\d+: /],
    ['an unknown key', 'org:\n  handle: acme\n  colour: red\n', /:3:3: unknown key "colour" in org/],
    ['a bad email', 'org:\n  handle: acme\npeople:\n  - email: dave@@example.com\n', /:4:\d+: email: invalid email "dave@@example.com"/],
    ['a person listed twice', 'org:\n  handle: acme\npeople:\n  - handle: jane\n  - handle: jane\n', /:5:5: jane is listed more than once \(first on line 4\)/],
    ['a missing org.handle', 'people: []\n', /org is missing/],
  ];
  for (const [what, text, message] of cases) {
    it(`${what}: exit 2 and no request at all`, async () => {
      const t = make();
      expect(await t.run(['org', 'apply', '-f', orgFile(text), '--yes'])).toBe(2);
      expect(t.stderr()).toMatch(message);
      expect(await emu().requests()).toEqual([]);
    });
  }

  it('a file that does not exist: exit 2', async () => {
    const t = make();
    expect(await t.run(['org', 'apply', '-f', kit.path('missing.yaml')])).toBe(2);
    expect(t.stderr()).toContain('no such file');
    expect(await emu().requests()).toEqual([]);
  });

  it('a plan that leaves no owner: exit 2 and no mutation', async () => {
    const t = make();
    const file = orgFile(ACME_AS_SEEDED.replace('handle: demo\n    role: owner', 'handle: demo\n    role: member'));
    expect(await t.run(['org', 'apply', '-f', file, '--yes'])).toBe(2);
    expect(t.stderr()).toContain('this would leave acme without an owner (demo would no longer be one)');
    expect(await mutations()).toEqual([]);
  });

  it('--org naming another org than the file: exit 2', async () => {
    const t = make();
    expect(await t.run(['org', 'apply', '--org', 'hobby', '-f', orgFile(ACME_AS_SEEDED)])).toBe(2);
    expect(t.stderr()).toContain('--org hobby does not match org.handle acme');
    expect(await emu().requests()).toEqual([]);
  });

  it('without a terminal and without --yes: exit 2 naming --yes', async () => {
    const t = make();
    expect(await t.run(['org', 'apply', '-f', orgFile(ACME_AS_SEEDED.replace('Acme Corp', 'Acme Inc'))])).toBe(2);
    expect(t.stderr()).toContain('--yes required when not running interactively');
    expect(await mutations()).toEqual([]);
  });

  it("a member's token: exit 1 saying the owner role is needed", async () => {
    const t = make({ env: { PIPES_TOKEN: emu().janeToken } });
    expect(await t.run(['org', 'apply', '-f', orgFile(ACME_AS_SEEDED.replace('  - handle: bob\n', '')), '--prune', '--yes'])).toBe(1);
    expect(t.stderr()).toContain('changing acme needs the owner role; jane is a member of acme');
    expect(t.stderr()).toContain('pipesctl people role jane owner');
    expect(await mutations()).toEqual([]);
  });
});

describe('org apply on a terminal', () => {
  const file = () => orgFile(ACME_AS_SEEDED.replace('Acme Corp', 'Acme Inc'));

  it('asks before applying; yes applies', async () => {
    const prompter = new ScriptedPrompter().expectConfirm('Apply 1 change to acme?', true);
    const t = make({ tty: true, prompter });
    expect(await t.run(['org', 'apply', '-f', file()])).toBe(0);
    prompter.assertDone();
    expect(stripVTControlCharacters(t.stdout())).toContain('✓ ~ display_name: "Acme Corp" → "Acme Inc"\n✓ Applied 1 change to acme.\n');
    expect(await mutations()).toEqual(['PATCH /api/v0/org/acme 200']);
  });

  it('no cancels with exit 3 and sends nothing', async () => {
    const prompter = new ScriptedPrompter().expectConfirm('Apply 1 change to acme?', false);
    const t = make({ tty: true, prompter });
    expect(await t.run(['org', 'apply', '-f', file()])).toBe(3);
    prompter.assertDone();
    expect(await mutations()).toEqual([]);
  });

  it('colours the plan: additions green, changes yellow, removals red', async () => {
    const prompter = new ScriptedPrompter().expectConfirm(/Apply/, false);
    const t = make({ tty: true, prompter, env: { FORCE_COLOR: '1' } });
    const text = ACME_AS_SEEDED.replace('Acme Corp', 'Acme Inc').replace('  - handle: bob\n', '  - email: fay@example.com\n');
    expect(await t.run(['org', 'apply', '-f', orgFile(text), '--prune'])).toBe(3);
    expect(t.stdout()).toContain('\u001b[32m+ invite fay@example.com as member\u001b[39m');
    expect(t.stdout()).toContain('\u001b[33m~ display_name');
    expect(t.stdout()).toContain('\u001b[31m- remove bob (member)\u001b[39m');
  });
});

describe('org apply when answers are lost', () => {
  it('looks a new org up after an uncertain answer to its creation instead of creating it twice', async () => {
    const t = make();
    const file = orgFile('org:\n  handle: lostco\npeople:\n  - handle: jane\n');
    await emu().setFaults({ rate: 0.3, statuses: [503], seed: SEED_CREATE });
    const code = await t.run(['org', 'apply', '-f', file, '--yes']);
    await emu().setFaults({});
    expect(code).toBe(0);
    const log = (await emu().requests()).map((r) => `${r.method} ${r.path} ${r.status}`);
    const creates = log.flatMap((l, i) => (l.startsWith('POST /api/v0/org ') ? [i] : []));
    // Only the last try was answered 201, and each retry came after a lookup found no org.
    expect(creates.map((i) => log[i]!.slice(-3))).toEqual([...Array(creates.length - 1).fill('503'), '201']);
    expect(creates.length).toBeGreaterThan(1);
    creates.slice(1).forEach((at, n) => expect(log.slice(creates[n]! + 1, at)).toContain('GET /api/v0/org/lostco 404'));
    expect(await people('lostco')).toMatchObject({ demo: 'owner accepted', jane: 'member invited' });
  });

  it('looks an invite up after an uncertain answer instead of sending it twice', async () => {
    const t = make();
    const file = orgFile(`${ACME_AS_SEEDED}  - email: gil@example.com\n  - handle: carl\n`);
    await emu().makeUser('carl');
    // 30% of requests fail with 503 before they are processed (seeded: an invite is among them).
    await emu().setFaults({ rate: 0.3, statuses: [503], seed: 9 });
    const code = await t.run(['org', 'apply', '-f', file, '--yes']);
    await emu().setFaults({});
    expect(code).toBe(0);
    const invites = (await emu().requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/member/invite'));
    expect(invites.filter((r) => r.status === 503).length).toBeGreaterThan(0);
    expect(invites.filter((r) => r.status === 201)).toHaveLength(2);
    // After each uncertain answer, a lookup of that person that found nobody came before their
    // invite was sent again (the two invites run side by side, so each person is followed alone).
    const log = await emu().sentRequests();
    const lookup = { carl: /^GET \/api\/v0\/org\/acme\/member\/carl 404$/, 'gil@example.com': /^GET \/api\/v0\/org\/acme\/member\?q=gil%40example\.com&limit=100 200$/ };
    const invitee = (r: (typeof log)[number]) => {
      if (r.method !== 'POST' || !r.path.endsWith('/member/invite')) return undefined;
      const body = r.body as { handle?: string; email?: string };
      return (body.handle ?? body.email) as keyof typeof lookup;
    };
    let retried = 0;
    log.forEach((r, i) => {
      const who = invitee(r);
      if (!who || r.status !== 503) return;
      const next = log.findIndex((l, j) => j > i && invitee(l) === who);
      if (next < 0) return;
      retried++;
      expect(log.slice(i + 1, next).some((l) => lookup[who].test(`${l.method} ${l.path} ${l.status}`))).toBe(true);
    });
    expect(retried).toBeGreaterThan(0);
    expect(await people('acme')).toMatchObject({ carl: 'member invited' });
  });
});
