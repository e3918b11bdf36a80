import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Argument, Command, Option } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCompletion } from '../../src/cli/completion-script';

/** A small tree with the shapes the real one has: nouns, verbs, aliases, choices, files, hidden things. */
function sampleProgram(): Command {
  const noop = () => {};
  const program = new Command('pipesctl')
    .version('1.2.3', '-V, --version', 'show the version')
    .option('--host <host>', 'Pipes host or URL')
    .option('--org <handle>', 'org to act on')
    .option('--json', 'print JSON')
    .option('--no-color', 'no colour')
    .addOption(new Option('--secret-flag', 'not for users').hideHelp());

  const org = program.command('org').description('Manage organizations\nwith more lines of detail');
  org.command('list').alias('ls').description('List your orgs').action(noop);
  org
    .command('create')
    .description('Create an org: pick a handle')
    .argument('<handle>', 'the new handle')
    .option('--display-name <name>', 'display name [shown in the console]')
    .addOption(new Option('--if-exists <mode>', "what to do when it's there").choices(['fail', 'skip']))
    .action(noop);
  org.command('profile').description('Show or update the profile').option('-a, --avatar <file>', 'avatar image').action(noop);
  org.command('hidden-verb', { hidden: true }).action(noop);

  const people = program.command('people').description('Manage the people in an org');
  people.command('remove').argument('<handle...>').option('-y, --yes', 'do not ask').action(noop);
  people
    .command('role')
    .argument('<handle>')
    .addArgument(new Argument('<role>').choices(['member', 'owner']))
    .action(noop);

  // Subcommands and an argument at once, like `help [command...]` with `help exit-codes`.
  const guide = program.command('guide').description('Read a guide').addArgument(new Argument('[topic]').choices(['start', 'auth'])).action(noop);
  guide.command('exit-codes').description('The exit codes').action(noop);

  program.command('completion').description('Print a completion script').addArgument(new Argument('<shell>').choices(['bash', 'zsh', 'fish'])).action(noop);
  return program;
}

const program = sampleProgram();

describe('bash', () => {
  const script = renderCompletion(program, 'bash');
  let dir: string;
  let file: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pipesctl-completion-'));
    file = join(dir, 'pipesctl.bash');
    writeFileSync(file, script);
    writeFileSync(join(dir, 'avatar.png'), '');
    writeFileSync(join(dir, 'notes.txt'), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is valid bash that registers the function with complete -F', () => {
    execFileSync('bash', ['-n', file]);
    expect(script).toMatch(/^complete -F _pipesctl pipesctl$/m);
  });

  /** Completes each command line (the last word is the one being typed) and returns the sorted candidates. */
  function complete(lines: string[][]): string[][] {
    const driver = [
      `source ${JSON.stringify(file)}`,
      `cd ${JSON.stringify(dir)}`,
      't() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _pipesctl; printf "%s\\n" "${COMPREPLY[@]}" | LC_ALL=C sort | tr "\\n" " "; echo; }',
      ...lines.map((words) => `t ${words.map((w) => `'${w}'`).join(' ')}`),
    ].join('\n');
    const result = spawnSync('bash', ['--norc', '--noprofile', '-c', driver], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    return result.stdout
      .split('\n')
      .slice(0, lines.length)
      .map((line) => line.split(' ').filter(Boolean));
  }

  it('completes nouns, verbs, aliases, options, choices and files', () => {
    const [nouns, orgVerbs, orgOptions, createOptions, ifExists, ifExistsAfterOption, ifExistsEquals, roles, shells, avatar, remove, afterGlobal] = complete([
      ['pipesctl', ''],
      ['pipesctl', 'org', ''],
      ['pipesctl', 'org', 'list', '--'],
      ['pipesctl', 'org', 'create', '--'],
      ['pipesctl', 'org', 'create', 'acme', '--if-exists', ''],
      ['pipesctl', 'org', 'create', '--if-exists', 's'],
      ['pipesctl', 'org', 'create', '--if-exists', '=', ''], // how bash splits --if-exists=
      ['pipesctl', 'people', 'role', 'bob', ''],
      ['pipesctl', 'completion', ''],
      ['pipesctl', 'org', 'profile', '-a', ''],
      ['pipesctl', 'people', 'remove', 'alice', ''],
      ['pipesctl', '--org', 'acme', '--json', 'org', 'l'],
    ]);
    expect(nouns).toEqual(['completion', 'guide', 'help', 'org', 'people']);
    expect(orgVerbs).toEqual(['create', 'help', 'list', 'ls', 'profile']);
    expect(orgOptions).toEqual(['--help', '--host', '--json', '--no-color', '--org']);
    expect(createOptions).toEqual(['--display-name', '--help', '--host', '--if-exists', '--json', '--no-color', '--org']);
    expect(ifExists).toEqual(['fail', 'skip']);
    expect(ifExistsAfterOption).toEqual(['skip']);
    expect(ifExistsEquals).toEqual(['fail', 'skip']);
    expect(roles).toEqual(['member', 'owner']);
    expect(shells).toEqual(['bash', 'fish', 'zsh']);
    expect(avatar).toEqual(['avatar.png', 'notes.txt', 'pipesctl.bash']);
    expect(remove).toEqual([]);
    expect(afterGlobal).toEqual(['list', 'ls']);
  });

  it('leaves out hidden commands and options, and keeps --version at the root', () => {
    const [rootOptions, orgVerbs] = complete([
      ['pipesctl', '-'],
      ['pipesctl', 'org', 'hi'],
    ]);
    expect(rootOptions).toEqual(['--help', '--host', '--json', '--no-color', '--org', '--version', '-V', '-h']);
    expect(orgVerbs).toEqual([]);
    expect(script).not.toContain('secret');
  });

  it('offers both the subcommands and the arguments of a command that has both', () => {
    expect(complete([['pipesctl', 'guide', '']])).toEqual([['auth', 'exit-codes', 'start']]);
  });

  it('offers the implicit help command the names of its siblings', () => {
    expect(complete([['pipesctl', 'org', 'help', '']])).toEqual([['create', 'list', 'profile']]);
  });

  it('completes a --opt=value word when = is not a word break', () => {
    const driver = [
      `source ${JSON.stringify(file)}`,
      'COMP_WORDS=(pipesctl org create --if-exists=f); COMP_CWORD=3; _pipesctl; echo "${COMPREPLY[@]}"',
    ].join('\n');
    expect(execFileSync('bash', ['--norc', '-c', driver], { encoding: 'utf8' }).trim()).toBe('--if-exists=fail');
  });
});

describe('zsh', () => {
  const script = renderCompletion(program, 'zsh');

  it('is a #compdef file with one _arguments function per command', () => {
    expect(script.split('\n')[0]).toBe('#compdef pipesctl');
    for (const fn of ['_pipesctl', '_pipesctl__org', '_pipesctl__org__create', '_pipesctl__people__role', '_pipesctl__completion']) {
      expect(script).toMatch(new RegExp(`^${fn}\\(\\) \\{$`, 'm'));
    }
    expect(script).toContain("_describe -t commands 'pipesctl org command' commands");
  });

  it('describes subcommands and aliases, and dispatches to them', () => {
    expect(script).toContain("'list:List your orgs'");
    expect(script).toContain("'ls:List your orgs'");
    expect(script).toContain("'org:Manage organizations'");
    expect(script).toContain("'list'|'ls') _pipesctl__org__list && ret=0 ;;");
    expect(script).not.toContain('hidden-verb');
  });

  it('writes options with values, choices, files, exclusions and escaped descriptions', () => {
    expect(script).toContain("'--if-exists=[what to do when it'\\''s there]:mode:(fail skip)'");
    expect(script).toContain("'--display-name=[display name \\[shown in the console\\]]:name: '");
    expect(script).toContain("'(-a --avatar)-a+[avatar image]:file:_files'");
    expect(script).toContain("'(-a --avatar)--avatar=[avatar image]:file:_files'");
    expect(script).toContain("'--json[print JSON]'");
    expect(script).toContain("'1:handle: '");
    expect(script).toContain("'2:role:(member owner)'");
    expect(script).toContain("'*:handle: '");
    expect(script).toContain("'1:shell:(bash zsh fish)'");
  });

  it('lists the arguments of a command that also has subcommands', () => {
    expect(script).toMatch(/_pipesctl__guide\(\) \{[^}]*'exit-codes:The exit codes'\n {8}'start:'\n {8}'auth:'/);
  });

  it('works both autoloaded from fpath and sourced', () => {
    expect(script).toContain('compdef _pipesctl pipesctl');
    expect(script).toContain('_pipesctl "$@"');
  });

  it('passes zsh -n where zsh is installed', () => {
    if (spawnSync('zsh', ['--version']).error) {
      // No zsh here: the structure checks above stand in for the syntax check.
      expect(script.match(/^\S+\(\) \{$/gm)?.length).toBe(script.match(/^\}$/gm)?.length);
      return;
    }
    const result = spawnSync('zsh', ['-n'], { input: script, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('fish', () => {
  const script = renderCompletion(program, 'fish');

  it('registers subcommands under the right command path', () => {
    expect(script).toContain("complete -c pipesctl -f\n");
    expect(script).toContain("complete -c pipesctl -n '__pipesctl_at \\'\\' 0' -a 'org' -d 'Manage organizations'");
    expect(script).toContain("complete -c pipesctl -n '__pipesctl_at \\'org\\' 0' -a 'ls' -d 'List your orgs'");
    expect(script).not.toContain('hidden-verb');
  });

  it('writes options with value kinds, choices and descriptions, globals at every level', () => {
    expect(script).toContain(
      "complete -c pipesctl -n '__pipesctl_at \\'org create\\'' -l if-exists -x -a 'fail skip' -d 'what to do when it\\'s there'",
    );
    expect(script).toContain("complete -c pipesctl -n '__pipesctl_at \\'org profile\\'' -s a -l avatar -r -F -d 'avatar image'");
    expect(script).toContain("complete -c pipesctl -n '__pipesctl_at \\'people role\\'' -l org -x -d 'org to act on'");
    expect(script).toContain("complete -c pipesctl -n '__pipesctl_at \\'\\'' -s V -l version -d 'show the version'");
    expect(script).not.toContain("__pipesctl_at \\'org\\'' -s V");
  });

  it('completes positional choices, variadic ones from their position on', () => {
    expect(script).toContain("complete -c pipesctl -n '__pipesctl_at \\'people role\\' 1' -a 'member owner'");
    expect(script).toContain("complete -c pipesctl -n '__pipesctl_at \\'completion\\' 0' -a 'bash zsh fish'");
  });

  it('knows which options take a value when walking the command line', () => {
    expect(script).toMatch(/case .*'org create:--if-exists'/);
    expect(script).not.toMatch(/case .*'org create:--json'/);
  });

  it('passes fish --no-execute where fish is installed', () => {
    if (spawnSync('fish', ['--version']).error) {
      // No fish here: check the blocks balance instead.
      const opened = script.match(/^\s*(function|switch|if|for) /gm)?.length;
      expect(script.match(/^\s*end$/gm)?.length).toBe(opened);
      return;
    }
    const result = spawnSync('fish', ['--no-execute'], { input: script, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
