// The login file Turbot's own CLIs (steampipe, powerpipe) write: ~/.pipes/internal/<host>.tptt.
// pipesctl only ever reads it, so someone logged in there is not asked to log in again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function turbotCliTokenPath(home: string, hostKey: string): string {
  return join(home, '.pipes', 'internal', `${hostKey}.tptt`);
}

/** The token in that file, or undefined when there is no usable one. */
export function readTurbotCliToken(home: string, hostKey: string): string | undefined {
  try {
    const token = readFileSync(turbotCliTokenPath(home, hostKey), 'utf8').trim();
    return token || undefined;
  } catch {
    return undefined;
  }
}
