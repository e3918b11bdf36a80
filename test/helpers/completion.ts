// Driving a bash completion script as bash itself does on TAB.
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';

/**
 * Sources `source` in a clean bash (after `prelude`, e.g. a fake `pipesctl` function) and
 * completes one command line, whose last word is the one being typed: the sorted candidates.
 */
export function bashComplete(source: string, words: string[], prelude = ''): string[] {
  const driver = `${prelude}
${source}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _pipesctl
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', driver], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout.split('\n').filter(Boolean).sort();
}
