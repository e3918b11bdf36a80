// Completion of values: the fixed choices of --role, --if-exists, --status and --format, and
// org handles from local files only (the default org and the orgs `org list` last showed),
// never from the network on TAB.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCommandTests } from '../../helpers/command-tests';
import { bashComplete as complete } from '../../helpers/completion';

const { make, emu, hostKey } = useCommandTests({ env: { PIPES_TOKEN: undefined } });

/** Completes a line with the bash script, `pipesctl` itself faked as a function printing `orgs`. */
function bashComplete(source: string, words: string[], orgs = 'acme\nhobby'): string[] {
  return complete(source, words, `pipesctl() { [ "$1" = __complete-orgs ] && printf '${orgs}\\n'; }`);
}

describe('completion of values', () => {
  it('offers the values of --role, --if-exists, --status, --format and people role', async () => {
    const t = make();
    expect(await t.run(['completion', 'bash'])).toBe(0);
    const bash = t.stdout();
    expect(bashComplete(bash, ['pipesctl', 'people', 'list', '--role', ''])).toEqual(['member', 'owner']);
    expect(bashComplete(bash, ['pipesctl', 'people', 'list', '--status', ''])).toEqual(['accepted', 'invited']);
    expect(bashComplete(bash, ['pipesctl', 'people', 'invite', '--if-exists', ''])).toEqual(['fail', 'skip']);
    expect(bashComplete(bash, ['pipesctl', 'org', 'create', 'x', '--if-exists', ''])).toEqual(['fail', 'skip']);
    expect(bashComplete(bash, ['pipesctl', 'org', 'export', '--format', ''])).toEqual(['json', 'yaml']);
    expect(bashComplete(bash, ['pipesctl', 'people', 'role', 'jane', ''])).toEqual(['member', 'owner']);
  });

  it('offers org handles for --org and org switch/delete, through the local-only helper', async () => {
    const t = make();
    expect(await t.run(['completion', 'bash'])).toBe(0);
    const bash = t.stdout();
    expect(bashComplete(bash, ['pipesctl', 'org', 'switch', ''])).toEqual(['acme', 'hobby']);
    expect(bashComplete(bash, ['pipesctl', 'org', 'delete', 'h'])).toEqual(['hobby']);
    expect(bashComplete(bash, ['pipesctl', 'people', 'list', '--org', ''])).toEqual(['acme', 'hobby']);
    for (const shell of ['zsh', 'fish']) {
      expect(await t.run(['completion', shell])).toBe(0);
      expect(t.stdout()).toContain('pipesctl __complete-orgs 2>/dev/null');
    }
  });

  it('the helper prints the default org and the orgs org list last showed, and sends nothing', async () => {
    const t = make();
    await t.store.setHost(hostKey(), { org: 'acme' });
    expect(await t.run(['__complete-orgs'])).toBe(0);
    expect(t.stdout()).toBe('acme\n');

    const lister = make({ env: { PIPES_TOKEN: emu().token }, configDir: t.configDir });
    expect(await lister.run(['org', 'list'])).toBe(0);
    await emu().clearRequests();
    expect(await t.run(['__complete-orgs'])).toBe(0);
    expect(t.stdout().split('\n').filter(Boolean).sort()).toEqual(['acme', 'hobby']);
    expect(await emu().requests()).toEqual([]);
  });

  it('org list rewrites the remembered orgs only when they change, and a FIFO in their place holds nothing up', async () => {
    const lister = make({ env: { PIPES_TOKEN: emu().token } });
    const file = join(lister.configDir, 'cache', `orgs-${encodeURIComponent(hostKey())}.txt`);
    expect(await lister.run(['org', 'list'])).toBe(0);
    const first = statSync(file);
    expect(await lister.run(['org', 'list'])).toBe(0);
    const same = statSync(file);
    expect([same.ino, same.mtimeMs]).toEqual([first.ino, first.mtimeMs]); // left alone, not rewritten

    expect(await lister.run(['org', 'create', 'listed-later'])).toBe(0);
    expect(await lister.run(['org', 'list'])).toBe(0);
    expect(statSync(file).ino).not.toBe(first.ino); // written whole, beside it, then renamed
    expect(readFileSync(file, 'utf8').split('\n')).toContain('listed-later');

    rmSync(file);
    execFileSync('mkfifo', [file]);
    const t = make({ configDir: lister.configDir });
    expect(await t.run(['__complete-orgs'])).toBe(0);
    expect(t.stdout()).toBe('');
    expect(await lister.run(['org', 'list'])).toBe(0);
    expect(statSync(file).isFile()).toBe(true); // the FIFO was replaced by the list
  });
});
