// The version: what `pipesctl --version`, `pipesctl -V` and `pipesctl version` print. The bare
// forms are answered by main.ts before anything else is loaded; commander's --version and the
// `version` command (for the same words next to other flags) print the same text from here.
// Imports nothing but the baked-in version, so that the answer stays the cheapest thing the
// CLI does.
import { VERSION } from '../version';

/** What `pipesctl --version` prints. */
export function versionText(): string {
  return `pipesctl ${VERSION}`;
}

const VERSION_WORDS = new Set(['--version', '-V', 'version']);

/** The whole command line asks for the version and nothing else. */
export function isVersionRequest(argv: readonly string[]): boolean {
  return argv.length === 1 && VERSION_WORDS.has(argv[0] ?? '');
}
