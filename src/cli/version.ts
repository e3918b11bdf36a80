import { VERSION } from '../version';

/** What `pipesctl --version` prints. */
export function versionText(): string {
  return `pipesctl ${VERSION}`;
}
