// The Pipes API's field rules that more than one side needs: the client checks input with them
// before sending, the CLI explains them, and the emulator enforces them as the service does.
// Every rule runs on untrusted text, so each checks the length first and runs in linear time
// (no regular expression with nested quantifiers).

/** Longest org or user handle: the document's pattern allows 2 + 18 × 2 + 1 characters. */
export const HANDLE_MAX = 39;

/**
 * The document's `CreateOrgRequest.handle` pattern, for reference and documentation:
 * `isHandle` decides the same thing without backtracking (test/api/rules.test.ts holds them equal).
 */
export const HANDLE_PATTERN_SOURCE = '^[a-z0-9]{1,2}(?:[a-z0-9]{1,2}|-[a-z0-9]){0,18}[a-z0-9]?$';

const HANDLE_GROUPS_MAX = 18;

function isHandleChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39); // a-z 0-9
}

/**
 * An org or user handle as the service creates it, and therefore as every path accepts it:
 * 1-39 lowercase letters, digits and single hyphens, not starting or ending with a hyphen,
 * within the document's limit of hyphen groups. One rule for create, paths and the emulator.
 */
export function isHandle(value: string): boolean {
  const n = value.length;
  if (n < 1 || n > HANDLE_MAX) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (!isHandleChar(c) && c !== 0x2d) return false;
  }
  // ^A{1,2} G{0,18} A?$ with G = A{1,2} | -A: try each head and tail, count the fewest groups
  // that cover the middle (dynamic programming over positions: linear).
  for (const head of [1, 2]) {
    for (const tail of [0, 1]) {
      if (head + tail > n) continue;
      if (!allAlnum(value, 0, head) || !allAlnum(value, n - tail, n)) continue;
      if (fewestGroups(value, head, n - tail) <= HANDLE_GROUPS_MAX) return true;
    }
  }
  return false;
}

function allAlnum(value: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isHandleChar(value.charCodeAt(i))) return false;
  return true;
}

/** The fewest groups (`xx`, `x` or `-x`) that exactly cover value[from, to); Infinity if none do. */
function fewestGroups(value: string, from: number, to: number): number {
  const len = to - from;
  const best = new Array<number>(len + 1).fill(Infinity);
  best[0] = 0;
  for (let j = 1; j <= len; j++) {
    const last = value.charCodeAt(from + j - 1);
    if (!isHandleChar(last)) continue; // every group ends with a letter or digit
    best[j] = best[j - 1]! + 1;
    if (j >= 2) {
      const before = value.charCodeAt(from + j - 2);
      if (isHandleChar(before) || before === 0x2d) best[j] = Math.min(best[j]!, best[j - 2]! + 1);
    }
  }
  return best[len]!;
}

/** Longest email address (RFC 5321's path limit less the angle brackets). */
export const EMAIL_MAX_LENGTH = 254;

/** C0 and C1 controls, DEL, and the invisible format characters (bidi overrides, zero widths). */
export function hasControlCharacters(value: string): boolean {
  return /[\p{Cc}\p{Cf}]/u.test(value);
}

/**
 * Why `value` is not a plausible email address, or undefined when it is: one "@", something
 * before it, a dotted domain without empty parts, no spaces or control characters, at most
 * 254 characters. Length is checked first and no step backtracks, so hostile input costs linear time.
 */
export function emailProblem(value: string): string | undefined {
  if (value === '') return 'empty';
  if (value.length > EMAIL_MAX_LENGTH) {
    const length = codePoints(value);
    if (length > EMAIL_MAX_LENGTH) return `${length} characters, at most ${EMAIL_MAX_LENGTH}`;
  }
  if (/\s/.test(value)) return 'contains spaces';
  if (hasControlCharacters(value)) return 'contains control characters';
  const at = value.indexOf('@');
  if (at < 0) return 'no "@"';
  if (value.indexOf('@', at + 1) >= 0) return 'more than one "@"';
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local === '') return 'nothing before the "@"';
  if (domain === '') return 'nothing after the "@"';
  if (!domain.includes('.')) return `the domain "${domain}" has no dot`;
  if (domain.split('.').some((label) => label === '')) return `the domain "${domain}" has an empty part`;
  return undefined;
}

function codePoints(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // a low surrogate belongs to the character before it
  }
  return n;
}

/** True for a plausible email address (see emailProblem). */
export function isEmail(value: string | undefined): value is string {
  return typeof value === 'string' && emailProblem(value) === undefined;
}

export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/** The image type from a file's first bytes (extensions lie, magic numbers rarely do); undefined if not PNG, JPEG, GIF or WebP. */
export function imageTypeOf(data: Uint8Array): ImageType | undefined {
  const starts = (bytes: readonly number[], at = 0) => data.length >= at + bytes.length && bytes.every((b, i) => data[at + i] === b);
  const ascii = (text: string, at = 0) => starts([...text].map((c) => c.charCodeAt(0)), at);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii('GIF87a') || ascii('GIF89a')) return 'image/gif';
  if (ascii('RIFF') && ascii('WEBP', 8)) return 'image/webp';
  return undefined;
}
