// Headers shared by every mutation.
import type { MutationOptions } from './api';

/** `If-Match: <version_id>`: the server answers 412 when the record changed since it was read. */
export function ifMatchHeaders(opts: MutationOptions | undefined): Record<string, string> | undefined {
  return opts?.ifMatch === undefined ? undefined : { 'if-match': String(opts.ifMatch) };
}
