// `pipesctl version`: the same as `pipesctl --version`, as in gh.
import { Command } from 'commander';
import type { GetContext } from '../../cli/context';
import { examples, HELP_GROUP } from '../../cli/help';
import { versionText } from '../../cli/version';

export function registerVersionCommand(program: Command, getCtx: GetContext): void {
  program.addCommand(
    new Command('version')
      .description('Show the pipesctl version (same as --version)')
      .helpGroup(HELP_GROUP.more)
      .addHelpText('after', examples('pipesctl version'))
      .action(() => {
        getCtx().io.stdout.write(`${versionText()}\n`);
      }),
  );
}
