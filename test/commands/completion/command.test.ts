import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { bashComplete } from '../../helpers/completion';
import { createTestContext, type TestContext } from '../../helpers/context';

const contexts: TestContext[] = [];
afterEach(() => {
  for (const t of contexts.splice(0)) t.cleanup();
});

function context(): TestContext {
  // No emulator and no token: completion must work before any login.
  const t = createTestContext();
  contexts.push(t);
  return t;
}

async function script(shell: string): Promise<string> {
  const t = context();
  expect(await t.run(['completion', shell])).toBe(0);
  expect(t.stderr()).toBe('');
  return t.stdout();
}

describe('pipesctl completion', () => {
  it('prints a bash script for the real command tree', async () => {
    const bash = await script('bash');
    expect(spawnSync('bash', ['-n'], { input: bash }).status).toBe(0);
    expect(bash).toContain('complete -F _pipesctl pipesctl');
    expect(bashComplete(bash, ['pipesctl', 'org', ''])).toEqual(expect.arrayContaining(['billing', 'list', 'switch', 'usage']));
    expect(bashComplete(bash, ['pipesctl', 'org', 'usage', '--s'])).toEqual(['--since']);
    expect(bashComplete(bash, ['pipesctl', 'org', 'usage', '--'])).toEqual(expect.arrayContaining(['--json', '--org', '--until']));
    expect(bashComplete(bash, ['pipesctl', 'completion', ''])).toEqual(['bash', 'fish', 'zsh']);
    expect(bashComplete(bash, ['pipesctl', 'comp'])).toEqual(['completion']);
    expect(bashComplete(bash, ['pipesctl', 'help', ''])).toEqual(expect.arrayContaining(['completion', 'exit-codes', 'org']));
  });

  it('prints zsh and fish scripts', async () => {
    const zsh = await script('zsh');
    expect(zsh.split('\n')[0]).toBe('#compdef pipesctl');
    expect(zsh).toContain("'usage:Show users, compute minutes and storage against the org’s thresholds'");
    expect(zsh).toContain("'--since=[first day to count, YYYY-MM-DD or ISO 8601 (default");
    const fish = await script('fish');
    expect(fish).toContain("complete -c pipesctl -n '__pipesctl_at \\'org\\' 0' -a 'billing'");
    expect(fish).toContain("complete -c pipesctl -n '__pipesctl_at \\'completion\\' 0' -a 'bash zsh fish'");
  });

  it('puts the script in a JSON document with --json', async () => {
    const t = context();
    expect(await t.run(['completion', 'fish', '--json'])).toBe(0);
    const out = JSON.parse(t.stdout()) as { shell: string; script: string };
    expect(out.shell).toBe('fish');
    expect(out.script).toContain('complete -c pipesctl');
  });

  it('refuses another shell with exit 2', async () => {
    const t = context();
    expect(await t.run(['completion', 'tcsh'])).toBe(2);
    expect(t.stderr()).toContain('"tcsh" is not a valid shell: use bash, zsh or fish');
    expect(t.stderr()).not.toContain('command-argument');
    expect(t.stdout()).toBe('');
  });

  it('shows how to install it for each shell', async () => {
    const t = context();
    expect(await t.run(['completion', '--help'])).toBe(0);
    expect(t.stdout()).toContain('pipesctl completion bash > ~/.local/share/bash-completion/completions/pipesctl');
    expect(t.stdout()).toContain('pipesctl completion zsh > "${fpath[1]}/_pipesctl"');
    expect(t.stdout()).toContain('pipesctl completion fish > ~/.config/fish/completions/pipesctl.fish');
  });
});
