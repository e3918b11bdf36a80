import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageTypeOf as detectImageType, isHandle } from '../../src/api/rules';
import {
  AVATAR_MAX_BYTES,
  parseDate,
  parseDateRange,
  parseDisplayName,
  parseEmail,
  parseFormat,
  parseHandle,
  parseIfExists,
  parseInvitee,
  parsePositiveInt,
  parseRole,
  parseUrl,
  parseVerificationCode,
  positiveIntParser,
  readAvatarFile,
} from '../../src/core/validate';
import { EXIT, UsageError } from '../../src/errors';

/** Runs `fn` and returns the UsageError it throws (fails the test if it throws anything else). */
function usageErrorOf(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error('expected a UsageError, nothing was thrown');
}

async function asyncUsageErrorOf(promise: Promise<unknown>): Promise<UsageError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  return err as UsageError;
}

const NOW = new Date('2026-05-14T10:30:00Z');

// [label, call, expected code, fragment the message must contain]
type BadCase = [string, () => unknown, string, string];

const badInputs: BadCase[] = [
  // handles
  ['handle empty', () => parseHandle(''), 'invalid_handle', '(empty)'],
  ['handle uppercase', () => parseHandle('Acme'), 'invalid_handle', 'uppercase letters'],
  ['handle underscore', () => parseHandle('acme_1'), 'invalid_handle', 'an underscore'],
  ['handle uppercase and underscore', () => parseHandle('Acme_1'), 'invalid_handle', 'uppercase letters, an underscore'],
  ['handle double hyphen', () => parseHandle('acme--corp'), 'invalid_handle', 'a double hyphen'],
  ['handle leading hyphen', () => parseHandle('-acme'), 'invalid_handle', 'starts with a hyphen'],
  ['handle trailing hyphen', () => parseHandle('acme-'), 'invalid_handle', 'ends with a hyphen'],
  ['handle lone hyphen', () => parseHandle('-'), 'invalid_handle', 'starts with a hyphen'],
  ['handle too long', () => parseHandle('a'.repeat(40)), 'invalid_handle', '40 characters'],
  ['handle space', () => parseHandle('acme corp'), 'invalid_handle', 'not allowed: " "'],
  ['handle dot', () => parseHandle('acme.corp'), 'invalid_handle', 'not allowed: "."'],
  ['handle at sign', () => parseHandle('@acme'), 'invalid_handle', 'not allowed: "@"'],
  ['handle non-ascii', () => parseHandle('café'), 'invalid_handle', 'not allowed: "é"'],
  ['handle too many hyphenated parts', () => parseHandle('abc-abc-abc-abc-abc-abc-abc-abc-abc-abc'), 'invalid_handle', 'too many hyphenated parts'],
  // emails
  ['email empty', () => parseEmail(''), 'invalid_email', '(empty)'],
  ['email without @', () => parseEmail('alice.example.com'), 'invalid_email', 'no "@"'],
  ['email with two @', () => parseEmail('a@b@example.com'), 'invalid_email', 'more than one "@"'],
  ['email empty local part', () => parseEmail('@example.com'), 'invalid_email', 'nothing before the "@"'],
  ['email empty domain', () => parseEmail('alice@'), 'invalid_email', 'nothing after the "@"'],
  ['email domain without dot', () => parseEmail('alice@localhost'), 'invalid_email', 'has no dot'],
  ['email domain with empty label', () => parseEmail('alice@example..com'), 'invalid_email', 'has an empty part'],
  ['email domain ending in dot', () => parseEmail('alice@example.com.'), 'invalid_email', 'has an empty part'],
  ['email with space', () => parseEmail('alice smith@example.com'), 'invalid_email', 'contains spaces'],
  ['email with surrounding space', () => parseEmail(' alice@example.com'), 'invalid_email', 'contains spaces'],
  ['email too long', () => parseEmail(`${'a'.repeat(250)}@example.com`), 'invalid_email', 'at most 254'],
  // invitees
  ['invitee bad email', () => parseInvitee('bob@localhost'), 'invalid_email', 'has no dot'],
  ['invitee bad handle', () => parseInvitee('Bob_Smith'), 'invalid_handle', 'or give an email address'],
  ['invitee empty', () => parseInvitee(''), 'invalid_handle', 'invalid user handle ""'],
  // roles
  ['role admin', () => parseRole('admin'), 'invalid_role', 'use member or owner'],
  ['role empty', () => parseRole(''), 'invalid_role', 'use member or owner'],
  ['role plural', () => parseRole('owners'), 'invalid_role', 'invalid role "owners"'],
  // dates
  ['date words', () => parseDate('yesterday'), 'invalid_date', 'not a date'],
  ['date empty', () => parseDate(''), 'invalid_date', 'not a date'],
  ['date US order', () => parseDate('01/31/2026'), 'invalid_date', 'use YYYY-MM-DD'],
  ['date short year', () => parseDate('26-01-31'), 'invalid_date', 'not a date'],
  ['date no padding', () => parseDate('2026-1-31'), 'invalid_date', 'not a date'],
  ['date month 13', () => parseDate('2026-13-01'), 'invalid_date', 'no such month'],
  ['date month 00', () => parseDate('2026-00-10'), 'invalid_date', 'no such month'],
  ['date Feb 30', () => parseDate('2026-02-30'), 'invalid_date', 'no such day'],
  ['date Feb 29 non-leap', () => parseDate('2025-02-29'), 'invalid_date', 'no such day'],
  ['date April 31', () => parseDate('2026-04-31'), 'invalid_date', 'no such day'],
  ['date day 00', () => parseDate('2026-04-00'), 'invalid_date', 'no such day'],
  ['time hour 24', () => parseDate('2026-01-31T24:00:00Z'), 'invalid_date', 'no such time'],
  ['time minute 60', () => parseDate('2026-01-31T10:60:00Z'), 'invalid_date', 'no such time'],
  ['time bad offset', () => parseDate('2026-01-31T10:00:00+25:00'), 'invalid_date', 'no such UTC offset'],
  ['time garbage zone', () => parseDate('2026-01-31T10:00:00 PST'), 'invalid_date', 'not a date'],
  ['range since after until', () => parseDateRange({ since: '2026-03-02', until: '2026-03-01' }, NOW), 'invalid_date_range', '--since 2026-03-02 is after --until 2026-03-01'],
  ['range since in future', () => parseDateRange({ since: '2026-05-15' }, NOW), 'date_in_future', 'use today (2026-05-14) or an earlier date'],
  ['range since later today', () => parseDateRange({ since: '2026-05-14T11:00:00Z' }, NOW), 'date_in_future', 'in the future'],
  ['range bad since', () => parseDateRange({ since: '2026-02-31' }, NOW), 'invalid_date', 'invalid --since date "2026-02-31"'],
  ['range bad until', () => parseDateRange({ until: 'soon' }, NOW), 'invalid_date', 'invalid --until date "soon"'],
  // display names
  ['display name empty', () => parseDisplayName(''), 'invalid_display_name', '(empty)'],
  ['display name blank', () => parseDisplayName('   '), 'invalid_display_name', '(empty)'],
  ['display name too long', () => parseDisplayName('x'.repeat(101)), 'invalid_display_name', '101 characters'],
  ['display name newline', () => parseDisplayName('Acme\nCorp'), 'invalid_display_name', 'control characters'],
  ['display name tab', () => parseDisplayName('Acme\tCorp'), 'invalid_display_name', 'control characters'],
  ['display name escape', () => parseDisplayName('Acme\u001b[31m'), 'invalid_display_name', 'control characters'],
  // urls
  ['url bare host', () => parseUrl('acme.example.com'), 'invalid_url', 'no http:// or https://'],
  ['url ftp', () => parseUrl('ftp://acme.example.com'), 'invalid_url', 'not http or https'],
  ['url javascript', () => parseUrl('javascript:alert(1)'), 'invalid_url', 'not http or https'],
  ['url control character', () => parseUrl('https://acme.example.com/\u001b[31m'), 'invalid_url', 'contains control characters'],
  ['url with space', () => parseUrl('https://acme example.com'), 'invalid_url', 'contains spaces'],
  ['url no host', () => parseUrl('https://'), 'invalid_url', 'not a valid address'],
  ['url bad port', () => parseUrl('https://acme.example.com:99999'), 'invalid_url', 'not a valid address'],
  // positive integers
  ['int zero', () => parsePositiveInt('0', { flag: '--limit', max: 100 }), 'invalid_number', 'use a whole number from 1 to 100'],
  ['int negative', () => parsePositiveInt('-5', { flag: '--limit', max: 100 }), 'invalid_number', 'invalid --limit "-5"'],
  ['int over max', () => parsePositiveInt('101', { flag: '--limit', max: 100 }), 'invalid_number', 'from 1 to 100'],
  ['int decimal', () => parsePositiveInt('2.5', { flag: '--concurrency', max: 16 }), 'invalid_number', 'invalid --concurrency "2.5"'],
  ['int exponent', () => parsePositiveInt('1e2', { flag: '--limit' }), 'invalid_number', 'a whole number of at least 1'],
  ['int hex', () => parsePositiveInt('0x10', { flag: '--limit' }), 'invalid_number', 'invalid --limit'],
  ['int words', () => parsePositiveInt('ten', { flag: '--limit' }), 'invalid_number', 'invalid --limit'],
  ['int empty', () => parsePositiveInt('', { flag: '--limit' }), 'invalid_number', 'invalid --limit ""'],
  ['int huge', () => parsePositiveInt('9'.repeat(20), { flag: '--limit' }), 'invalid_number', 'invalid --limit'],
  // choices
  ['if-exists ignore', () => parseIfExists('ignore'), 'invalid_if_exists', 'use fail or skip'],
  ['if-exists empty', () => parseIfExists(''), 'invalid_if_exists', 'use fail or skip'],
  ['format xml', () => parseFormat('xml'), 'invalid_format', 'use yaml or json'],
  ['format yml', () => parseFormat('yml'), 'invalid_format', 'use yaml or json'],
  // verification codes
  ['code five digits', () => parseVerificationCode('12345'), 'invalid_verification_code', 'enter the 6 digits'],
  ['code seven digits', () => parseVerificationCode('1234567'), 'invalid_verification_code', 'enter the 6 digits'],
  ['code letters', () => parseVerificationCode('12a456'), 'invalid_verification_code', 'enter the 6 digits'],
  ['code empty', () => parseVerificationCode(''), 'invalid_verification_code', 'enter the 6 digits'],
  ['code with inner space', () => parseVerificationCode('123 456'), 'invalid_verification_code', 'enter the 6 digits'],
];

describe('bad input is refused with a stable code and a message saying what is allowed', () => {
  it('has a large table', () => {
    expect(badInputs.length).toBeGreaterThanOrEqual(60);
  });

  it.each(badInputs)('%s', (_label, call, code, fragment) => {
    const err = usageErrorOf(call);
    expect(err.code).toBe(code);
    expect(err.exitCode).toBe(EXIT.usage);
    expect(err.message).toContain(fragment);
    expect(err.message).not.toContain('\n');
  });
});

describe('parseHandle', () => {
  it.each(['a', 'acme', 'acme-corp', 'a1-b2-c3', '0', 'a'.repeat(39), `a${'-a'.repeat(18)}`])('accepts %s', (handle) => {
    expect(parseHandle(handle)).toBe(handle);
    expect(isHandle(handle)).toBe(true);
  });

  it('says what is allowed, and names every rule that is broken', () => {
    const err = usageErrorOf(() => parseHandle('Acme_1'));
    expect(err.message).toBe(
      'invalid handle "Acme_1" (uppercase letters, an underscore): use 1-39 lowercase letters, digits and single hyphens, not starting or ending with a hyphen',
    );
    expect(err.details).toEqual([{ rule: 'uppercase' }, { rule: 'underscore' }]);
  });

  it.each([
    ['', ['empty']],
    ['-a--b-', ['double_hyphen', 'leading_hyphen', 'trailing_hyphen']],
    ['a'.repeat(45), ['too_long']],
    ['a b', ['character']],
    ['ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab', ['pattern']],
  ])('reports the rules broken by %j', (handle, rules) => {
    expect(usageErrorOf(() => parseHandle(handle)).details).toEqual(rules.map((rule) => ({ rule })));
  });

  it('suggests a nearby valid handle', () => {
    expect(usageErrorOf(() => parseHandle('Acme_Corp')).hint).toBe('Did you mean "acme-corp"?');
    expect(usageErrorOf(() => parseHandle('')).hint).toBeUndefined();
  });
});

describe('parseEmail and parseInvitee', () => {
  it.each(['alice@example.com', 'a.b+tag@sub.example.co.uk', 'x@y.io'])('accepts %s', (email) => {
    expect(parseEmail(email)).toBe(email);
    expect(parseInvitee(email)).toEqual({ email });
  });

  it('classifies anything without an @ as a handle', () => {
    expect(parseInvitee('bob')).toEqual({ handle: 'bob' });
    expect(parseInvitee('bob-smith')).toEqual({ handle: 'bob-smith' });
  });

  it('accepts a 254-character address', () => {
    const email = `${'a'.repeat(242)}@example.com`;
    expect(email).toHaveLength(254);
    expect(parseEmail(email)).toBe(email);
  });
});

describe('parseRole and other choices', () => {
  it('normalises case', () => {
    expect(parseRole('Owner')).toBe('owner');
    expect(parseRole('MEMBER')).toBe('member');
    expect(parseIfExists('Skip')).toBe('skip');
    expect(parseFormat('JSON')).toBe('json');
  });
});

describe('parseDate', () => {
  it.each([
    ['2026-01-31', '2026-01-31T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2026-01-31T12:34:56Z', '2026-01-31T12:34:56.000Z'],
    ['2026-01-31T12:34Z', '2026-01-31T12:34:00.000Z'],
    ['2026-01-31T12:34:56.789Z', '2026-01-31T12:34:56.789Z'],
    ['2026-01-31T12:00:00+02:00', '2026-01-31T10:00:00.000Z'],
    ['2026-01-31T12:00:00-0530', '2026-01-31T17:30:00.000Z'],
    ['2026-01-31T12:00:00', '2026-01-31T12:00:00.000Z'],
  ])('reads %s', (input, iso) => {
    expect(parseDate(input).toISOString()).toBe(iso);
  });
});

describe('parseDateRange', () => {
  it('defaults to the current month so far', () => {
    const range = parseDateRange({}, NOW);
    expect(range.since.toISOString()).toBe('2026-05-01T00:00:00.000Z');
    expect(range.until).toEqual(NOW);
  });

  it('defaults since to the start of until’s month', () => {
    const range = parseDateRange({ until: '2026-02-20' }, NOW);
    expect(range.since.toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });

  it('keeps a default since in the past when until is in the future', () => {
    const range = parseDateRange({ until: '2026-09-01' }, NOW);
    expect(range.since.toISOString()).toBe('2026-05-01T00:00:00.000Z');
  });

  it('accepts a one-day range and today as since', () => {
    expect(parseDateRange({ since: '2026-03-01', until: '2026-03-01' }, NOW).since.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parseDateRange({ since: '2026-05-14' }, NOW).until).toEqual(NOW);
  });
});

describe('parseDisplayName, parseUrl, numbers, codes', () => {
  it('trims display names and counts characters, not bytes', () => {
    expect(parseDisplayName('  Acme Corp  ')).toBe('Acme Corp');
    expect(parseDisplayName('é'.repeat(100))).toHaveLength(100);
  });

  it('accepts http and https addresses as given', () => {
    expect(parseUrl('https://acme.example.com')).toBe('https://acme.example.com');
    expect(parseUrl('HTTP://acme.example.com/path?q=1')).toBe('HTTP://acme.example.com/path?q=1');
  });

  it('reads positive integers', () => {
    expect(parsePositiveInt('1', { flag: '--limit', max: 100 })).toBe(1);
    expect(parsePositiveInt('100', { flag: '--limit', max: 100 })).toBe(100);
    expect(parsePositiveInt(' 7 ', { flag: '--limit' })).toBe(7);
  });

  it('forgives spaces around a verification code', () => {
    expect(parseVerificationCode(' 012345\n')).toBe('012345');
  });
});

describe('as commander option parsers', () => {
  function program(): Command {
    return new Command('pipesctl')
      .exitOverride()
      .configureOutput({ writeErr: () => {}, writeOut: () => {} })
      .option('--role <role>', 'role', parseRole)
      .option('--limit <n>', 'limit', positiveIntParser('--limit', 100), 25)
      .action(() => {});
  }

  it('passes parsed values through', async () => {
    const cmd = program();
    await cmd.parseAsync(['--role', 'OWNER', '--limit', '10'], { from: 'user' });
    expect(cmd.opts()).toEqual({ role: 'owner', limit: 10 });
  });

  it('lets the UsageError through with its code and exit code', async () => {
    const err = await asyncUsageErrorOf(program().parseAsync(['--limit', '0'], { from: 'user' }));
    expect(err.code).toBe('invalid_number');
    expect(err.exitCode).toBe(2);
  });
});

describe('readAvatarFile', () => {
  let dir: string;
  const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
  const GIF = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
  const WEBP = new TextEncoder().encode('RIFF\x24\x00\x00\x00WEBPVP8 ');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pipesctl-avatar-'));
    writeFileSync(join(dir, 'logo.png'), PNG);
    writeFileSync(join(dir, 'photo.jpg'), JPEG);
    writeFileSync(join(dir, 'anim.gif'), GIF);
    writeFileSync(join(dir, 'pic.webp'), WEBP);
    writeFileSync(join(dir, 'fake.png'), 'not really a png');
    writeFileSync(join(dir, 'empty.png'), '');
    const big = new Uint8Array(AVATAR_MAX_BYTES + 1);
    big.set(PNG);
    writeFileSync(join(dir, 'big.png'), big);
    const exact = new Uint8Array(AVATAR_MAX_BYTES);
    exact.set(PNG);
    writeFileSync(join(dir, 'exact.png'), exact);
    mkdirSync(join(dir, 'folder.png'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['logo.png', 'image/png', PNG],
    ['photo.jpg', 'image/jpeg', JPEG],
    ['anim.gif', 'image/gif', GIF],
    ['pic.webp', 'image/webp', WEBP],
  ])('reads %s as %s', async (name, type, bytes) => {
    const file = await readAvatarFile(join(dir, name));
    expect(file).toEqual({ name, type, data: bytes });
  });

  it('accepts exactly 1 MiB', async () => {
    expect((await readAvatarFile(join(dir, 'exact.png'))).data.byteLength).toBe(AVATAR_MAX_BYTES);
  });

  it.each([
    ['missing.png', 'avatar_not_found', 'does not exist'],
    ['logo.png/inside', 'avatar_not_found', 'does not exist'],
    ['folder.png', 'avatar_not_a_file', 'is a directory'],
    ['big.png', 'avatar_too_large', 'is 1,048,577 bytes, over the limit of 1,048,576 bytes (1 MiB)'],
    ['fake.png', 'avatar_unsupported_type', 'is not a PNG, JPEG, GIF or WebP image'],
    ['empty.png', 'avatar_unsupported_type', 'is empty'],
    ['loop-a', 'avatar_unreadable', 'cannot be read (ELOOP)'],
  ])('refuses %s with %s', async (name, code, fragment) => {
    const err = await asyncUsageErrorOf(readAvatarFile(join(dir, name)));
    expect(err.code).toBe(code);
    expect(err.message).toContain(fragment);
    expect(err.message).toContain('give a PNG, JPEG, GIF or WebP image of at most 1 MiB');
  });

  it('refuses a device that is not a regular file', async () => {
    const err = await asyncUsageErrorOf(readAvatarFile('/dev/null'));
    expect(err.code).toBe('avatar_not_a_file');
  });

  it('detects types from magic bytes only', () => {
    expect(detectImageType(new TextEncoder().encode('RIFF\0\0\0\0WAVE'))).toBeUndefined();
    expect(detectImageType(new Uint8Array([0xff, 0xd8]))).toBeUndefined();
  });
});
