// Every check pipesctl makes on user input before anything is sent. Each failure is a
// UsageError (exit 2) with a stable `code` and a one-line message saying what is wrong and
// what is allowed. Single-argument parsers can be handed to commander's `argParser` as they are.
// fs.promises is read when used, not at start-up: loading it also loads readline.
import { promises as fsp } from 'node:fs';
import { basename } from 'node:path';
import { emailProblem, HANDLE_MAX, hasControlCharacters, imageTypeOf, isHandle, type ImageType } from '../api/rules';
import type { OrgRole, OrgUserStatus } from '../api/types';
import { UsageError } from '../errors';
import { formatDate } from '../output/format';

// ---- handles ----

const HANDLE_RULE = `use 1-${HANDLE_MAX} lowercase letters, digits and single hyphens, not starting or ending with a hyphen`;

/** Why a handle is refused; the ids appear in the error's `details` as `{rule}`. */
export type HandleRule =
  | 'empty'
  | 'uppercase'
  | 'underscore'
  | 'character'
  | 'double_hyphen'
  | 'leading_hyphen'
  | 'trailing_hyphen'
  | 'too_long'
  | 'pattern';

interface Problem<R extends string> {
  rule: R;
  text: string;
}

function handleProblems(value: string): Problem<HandleRule>[] {
  if (value === '') return [{ rule: 'empty', text: 'empty' }];
  const problems: Problem<HandleRule>[] = [];
  if (/[A-Z]/.test(value)) problems.push({ rule: 'uppercase', text: 'uppercase letters' });
  if (value.includes('_')) problems.push({ rule: 'underscore', text: 'an underscore' });
  const others = [...new Set(value.replace(/[a-zA-Z0-9_-]/g, ''))];
  if (others.length > 0) {
    problems.push({ rule: 'character', text: `not allowed: ${others.map((c) => JSON.stringify(c)).join(' ')}` });
  }
  if (value.includes('--')) problems.push({ rule: 'double_hyphen', text: 'a double hyphen' });
  if (value.startsWith('-')) problems.push({ rule: 'leading_hyphen', text: 'starts with a hyphen' });
  if (value.endsWith('-') && value.length > 1) problems.push({ rule: 'trailing_hyphen', text: 'ends with a hyphen' });
  const length = [...value].length;
  if (length > HANDLE_MAX) problems.push({ rule: 'too_long', text: `${length} characters` });
  // The service's pattern also limits how many hyphenated parts fit in 39 characters.
  if (problems.length === 0 && !isHandle(value)) {
    problems.push({ rule: 'pattern', text: 'too many hyphenated parts for its length' });
  }
  return problems;
}

/** A nearby valid handle to suggest, if there is one. */
function suggestHandle(value: string): string | undefined {
  const candidate = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, HANDLE_MAX)
    .replace(/-+$/, '');
  return candidate !== value && isHandle(candidate) ? candidate : undefined;
}

function handleError(value: string, problems: Problem<HandleRule>[], label: string, allowed = HANDLE_RULE): UsageError {
  const suggestion = suggestHandle(value);
  return new UsageError(`invalid ${label} ${JSON.stringify(value)} (${problems.map((p) => p.text).join(', ')}): ${allowed}`, {
    code: 'invalid_handle',
    details: problems.map((p) => ({ rule: p.rule })),
    hint: suggestion ? `Did you mean "${suggestion}"?` : undefined,
  });
}

/** An org or user handle as the service creates it, and so as every command accepts it (api/rules isHandle). */
export function parseHandle(value: string): string {
  const problems = handleProblems(value);
  if (problems.length > 0) throw handleError(value, problems, 'handle');
  return value;
}

// ---- emails and invitees ----

const EMAIL_RULE = 'use an address like name@example.com';

/** A pragmatic email check (api/rules emailProblem): one @, a local part, a dotted domain, no spaces or controls, at most 254 characters. */
export function parseEmail(value: string): string {
  const problem = emailProblem(value);
  if (problem) throw new UsageError(`invalid email ${JSON.stringify(value)} (${problem}): ${EMAIL_RULE}`, { code: 'invalid_email' });
  return value;
}

export type Invitee = { email: string; handle?: undefined } | { handle: string; email?: undefined };

/** Someone to invite: anything with an "@" is an email address, anything else a user handle. */
export function parseInvitee(value: string): Invitee {
  if (value.includes('@')) return { email: parseEmail(value) };
  const problems = handleProblems(value);
  if (problems.length > 0) {
    throw handleError(value, problems, 'user handle', `${HANDLE_RULE}, or give an email address`);
  }
  return { handle: value };
}

// ---- choices ----

function parseChoice<T extends string>(value: string, choices: readonly T[], label: string, code: string): T {
  const normalised = value.trim().toLowerCase();
  const found = choices.find((choice) => choice === normalised);
  if (found === undefined) {
    const allowed = choices.length === 2 ? choices.join(' or ') : `one of ${choices.join(', ')}`;
    throw new UsageError(`invalid ${label} ${JSON.stringify(value)}: use ${allowed}`, { code });
  }
  return found;
}

export const ROLES = ['member', 'owner'] as const;
/** `member` or `owner`, in any case. */
export function parseRole(value: string): OrgRole {
  return parseChoice(value, ROLES, 'role', 'invalid_role');
}

export const IF_EXISTS = ['fail', 'skip'] as const;
export type IfExists = (typeof IF_EXISTS)[number];
/** `--if-exists fail|skip`: what to do when the record is already there. */
export function parseIfExists(value: string): IfExists {
  return parseChoice(value, IF_EXISTS, '--if-exists', 'invalid_if_exists');
}

export const MEMBER_STATUSES = ['invited', 'accepted'] as const;
/** `--status invited|accepted`: a member who has accepted, or an open invitation. */
export function parseMemberStatus(value: string): OrgUserStatus {
  return parseChoice(value, MEMBER_STATUSES, '--status', 'invalid_status');
}

export const DOCUMENT_FORMATS = ['yaml', 'json'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
/** `--format yaml|json`. */
export function parseFormat(value: string): DocumentFormat {
  return parseChoice(value, DOCUMENT_FORMATS, '--format', 'invalid_format');
}

// ---- dates ----

const DATE_RULE = 'use YYYY-MM-DD or an ISO 8601 time such as 2026-01-31T12:00:00Z';
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dateProblem(match: RegExpExecArray | null): string | undefined {
  if (!match) return 'not a date';
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => (part === undefined ? 0 : Number(part)));
  if (month! < 1 || month! > 12) return 'no such month';
  if (day! < 1 || day! > daysInMonth(year!, month!)) return 'no such day';
  if (hour > 23 || minute > 59 || second > 59) return 'no such time';
  const offset = match[8];
  if (offset && !/^[Zz]$/.test(offset)) {
    const [, oh, om] = /^[+-](\d{2}):?(\d{2})$/.exec(offset)!;
    if (Number(oh) > 23 || Number(om) > 59) return 'no such UTC offset';
  }
  return undefined;
}

function toDate(match: RegExpExecArray): Date {
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  const millis = Number((match[7] ?? '0').padEnd(3, '0').slice(0, 3));
  let time = Date.UTC(year!, month! - 1, day!, hour, minute, second, millis);
  const offset = match[8];
  if (offset && !/^[Zz]$/.test(offset)) {
    const [, sign, oh, om] = /^([+-])(\d{2}):?(\d{2})$/.exec(offset)!;
    time -= (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  }
  return new Date(time);
}

function parseDateAs(value: string, label: string): Date {
  const match = ISO_DATE.exec(value.trim());
  const problem = dateProblem(match);
  if (problem) throw new UsageError(`invalid ${label} ${JSON.stringify(value)} (${problem}): ${DATE_RULE}`, { code: 'invalid_date' });
  return toDate(match!);
}

/**
 * A calendar date (YYYY-MM-DD, midnight UTC) or an ISO 8601 time. A time without a UTC
 * offset is taken as UTC, like every time the API deals in.
 */
export function parseDate(value: string): Date {
  return parseDateAs(value, 'date');
}

export interface DateRange {
  since: Date;
  until: Date;
}

/**
 * `--since/--until`: both optional. `until` defaults to now and `since` to the first day of
 * the month (UTC) of `until` or of now, whichever is earlier, so no flags means "this month
 * so far". `since` may not be after `until`, nor in the future.
 */
export function parseDateRange(input: { since?: string; until?: string }, now: Date): DateRange {
  const until = input.until === undefined ? now : parseDateAs(input.until, '--until date');
  if (input.since === undefined) {
    const anchor = until.getTime() < now.getTime() ? until : now;
    return { since: new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth(), 1)), until };
  }
  const since = parseDateAs(input.since, '--since date');
  if (since.getTime() > now.getTime()) {
    throw new UsageError(`--since ${input.since} is in the future: use today (${formatDate(now)}) or an earlier date`, {
      code: 'date_in_future',
    });
  }
  if (since.getTime() > until.getTime()) {
    throw new UsageError(`invalid date range: --since ${input.since} is after --until ${input.until}; use a --since on or before --until`, {
      code: 'invalid_date_range',
    });
  }
  return { since, until };
}

// ---- free text ----

const DISPLAY_NAME_MAX = 100;

/** A display name: 1-100 characters once trimmed, no control characters. Returns it trimmed. */
export function parseDisplayName(value: string): string {
  const trimmed = value.trim();
  const length = [...trimmed].length;
  let problem: string | undefined;
  if (length === 0) problem = 'empty';
  else if (length > DISPLAY_NAME_MAX) problem = `${length} characters`;
  else if (/\p{Cc}/u.test(trimmed)) problem = 'contains control characters';
  if (problem) {
    const shown = length > 40 ? `${[...trimmed].slice(0, 37).join('')}...` : trimmed;
    throw new UsageError(
      `invalid display name ${JSON.stringify(shown)} (${problem}): use 1-${DISPLAY_NAME_MAX} characters without control characters such as newlines or tabs`,
      { code: 'invalid_display_name' },
    );
  }
  return trimmed;
}

/** A web address with an http:// or https:// scheme. Returned as given. */
export function parseUrl(value: string): string {
  const rule = 'use a full http:// or https:// address such as https://acme.example.com (or "" for none)';
  // "" clears the org's URL: the API takes it.
  if (value === '') return value;
  let problem: string | undefined;
  if (hasControlCharacters(value)) problem = 'contains control characters';
  else if (/\s/.test(value)) problem = 'contains spaces';
  else if (!/^https?:\/\//i.test(value)) problem = /^[a-z][a-z0-9+.-]*:/i.test(value) ? 'not http or https' : 'no http:// or https://';
  else if (!URL.canParse(value) || new URL(value).hostname === '') problem = 'not a valid address';
  if (problem) throw new UsageError(`invalid URL ${JSON.stringify(value)} (${problem}): ${rule}`, { code: 'invalid_url' });
  return value;
}

// ---- numbers ----

/** A whole number from 1 to `max`, for flags such as `--limit` and `--concurrency`. */
export function parsePositiveInt(value: string, opts: { flag: string; max?: number }): number {
  const trimmed = value.trim();
  const n = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  const max = opts.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) {
    const allowed = opts.max === undefined ? 'a whole number of at least 1' : `a whole number from 1 to ${opts.max}`;
    throw new UsageError(`invalid ${opts.flag} ${JSON.stringify(value)}: use ${allowed}`, { code: 'invalid_number' });
  }
  return n;
}

/** `parsePositiveInt` bound to a flag, in the shape commander's `argParser` wants. */
export function positiveIntParser(flag: string, max?: number): (value: string) => number {
  return (value) => parsePositiveInt(value, { flag, max });
}

// ---- the login code ----

/** The 6-digit code the browser shows after Verify. Surrounding spaces are forgiven. */
export function parseVerificationCode(value: string): string {
  const code = value.trim();
  if (!/^\d{6}$/.test(code)) {
    throw new UsageError(`invalid verification code ${JSON.stringify(value)}: enter the 6 digits the browser shows`, {
      code: 'invalid_verification_code',
    });
  }
  return code;
}

// ---- the avatar file ----

export const AVATAR_MAX_BYTES = 1024 * 1024;
const AVATAR_RULE = 'give a PNG, JPEG, GIF or WebP image of at most 1 MiB';

export type AvatarType = ImageType;

export interface AvatarFile {
  /** The file's base name, sent as the upload's file name. */
  name: string;
  type: AvatarType;
  data: Uint8Array;
}

function avatarError(path: string, problem: string, code: string): UsageError {
  return new UsageError(`avatar ${JSON.stringify(path)} ${problem}: ${AVATAR_RULE}`, { code });
}

/** A size over the limit: in MiB, with the bytes when it rounds to the limit ("1.0 MiB" alone would not say why). */
function avatarSize(bytes: number): string {
  const mib = (bytes / AVATAR_MAX_BYTES).toFixed(1);
  const n = bytes.toLocaleString('en-US');
  return mib === '1.0' ? `${n} bytes, over the limit of ${AVATAR_MAX_BYTES.toLocaleString('en-US')} bytes (1 MiB)` : `${mib} MiB (${n} bytes)`;
}

/** Reads and checks `--avatar FILE`: a readable regular file, at most 1 MiB, a PNG/JPEG/GIF/WebP image. */
export async function readAvatarFile(path: string): Promise<AvatarFile> {
  const info = await fsp.stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') throw avatarError(path, 'does not exist', 'avatar_not_found');
    throw avatarError(path, `cannot be read (${err.code ?? err.message})`, 'avatar_unreadable');
  });
  if (info.isDirectory()) throw avatarError(path, 'is a directory', 'avatar_not_a_file');
  if (!info.isFile()) throw avatarError(path, 'is not a regular file', 'avatar_not_a_file');
  if (info.size > AVATAR_MAX_BYTES) throw avatarError(path, `is ${avatarSize(info.size)}`, 'avatar_too_large');
  const data = new Uint8Array(
    await fsp.readFile(path).catch((err: NodeJS.ErrnoException) => {
      throw avatarError(path, `cannot be read (${err.code === 'EACCES' ? 'permission denied' : (err.code ?? err.message)})`, 'avatar_unreadable');
    }),
  );
  // The file may have grown between stat and read.
  if (data.byteLength > AVATAR_MAX_BYTES) throw avatarError(path, `is ${avatarSize(data.byteLength)}`, 'avatar_too_large');
  const type = imageTypeOf(data);
  if (!type) throw avatarError(path, data.byteLength === 0 ? 'is empty' : 'is not a PNG, JPEG, GIF or WebP image (judged by its contents)', 'avatar_unsupported_type');
  return { name: basename(path), type, data };
}
