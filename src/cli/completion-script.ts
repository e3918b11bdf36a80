// Shell completion scripts for `pipesctl completion bash|zsh|fish`, generated from the commander
// tree itself, so a new command or flag is completable the moment it is registered.
import { Command, type Argument, type Option } from 'commander';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

// ---- the tree, as completion sees it ----

interface OptionSpec {
  short?: string;
  long?: string;
  description: string;
  /** The value's name from the flags (`--avatar <file>` → `file`); absent for a switch. */
  valueName?: string;
  choices?: string[];
  /** The value is a path: offer files. */
  files: boolean;
  /** The value is an org handle: offer the known ones. */
  orgs?: boolean;
}

interface ArgumentSpec {
  name: string;
  required: boolean;
  variadic: boolean;
  choices?: string[];
  orgs?: boolean;
}

interface CommandSpec {
  /** Canonical names from the root's child down, e.g. ['org', 'create']; [] for the root. */
  path: string[];
  name: string;
  aliases: string[];
  description: string;
  /** Its own options and the ones it inherits from its ancestors (commander parses them anywhere). */
  options: OptionSpec[];
  args: ArgumentSpec[];
  commands: CommandSpec[];
}

const FILE_VALUE = /\b(file|path|dir|directory)\b/i;

/** The hidden command that prints org handles for completion (from local files only, never the network). */
export const COMPLETE_ORGS_COMMAND = '__complete-orgs';

const completesOrgs = new WeakSet<Option | Argument>();

/** Marks an option or argument whose value is an existing org handle: completion offers the known ones. */
export function completeOrgHandles<T extends Option | Argument>(target: T): T {
  completesOrgs.add(target);
  return target;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

function optionSpec(option: Option): OptionSpec {
  const valueName = /[<[]([^>\]]+?)(?:\.\.\.)?[>\]]/.exec(option.flags)?.[1];
  return {
    short: option.short,
    long: option.long,
    description: firstLine(option.description ?? ''),
    valueName: option.required || option.optional ? (valueName ?? 'value') : undefined,
    choices: option.argChoices?.slice(),
    files: valueName !== undefined && FILE_VALUE.test(valueName),
    orgs: completesOrgs.has(option),
  };
}

function optionKey(option: OptionSpec): string {
  return option.long ?? option.short ?? '';
}

/** Walks the commander tree: visible commands and options only, as `--help` shows them. */
function describeCommand(cmd: Command, path: string[], inherited: OptionSpec[]): CommandSpec {
  const help = cmd.createHelp();
  const own = help.visibleOptions(cmd).map(optionSpec);
  const ownKeys = new Set(own.map(optionKey));
  const options = [...own, ...inherited.filter((o) => !ownKeys.has(optionKey(o)))];
  // Help and version belong to the command they are declared on; the rest flow down.
  const passedDown = options.filter((o) => o.long !== '--help' && o.long !== '--version');
  const children = help.visibleCommands(cmd);
  const siblingNames = children.map((c) => c.name()).filter((n) => n !== 'help');
  return {
    path,
    name: cmd.name(),
    aliases: cmd.aliases(),
    description: firstLine(cmd.summary() || cmd.description()),
    options,
    args: cmd.registeredArguments.map((arg) => ({
      name: arg.name(),
      required: arg.required,
      variadic: arg.variadic,
      choices: arg.argChoices?.slice(),
      orgs: completesOrgs.has(arg),
    })),
    commands: children.map((child) => {
      const spec = describeCommand(child, [...path, child.name()], passedDown);
      // The implicit `help [command]` completes the names of its siblings.
      if (child.name() === 'help' && spec.args.length === 1 && !spec.args[0]!.choices) {
        spec.args[0]!.choices = siblingNames;
      }
      return spec;
    }),
  };
}

function flatten(spec: CommandSpec): CommandSpec[] {
  return [spec, ...spec.commands.flatMap(flatten)];
}

function optionFlags(option: OptionSpec): string[] {
  return [option.short, option.long].filter((f): f is string => f !== undefined);
}

/** A shell-safe identifier from a command path. */
function ident(prefix: string, path: string[]): string {
  return [prefix, ...path].join('__').replace(/[^A-Za-z0-9_]/g, '_');
}

// ---- shared quoting ----

/** POSIX shell single quotes (bash and zsh). */
function sq(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** fish single quotes: only \ and ' are special inside. */
function fq(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

// ---- bash ----

function renderBash(root: CommandSpec): string {
  const prog = root.name;
  const fn = ident(`_${prog}`, []);
  const nodes = flatten(root);
  const key = (spec: CommandSpec) => spec.path.join(' ');
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);

  push(
    `# bash completion for ${prog}`,
    `# Load it now:     source <(${prog} completion bash)`,
    `# Or for good:     ${prog} completion bash > ~/.local/share/bash-completion/completions/${prog}`,
    '',
    `# The subcommands (names and aliases) of a command path.`,
    `${fn}_commands() {`,
    '  case "$1" in',
  );
  for (const node of nodes) {
    const words = node.commands.flatMap((c) => [c.name, ...c.aliases]);
    if (words.length) push(`    ${sq(key(node))}) echo ${sq(words.join(' '))} ;;`);
  }
  push('  esac', '}', '', `# The options of a command path, its ancestors' included.`, `${fn}_options() {`, '  case "$1" in');
  for (const node of nodes) {
    push(`    ${sq(key(node))}) echo ${sq(node.options.flatMap(optionFlags).join(' '))} ;;`);
  }
  push(
    '  esac',
    '}',
    '',
    `# The canonical name of subcommand $2 of path $1; fails if $2 is not one.`,
    `${fn}_subcommand() {`,
    '  case "$1:$2" in',
  );
  for (const node of nodes) {
    for (const child of node.commands) {
      const patterns = [child.name, ...child.aliases].map((w) => sq(`${key(node)}:${w}`)).join('|');
      push(`    ${patterns}) echo ${sq(child.name)} ;;`);
    }
  }
  push(
    '    *) return 1 ;;',
    '  esac',
    '}',
    '',
    `# How to complete the value of option $2 in path $1: "choices ...", "files" or "any"; fails for a switch.`,
    `${fn}_option_value() {`,
    '  case "$1:$2" in',
  );
  for (const node of nodes) {
    for (const option of node.options) {
      if (!option.valueName) continue;
      const kind = option.choices ? `choices ${option.choices.join(' ')}` : option.files ? 'files' : option.orgs ? 'orgs' : 'any';
      push(`    ${optionFlags(option).map((f) => sq(`${key(node)}:${f}`)).join('|')}) echo ${sq(kind)} ;;`);
    }
  }
  push(
    '    *) return 1 ;;',
    '  esac',
    '}',
    '',
    `# The choices for positional argument number $2 (from 0) of path $1.`,
    `${fn}_argument() {`,
    '  case "$1:$2" in',
  );
  for (const node of nodes) {
    node.args.forEach((arg, index) => {
      if (!arg.choices && !arg.orgs) return;
      // A variadic argument takes every position from its own on.
      const pattern = arg.variadic ? `${sq(`${key(node)}:`)}*` : sq(`${key(node)}:${index}`);
      push(`    ${pattern}) ${arg.choices ? `echo ${sq(arg.choices.join(' '))}` : `${prog} ${COMPLETE_ORGS_COMMAND} 2>/dev/null`} ;;`);
    });
  }
  push(
    '  esac',
    '}',
    '',
    `${fn}_reply() { # $1: a value kind from ${fn}_option_value, $2: the word typed so far, $3: a prefix to keep`,
    '  local IFS=$\'\\n\'',
    '  case "$1" in',
    '    files) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$2")) ;;',
    '    choices\\ *) COMPREPLY=($(IFS=\' \'; compgen -P "$3" -W "${1#choices }" -- "$2")) ;;',
    `    orgs) COMPREPLY=($(compgen -P "$3" -W "$(${prog} ${COMPLETE_ORGS_COMMAND} 2>/dev/null)" -- "$2")) ;;`,
    '  esac',
    '}',
    '',
    `${fn}() {`,
    '  local cur="${COMP_WORDS[COMP_CWORD]}" path="" word next kind i',
    '  local -i args=0',
    '  COMPREPLY=()',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    word="${COMP_WORDS[i]}"',
    '    case "$word" in',
    '      --*=*) ;;',
    '      -*)',
    `        kind=$(${fn}_option_value "$path" "$word") || continue`,
    '        # With "=" in COMP_WORDBREAKS, `--opt=value` arrives as three words.',
    '        [[ "${COMP_WORDS[i+1]}" == "=" ]] && ((i++))',
    `        if ((i + 1 == COMP_CWORD)); then ${fn}_reply "$kind" "$cur" ""; return 0; fi`,
    '        ((i++)) ;;',
    '      *)',
    `        if ((args == 0)) && next=$(${fn}_subcommand "$path" "$word"); then`,
    '          path="${path:+$path }$next"',
    '        else',
    '          ((args++))',
    '        fi ;;',
    '    esac',
    '  done',
    '  case "$cur" in',
    '    --*=*)',
    `      kind=$(${fn}_option_value "$path" "\${cur%%=*}") && ${fn}_reply "$kind" "\${cur#*=}" "\${cur%%=*}="`,
    '      return 0 ;;',
    '    -*)',
    `      COMPREPLY=($(compgen -W "$(${fn}_options "$path")" -- "$cur"))`,
    '      return 0 ;;',
    '  esac',
    `  if ((args == 0)) && [[ -n "$(${fn}_commands "$path")" ]]; then`,
    '    # A command with subcommands may also take arguments (`help [command...]`).',
    `    COMPREPLY=($(compgen -W "$(${fn}_commands "$path") $(${fn}_argument "$path" 0)" -- "$cur"))`,
    '  else',
    `    COMPREPLY=($(compgen -W "$(${fn}_argument "$path" "$args")" -- "$cur"))`,
    '  fi',
    '  return 0',
    '}',
    '',
    `complete -F ${fn} ${prog}`,
  );
  return `${lines.join('\n')}\n`;
}

// ---- zsh ----

/** Escapes text for a zsh `_arguments` description in [...]. */
function zshDescription(text: string): string {
  return text.replace(/[\\[\]:]/g, (c) => `\\${c}`);
}

/** zsh: offer the org handles pipesctl knows locally. */
function zshOrgs(prog: string): string {
  return `{compadd -- \${(f)"$(${prog} ${COMPLETE_ORGS_COMMAND} 2>/dev/null)"}}`;
}

function zshOptionSpecs(options: OptionSpec[], prog: string): string[] {
  return options.flatMap((option) => {
    const flags = optionFlags(option);
    const exclusive = flags.length > 1 ? `(${flags.join(' ')})` : '';
    let value = '';
    if (option.valueName) {
      const action = option.choices
        ? `(${option.choices.map((c) => c.replace(/[\\ ()]/g, (ch) => `\\${ch}`)).join(' ')})`
        : option.files
          ? '_files'
          : option.orgs
            ? zshOrgs(prog)
            : ' ';
      value = `:${zshDescription(option.valueName)}:${action}`;
    }
    return flags.map((flag) => {
      // `=` lets the value come as --opt=value or as the next word; `+` does the same for -o.
      const takes = option.valueName ? (flag.startsWith('--') ? '=' : '+') : '';
      return sq(`${exclusive}${flag}${takes}[${zshDescription(option.description)}]${value}`);
    });
  });
}

function zshArgumentSpecs(args: ArgumentSpec[], prog: string): string[] {
  return args.map((arg, index) => {
    const action = arg.choices ? `(${arg.choices.join(' ')})` : arg.orgs ? zshOrgs(prog) : ' ';
    const position = arg.variadic ? '*' : String(index + 1);
    const optional = !arg.required && !arg.variadic ? ':' : '';
    return sq(`${position}:${optional}${zshDescription(arg.name)}:${action}`);
  });
}

function renderZshFunction(node: CommandSpec, prog: string): string[] {
  const fn = ident(`_${prog}`, node.path);
  const specs = zshOptionSpecs(node.options, prog);
  const lines = [`${fn}() {`];
  if (node.commands.length === 0) {
    const all = [...specs, ...zshArgumentSpecs(node.args, prog)];
    lines.push(`  _arguments -s -S${all.map((s) => ` \\\n    ${s}`).join('')}`, '}');
    return lines;
  }
  const label = [prog, ...node.path].join(' ');
  lines.push(
    '  local curcontext="$curcontext" state line ret=1',
    '  typeset -A opt_args',
    `  _arguments -C -s -S${[...specs, sq(':command:->command'), sq('*::arg:->args')].map((s) => ` \\\n    ${s}`).join('')} && ret=0`,
    '  case $state in',
    '    command)',
    '      local -a commands',
    '      commands=(',
    ...node.commands.flatMap((child) =>
      [child.name, ...child.aliases].map((word) => `        ${sq(`${word.replace(/:/g, '\\:')}:${child.description}`)}`),
    ),
    // A command with subcommands may also take arguments (`help [command...]`).
    ...(node.args[0]?.choices ?? []).map((choice) => `        ${sq(`${choice.replace(/:/g, '\\:')}:`)}`),
    '      )',
    `      _describe -t commands ${sq(`${label} command`)} commands && ret=0 ;;`,
    '    args)',
    `      curcontext="\${curcontext%:*:*}:${[prog, ...node.path].join('-')}-$words[1]:"`,
    '      case $words[1] in',
    ...node.commands.map((child) => `        ${[child.name, ...child.aliases].map(sq).join('|')}) ${ident(`_${prog}`, child.path)} && ret=0 ;;`),
    '      esac ;;',
    '  esac',
    '  return ret',
    '}',
  );
  return lines;
}

function renderZsh(root: CommandSpec): string {
  const prog = root.name;
  const fn = ident(`_${prog}`, []);
  const functions = flatten(root)
    .reverse()
    .flatMap((node) => [...renderZshFunction(node, prog), '']);
  return [
    `#compdef ${prog}`,
    `# zsh completion for ${prog}`,
    `# Load it now:     source <(${prog} completion zsh)`,
    `# Or for good:     ${prog} completion zsh > "\${fpath[1]}/_${prog}"   (then restart zsh)`,
    '',
    ...functions,
    // Autoloaded from $fpath the file body runs as the function; sourced, it registers itself.
    `if [ "$funcstack[1]" = ${sq(fn)} ]; then`,
    `  ${fn} "$@"`,
    'else',
    `  compdef ${fn} ${prog}`,
    'fi',
    '',
  ].join('\n');
}

// ---- fish ----

function renderFish(root: CommandSpec): string {
  const prog = root.name;
  const fn = `__${prog.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const nodes = flatten(root);
  const key = (spec: CommandSpec) => spec.path.join(' ');
  const lines: string[] = [
    `# fish completion for ${prog}`,
    `# Load it now:     ${prog} completion fish | source`,
    `# Or for good:     ${prog} completion fish > ~/.config/fish/completions/${prog}.fish`,
    '',
    `# The canonical name of subcommand $word of $path; fails if it is not one.`,
    `function ${fn}_subcommand --argument-names path word`,
    '    switch "$path:$word"',
  ];
  for (const node of nodes) {
    for (const child of node.commands) {
      lines.push(`        case ${[child.name, ...child.aliases].map((w) => fq(`${key(node)}:${w}`)).join(' ')}`, `            echo ${fq(child.name)}`);
    }
  }
  lines.push('        case \'*\'', '            return 1', '    end', 'end', '', `function ${fn}_takes_value --argument-names path opt`, '    switch "$path:$opt"');
  const valued = nodes.flatMap((node) => node.options.filter((o) => o.valueName).flatMap((o) => optionFlags(o).map((f) => fq(`${key(node)}:${f}`))));
  if (valued.length) lines.push(`        case ${valued.join(' ')}`, '            return 0');
  lines.push(
    '    end',
    '    return 1',
    'end',
    '',
    '# Prints the command path typed so far, then how many positional arguments follow it.',
    `function ${fn}_state`,
    "    set -l path ''",
    '    set -l args 0',
    '    set -l skip 0',
    '    set -l next',
    '    for tok in (commandline -opc)[2..-1]',
    '        if test $skip -eq 1',
    '            set skip 0',
    '            continue',
    '        end',
    '        switch $tok',
    "            case '--*=*'",
    "            case '-*'",
    `                ${fn}_takes_value "$path" $tok; and set skip 1`,
    "            case '*'",
    `                if test $args -eq 0; and set next (${fn}_subcommand "$path" $tok)`,
    '                    set path (string trim -- "$path $next")',
    '                else',
    '                    set args (math $args + 1)',
    '                end',
    '        end',
    '    end',
    '    echo $path',
    '    echo $args',
    'end',
    '',
    '# True when the command line is at $want; $index, if given, is the positional argument',
    '# being typed (with a trailing + for "this one or any later").',
    `function ${fn}_at --argument-names want index`,
    `    set -l state (${fn}_state)`,
    '    test "$state[1]" = "$want"; or return 1',
    '    test -z "$index"; and return 0',
    "    if string match -q -- '*+' $index",
    "        test $state[2] -ge (string replace -- '+' '' $index)",
    '    else',
    '        test $state[2] -eq $index',
    '    end',
    'end',
    '',
    `complete -c ${prog} -f`,
  );
  for (const node of nodes) {
    const at = (index?: string) => `-n ${fq(`${fn}_at ${fq(key(node))}${index === undefined ? '' : ` ${index}`}`)}`;
    lines.push('', `# ${[prog, ...node.path].join(' ')}`);
    for (const child of node.commands) {
      for (const word of [child.name, ...child.aliases]) {
        lines.push(`complete -c ${prog} ${at('0')} -a ${fq(word)}${child.description ? ` -d ${fq(child.description)}` : ''}`);
      }
    }
    node.args.forEach((arg, index) => {
      const words = arg.choices ? arg.choices.join(' ') : arg.orgs ? `(${prog} ${COMPLETE_ORGS_COMMAND} 2>/dev/null)` : undefined;
      if (words) lines.push(`complete -c ${prog} ${at(arg.variadic ? `${index}+` : String(index))} -a ${fq(words)}`);
    });
    for (const option of node.options) {
      const parts = [`complete -c ${prog}`, at()];
      if (option.short) parts.push(`-s ${option.short.replace(/^-/, '')}`);
      if (option.long) parts.push(`-l ${option.long.replace(/^--/, '')}`);
      if (option.valueName) parts.push(option.files ? '-r -F' : '-x');
      if (option.choices) parts.push(`-a ${fq(option.choices.join(' '))}`);
      else if (option.orgs) parts.push(`-a ${fq(`(${prog} ${COMPLETE_ORGS_COMMAND} 2>/dev/null)`)}`);
      if (option.description) parts.push(`-d ${fq(option.description)}`);
      lines.push(parts.join(' '));
    }
  }
  return `${lines.join('\n')}\n`;
}

// ---- entry point ----

/** The completion script for `shell`, covering every visible command, alias, option and choice of `program`. */
export function renderCompletion(program: Command, shell: CompletionShell): string {
  const root = describeCommand(program, [], []);
  switch (shell) {
    case 'bash':
      return renderBash(root);
    case 'zsh':
      return renderZsh(root);
    case 'fish':
      return renderFish(root);
  }
}
