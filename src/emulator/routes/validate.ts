// Field rules of the Pipes API shared by several resources.
import { emailProblem, isHandle } from '../../api/rules';
import { Validation } from '../errors';

export function checkHandle(location: string, handle: string): void {
  if (!isHandle(handle)) {
    throw new Validation(
      location,
      `'${handle}' is not a valid handle: use lowercase letters, digits and single hyphens, starting and ending with a letter or digit, at most 39 characters`,
    );
  }
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** An ISO 8601 date-time with a zone, in ms; 400 otherwise. */
export function parseTimestamp(location: string, value: string): number {
  const ms = ISO_8601.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new Validation(location, `'${value}' is not an ISO 8601 date-time such as 2026-01-31T12:00:00Z`);
  return ms;
}

export function checkEmail(location: string, email: string): void {
  const problem = emailProblem(email);
  if (problem) throw new Validation(location, `is not a valid email address (${problem})`);
}

// C0 and C1 controls, DEL, and the bidirectional overrides and isolates, which can make text
// shown in a terminal or page read as something else.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** A name or title a person typed: no control characters, at most `max` characters. */
export function checkText(location: string, value: string, max = 256): void {
  if (CONTROL.test(value)) throw new Validation(location, 'must not contain control characters');
  if (value.length > max) throw new Validation(location, `is ${value.length} characters long; at most ${max} are allowed`);
}

export const URL_MAX_LENGTH = 2048;

/** An http(s) URL, or '' (clears it). */
export function checkUrl(location: string, value: string): void {
  if (value === '') return;
  checkText(location, value, URL_MAX_LENGTH);
  let url: URL | undefined;
  try {
    url = /\s/.test(value) ? undefined : new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new Validation(location, `${JSON.stringify(value)} is not an http or https URL such as https://acme.example.com`);
  }
}
