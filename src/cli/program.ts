// The commander root: global options and the command tree. Each noun registers its verbs in
// src/commands/<noun>/index.ts; add a new noun with one register call below.
import { Command, CommanderError, Option, type OutputConfiguration } from 'commander';
import { registerAuthCommands } from '../commands/auth/index';
import { registerCompletionCommands } from '../commands/completion/index';
import { registerHelpCommands } from '../commands/help/index';
import { registerOrgCommands } from '../commands/org/index';
import { registerPeopleCommands } from '../commands/people/index';
import { registerVersionCommand } from '../commands/version/index';
import { UsageError } from '../errors';
import { Context, type ContextDeps, type GetContext, type GlobalOptions } from './context';
import { completeOrgHandles } from './completion-script';
import { examples } from './help';
import { versionText } from './version';

/** commander showed help or the version: nothing failed, exit 0 (or 2 when a verb was missing). */
export class HelpShown extends Error {
  constructor(readonly exitCode: 0 | 2) {
    super('help shown');
  }
}

/** The command tree, and the Context its action runs with once the command line is parsed. */
export interface Program {
  command: Command;
  /** Undefined until parsing is done (and when it failed). */
  context(): Context | undefined;
}

export function buildProgram(deps: ContextDeps): Program {
  let ctx: Context | undefined;
  const getCtx: GetContext = () => {
    if (!ctx) throw new Error('a command ran before the command line was parsed');
    return ctx;
  };
  const program = new Command('pipesctl')
    .description('Administer Turbot Pipes organizations: sign in, manage orgs and the people in them.')
    .usage('<command> [subcommand] [flags]')
    .version(versionText(), '-V, --version', 'show the pipesctl version')
    .option('--host <host>', 'Pipes host or URL (env PIPES_HOST)')
    .addOption(completeOrgHandles(new Option('--org <handle>', 'org to act on (env PIPES_ORG)')))
    .option('--json', 'output JSON')
    .option('--debug', 'trace HTTP requests on stderr (tokens redacted)')
    .option('--no-color', 'disable colour (also NO_COLOR)')
    .addHelpText(
      'after',
      examples('pipesctl login', 'pipesctl org switch acme', 'pipesctl people list --json') +
        '\nLearn more:\n  Use `pipesctl <command> --help` for more about a command.\n  Exit codes: `pipesctl help exit-codes`.\n',
    );

  registerAuthCommands(program, getCtx);
  registerOrgCommands(program, getCtx);
  registerPeopleCommands(program, getCtx);
  registerHelpCommands(program, getCtx);
  registerCompletionCommands(program, getCtx);
  registerVersionCommand(program, getCtx);

  // The global options are known once parsing is done: the Context is built then, once.
  program.hook('preAction', () => {
    ctx ??= new Context(deps, program.opts<Partial<GlobalOptions>>());
  });

  const output: OutputConfiguration = {
    writeOut: (s) => deps.io.stdout.write(s),
    writeErr: (s) => deps.io.stderr.write(s),
    // Parse errors are reported by the error mapping, in one place and one format.
    outputError: () => undefined,
    getOutHelpWidth: () => deps.io.columns ?? 80,
    getErrHelpWidth: () => 80,
    getOutHasColors: () => false,
    getErrHasColors: () => false,
  };
  forEachCommand(program, (cmd) => {
    cmd.configureOutput(output);
    cmd.helpOption('-h, --help', 'show help');
    cmd.helpCommand(false); // `pipesctl help ...` is a real command (it has `help exit-codes`)
    cmd.configureHelp({ showGlobalOptions: cmd !== program });
    cmd.exitOverride((err) => {
      throw translateParseError(err, cmd);
    });
    // A noun alone (`pipesctl org`) asks what it can do: its help on stdout, exit 0 (as gh).
    if (cmd !== program && cmd.commands.length > 0) {
      const showHelp = cmd.help.bind(cmd);
      cmd.help = ((context?: { error?: boolean }) => showHelp({ ...context, error: false })) as typeof cmd.help;
    }
  });
  return { command: program, context: () => ctx };
}

/** The full name of a command, for "Run 'pipesctl org list --help'". */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Turns commander's own exits into HelpShown (help, version) or UsageError (everything else). */
function translateParseError(err: CommanderError, cmd: Command): Error {
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return new HelpShown(0);
  if (err.code === 'commander.help') return new HelpShown(err.exitCode === 0 ? 0 : 2);
  const message = reword(
    err.message
      .replace(/^error: /, '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' '),
  );
  const code = err.code.replace(/^commander\./, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return new UsageError(message, { code, hint: `Run '${commandPath(cmd)} --help' for usage.` });
}

/**
 * commander's wording of a value outside a fixed list ("command-argument value 'powershell' is
 * invalid for argument 'shell'. Allowed choices are bash, zsh, fish.") in the words of every
 * other check: `"powershell" is not a valid shell: use bash, zsh or fish`.
 */
function reword(message: string): string {
  const choice = /^(?:command-argument value|option '([^']*)' argument) '(.*)' is invalid(?: for argument '([^']*)')?\. Allowed choices are (.*)\.$/.exec(message);
  if (!choice) return message;
  const [, option, value, argument, allowed] = choice;
  const what = argument ?? option?.split(/[ ,]+/).pop()?.replace(/^--?/, '') ?? 'value';
  const choices = allowed!.split(', ');
  const list = choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}` : choices[0];
  return `"${value}" is not a valid ${what}: use ${list}`;
}

function forEachCommand(cmd: Command, fn: (cmd: Command) => void): void {
  fn(cmd);
  for (const sub of cmd.commands) forEachCommand(sub, fn);
}
