// Bad input across the command tree, through the real program and error mapping, in-process:
// each case must exit 2 with the reason on the first line of stderr, nothing on stdout, a
// stable error `code` with --json, and send NOTHING — the emulator's request log stays empty,
// although the token and org given would let every one of these commands through.
// (test/e2e/bad-input.test.ts runs a few of them through the built executable.)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCommandTests } from '../helpers/command-tests';

interface BadInput {
  args: string[];
  /** What the first line of stderr must say. */
  says: RegExp;
  /** The `code` of the --json error. */
  code: string;
  /** stdin (empty otherwise). */
  input?: string;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MiB = 1024 * 1024;

/** The files the cases name, in the directory the commands run in. */
function writeFixtures(dir: string): void {
  mkdirSync(join(dir, 'a-directory.png'));
  writeFileSync(join(dir, 'notes.txt'), 'This is a text file, not an image.\n');
  writeFileSync(join(dir, 'too-big.png'), Buffer.concat([PNG_SIGNATURE, Buffer.alloc(MiB)]));
  writeFileSync(join(dir, 'logo.png'), PNG_SIGNATURE);
  writeFileSync(join(dir, 'bad-email.csv'), 'email,role\nok@example.com,member\nnot-an-email,member\n');
  writeFileSync(join(dir, 'bad-role.csv'), 'handle,role\njane,admin\n');
  writeFileSync(join(dir, 'two-roles.csv'), 'email,role\nann@example.com,member\nann@example.com,owner\n');
  writeFileSync(join(dir, 'no-columns.csv'), 'name,team\nAnn,ops\n');
  writeFileSync(join(dir, 'bad-handle.yaml'), 'org:\n  handle: Bad_Org\n');
  writeFileSync(join(dir, 'bad-role.yaml'), 'org:\n  handle: acme\npeople:\n  - handle: jane\n    role: admin\n');
  writeFileSync(join(dir, 'broken.yaml'), 'org: [\n');
}

const handleRule = /^invalid handle .*lowercase letters, digits and single hyphens/;

const cases: BadInput[] = [
  // handles
  { args: ['org', 'create', 'Acme'], says: /^invalid handle "Acme" \(uppercase letters\)/, code: 'invalid_handle' },
  { args: ['org', 'create', 'my_org'], says: /^invalid handle "my_org" \(an underscore\)/, code: 'invalid_handle' },
  { args: ['org', 'create', 'my--org'], says: /^invalid handle "my--org" \(a double hyphen\)/, code: 'invalid_handle' },
  { args: ['org', 'create', '--', '-leading'], says: /^invalid handle "-leading" \(starts with a hyphen\)/, code: 'invalid_handle' },
  { args: ['org', 'create', 'trailing-'], says: /^invalid handle "trailing-" \(ends with a hyphen\)/, code: 'invalid_handle' },
  { args: ['org', 'create', 'a'.repeat(40)], says: /^invalid handle "a{40}" \(40 characters\)/, code: 'invalid_handle' },
  { args: ['org', 'create', ''], says: /^invalid handle "" \(empty\)/, code: 'invalid_handle' },
  { args: ['org', 'create', 'has space'], says: /^invalid handle "has space" \(not allowed: " "\)/, code: 'invalid_handle' },
  { args: ['org', 'switch', 'Bad_Handle'], says: handleRule, code: 'invalid_handle' },
  { args: ['org', 'handle', 'New_Name', '--confirm', 'acme'], says: handleRule, code: 'invalid_handle' },
  { args: ['people', 'remove', 'Bad_Handle', '--yes'], says: /^invalid user handle "Bad_Handle"/, code: 'invalid_handle' },
  { args: ['org', 'profile', '--org', 'Bad_Org'], says: /"Bad_Org" is not a valid org handle/, code: 'invalid_handle' },
  // emails
  { args: ['people', 'invite', 'a@b'], says: /^invalid email "a@b"/, code: 'invalid_input' },
  { args: ['people', 'invite', 'a@@b.com'], says: /^invalid email "a@@b\.com" \(more than one "@"\)/, code: 'invalid_input' },
  { args: ['people', 'invite', 'jane@'], says: /^invalid email "jane@" \(nothing after the "@"\)/, code: 'invalid_input' },
  { args: ['people', 'invite', '@example.com'], says: /^invalid email "@example\.com" \(nothing before the "@"\)/, code: 'invalid_input' },
  { args: ['people', 'invite', 'ok@example.com', 'bad@example'], says: /^invalid email "bad@example"/, code: 'invalid_input' },
  // roles and statuses
  { args: ['people', 'role', 'jane', 'admin'], says: /^invalid role "admin": use member or owner/, code: 'invalid_role' },
  { args: ['people', 'invite', 'x@example.com', '--role', 'admin'], says: /^invalid role "admin"/, code: 'invalid_role' },
  { args: ['people', 'list', '--role', 'admin'], says: /^invalid role "admin"/, code: 'invalid_role' },
  { args: ['people', 'list', '--status', 'gone'], says: /^invalid --status "gone": use invited or accepted/, code: 'invalid_status' },
  // dates
  { args: ['org', 'usage', '--since', '2026-13-01'], says: /^invalid --since date "2026-13-01" \(no such month\)/, code: 'invalid_date' },
  { args: ['org', 'usage', '--since', 'tomorrow'], says: /^invalid --since date "tomorrow" \(not a date\)/, code: 'invalid_date' },
  { args: ['org', 'usage', '--since', '2026-02-30'], says: /^invalid --since date "2026-02-30" \(no such day\)/, code: 'invalid_date' },
  { args: ['org', 'usage', '--until', '2026-01-32'], says: /^invalid --until date "2026-01-32"/, code: 'invalid_date' },
  {
    args: ['org', 'usage', '--since', '2026-02-01', '--until', '2026-01-01'],
    says: /^invalid date range: --since 2026-02-01 is after --until 2026-01-01/,
    code: 'invalid_date_range',
  },
  // display names and URLs
  { args: ['org', 'create', 'new-org', '--display-name', ''], says: /^invalid display name "" \(empty\)/, code: 'invalid_display_name' },
  { args: ['org', 'create', 'new-org', '--display-name', 'x'.repeat(200)], says: /^invalid display name .*\(200 characters\)/, code: 'invalid_display_name' },
  { args: ['org', 'create', 'new-org', '--display-name', 'two\nlines'], says: /^invalid display name .*control characters/, code: 'invalid_display_name' },
  { args: ['org', 'profile', '--display-name', ''], says: /^invalid display name "" \(empty\)/, code: 'invalid_display_name' },
  { args: ['org', 'create', 'new-org', '--url', 'ftp://example.com'], says: /^invalid URL "ftp:\/\/example\.com" \(not http or https\)/, code: 'invalid_url' },
  { args: ['org', 'create', 'new-org', '--url', 'not a url'], says: /^invalid URL "not a url"/, code: 'invalid_url' },
  { args: ['org', 'profile', '--url', 'ftp://files.example.com'], says: /^invalid URL "ftp:\/\/files\.example\.com"/, code: 'invalid_url' },
  // avatars
  { args: ['org', 'profile', '--avatar', 'missing.png'], says: /^avatar "missing\.png" does not exist/, code: 'avatar_not_found' },
  { args: ['org', 'profile', '--avatar', 'a-directory.png'], says: /^avatar "a-directory\.png" is a directory/, code: 'avatar_not_a_file' },
  { args: ['org', 'profile', '--avatar', 'too-big.png'], says: /^avatar "too-big\.png" is .*at most 1 MiB/, code: 'avatar_too_large' },
  { args: ['org', 'profile', '--avatar', 'notes.txt'], says: /^avatar "notes\.txt" is not a PNG, JPEG, GIF or WebP image/, code: 'avatar_unsupported_type' },
  {
    args: ['org', 'profile', '--avatar', 'logo.png', '--reset-avatar'],
    says: /^option '--avatar <file>' cannot be used with option '--reset-avatar'/,
    code: 'conflicting_option',
  },
  // counts and choices
  { args: ['people', 'list', '--limit', '0'], says: /^invalid --limit "0": use a whole number of at least 1/, code: 'invalid_number' },
  { args: ['people', 'list', '--limit', '-1'], says: /^invalid --limit "-1"/, code: 'invalid_number' },
  { args: ['people', 'list', '--limit', 'abc'], says: /^invalid --limit "abc"/, code: 'invalid_number' },
  { args: ['people', 'invite', 'x@example.com', '--concurrency', '0'], says: /^invalid --concurrency "0": use a whole number from 1 to 32/, code: 'invalid_number' },
  { args: ['people', 'invite', 'x@example.com', '--concurrency', '33'], says: /^invalid --concurrency "33"/, code: 'invalid_number' },
  { args: ['org', 'create', 'new-org', '--if-exists', 'maybe'], says: /^invalid --if-exists "maybe": use fail or skip/, code: 'invalid_if_exists' },
  { args: ['people', 'invite', 'x@example.com', '--if-exists', 'maybe'], says: /^invalid --if-exists "maybe"/, code: 'invalid_if_exists' },
  { args: ['org', 'export', '--format', 'xml'], says: /^invalid --format "xml": use yaml or json/, code: 'invalid_format' },
  { args: ['org', 'export', '--format', 'yaml', '--json'], says: /--format yaml cannot be combined with --json/, code: 'conflicting_flags' },
  // unknown flags and commands, missing arguments
  { args: ['org', 'list', '--bogus'], says: /^unknown option '--bogus'$/, code: 'unknown_option' },
  { args: ['org', 'usage', '--format', 'xml'], says: /^unknown option '--format'$/, code: 'unknown_option' },
  { args: ['people', 'invite', '--rol', 'owner', 'x@example.com'], says: /^unknown option '--rol' \(Did you mean --role\?\)/, code: 'unknown_option' },
  { args: ['org', 'frobnicate'], says: /^unknown command 'frobnicate'$/, code: 'unknown_command' },
  { args: ['people', 'promote', 'jane'], says: /^unknown command 'promote'/, code: 'unknown_command' },
  { args: ['frobnicate'], says: /^unknown command 'frobnicate'$/, code: 'unknown_command' },
  { args: ['org', 'create'], says: /^missing required argument 'handle'$/, code: 'missing_argument' },
  { args: ['org', 'handle'], says: /^missing required argument 'new-handle'$/, code: 'missing_argument' },
  { args: ['people', 'remove'], says: /^missing required argument 'handle'$/, code: 'missing_argument' },
  { args: ['people', 'role', 'jane'], says: /^missing required argument 'role'$/, code: 'missing_argument' },
  { args: ['people', 'invite'], says: /^no one to invite: give email addresses or user handles, or --from-file/, code: 'invalid_input' },
  { args: ['org', 'apply'], says: /required option '-f, --file <file>' not specified/, code: 'missing_mandatory_option_value' },
  // confirmations that name the wrong org
  { args: ['org', 'delete', 'acme', '--confirm', 'wrong'], says: /^--confirm "wrong" does not match "acme"/, code: 'confirmation_mismatch' },
  { args: ['org', 'delete', '--confirm', 'hobby'], says: /^--confirm "hobby" does not match "acme"/, code: 'confirmation_mismatch' },
  { args: ['org', 'handle', 'newname', '--confirm', 'wrong'], says: /^--confirm "wrong" does not match "acme"/, code: 'confirmation_mismatch' },
  { args: ['org', 'reset-auth', '--confirm', 'wrong'], says: /^--confirm "wrong" does not match "acme"/, code: 'confirmation_mismatch' },
  // hosts
  { args: ['--host', 'http://example.com', 'org', 'list'], says: /^refusing plain http for example\.com/, code: 'insecure_host' },
  { args: ['--host', 'not a host', 'org', 'list'], says: /^invalid host "not a host"/, code: 'invalid_host' },
  // files
  { args: ['people', 'invite', '--from-file', 'bad-email.csv'], says: /^bad-email\.csv line 3: invalid email "not-an-email"/, code: 'invalid_input' },
  { args: ['people', 'invite', '--from-file', 'bad-role.csv'], says: /^bad-role\.csv line 2: .*role "admin"/, code: 'invalid_input' },
  { args: ['people', 'invite', '--from-file', 'two-roles.csv'], says: /^two-roles\.csv line 3: ann@example\.com is listed again as owner/, code: 'invalid_input' },
  { args: ['people', 'invite', '--from-file', 'no-columns.csv'], says: /^no-columns\.csv/, code: 'invalid_file' },
  { args: ['people', 'invite', '--from-file', 'missing.csv'], says: /^--from-file missing\.csv does not exist/, code: 'file_unreadable' },
  { args: ['people', 'invite', 'x@example.com', '--failed-to', 'a-directory.png'], says: /^--failed-to a-directory\.png is a directory/, code: 'invalid_path' },
  { args: ['org', 'apply', '-f', 'bad-handle.yaml', '--yes'], says: /^bad-handle\.yaml is not a valid org file/, code: 'invalid_org_file' },
  { args: ['org', 'apply', '-f', 'bad-role.yaml', '--yes'], says: /^bad-role\.yaml is not a valid org file/, code: 'invalid_org_file' },
  { args: ['org', 'apply', '-f', 'broken.yaml', '--dry-run'], says: /^broken\.yaml is not a valid org file/, code: 'invalid_org_file' },
  { args: ['org', 'apply', '-f', 'missing.yaml', '--yes'], says: /^cannot read missing\.yaml/, code: 'file_unreadable' },
  // a token is expected on stdin
  { args: ['login', '--with-token'], says: /^no token on stdin/, code: 'token_missing', input: '' },
];

const { make, sent } = useCommandTests({ org: 'acme' });

// The cases name files relative to where the command runs, as a person would.
let dir: string;
let cwd: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipesctl-bad-input-'));
  writeFixtures(dir);
  cwd = process.cwd();
  process.chdir(dir);
});
afterAll(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

describe('bad input: exit 2, the reason first on stderr, nothing on stdout, nothing sent', () => {
  it('has at least 45 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
  });

  it.each(cases.map((c) => [c.args.map((a) => (a === '' ? "''" : a.length > 30 ? `${a.slice(0, 12)}…` : a)).join(' '), c] as const))(
    'pipesctl %s',
    async (_name, { args, says, code, input }) => {
      if (!args.includes('--json')) {
        const t = make({ stdin: input });
        expect(await t.run(args), t.stderr()).toBe(2);
        expect(t.stdout()).toBe('');
        const first = t.stderr().split('\n')[0]!;
        expect(first.trim()).not.toBe('');
        expect(first).toMatch(says);
        expect(await sent()).toEqual([]);
      }

      const t = make({ stdin: input });
      expect(await t.run(args.includes('--json') ? args : ['--json', ...args]), t.stderr()).toBe(2);
      expect(t.stdout()).toBe('');
      const { error } = JSON.parse(t.stderr()) as { error: { code: string; message: string; status: number | null } };
      expect(error.code).toBe(code);
      expect(error.status).toBeNull();
      expect(error.message.split('\n')[0]).toMatch(says);
      expect(await sent()).toEqual([]);
    },
  );
});
