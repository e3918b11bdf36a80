// Builds API paths with every interpolated value encoded as one path segment, so a handle
// or id can never add a segment, a query string or a `..` of its own.
import { InvalidInputError } from './errors';

/** ``apiPath`/org/${handle}/member/${user}` `` */
export function apiPath(strings: TemplateStringsArray, ...segments: string[]): string {
  return strings.reduce((path, literal, i) => path + literal + (i < segments.length ? encodeSegment(segments[i]!) : ''), '');
}

function encodeSegment(value: string): string {
  if (value === '') throw new InvalidInputError('a handle or id in the request path cannot be empty');
  // `.` and `..` survive encodeURIComponent but would be resolved away as relative segments.
  if (value === '.' || value === '..') return value.replaceAll('.', '%2E');
  return encodeURIComponent(value);
}
