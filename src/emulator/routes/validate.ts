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
