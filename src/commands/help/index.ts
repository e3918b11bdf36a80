// `pipesctl help [command...]` and `pipesctl help exit-codes`.
import { Command } from 'commander';
import type { GetContext } from '../../cli/context';
import { examples, HELP_GROUP } from '../../cli/help';
import { UsageError } from '../../errors';
import { exitCodesCommand } from './exit-codes';

export function registerHelpCommands(program: Command, getCtx: GetContext): void {
  const help = new Command('help')
    .description('Help about a command, and the exit codes')
    .helpGroup(HELP_GROUP.more)
    .argument('[command...]', 'the command to show help for')
    .addHelpText('after', examples('pipesctl help org switch', 'pipesctl help exit-codes'))
    .action((words: string[]) => showHelpFor(program, words));
  help.addCommand(exitCodesCommand(getCtx));
  program.addCommand(help);
}

/** Same as `pipesctl <words> --help`. */
function showHelpFor(program: Command, words: string[]): void {
  let cmd = program;
  for (const word of words) {
    const sub = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub) {
      throw new UsageError(`unknown command "${[...words.slice(0, words.indexOf(word)), word].join(' ')}"`, {
        code: 'unknown_command',
        hint: "Run 'pipesctl --help' to see the commands.",
      });
    }
    cmd = sub;
  }
  cmd.outputHelp();
}
