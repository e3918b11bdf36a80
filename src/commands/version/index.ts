// `pipesctl version`: the same as `pipesctl --version`, as in gh.
import { Command } from 'commander';
import type { Context } from '../../cli/context';
import { examples, HELP_GROUP } from '../../cli/help';
import { versionText } from '../../cli/version';

export function registerVersionCommand(program: Command, ctx: Context): void {
  program.addCommand(
    new Command('version')
      .description('Show the pipesctl version (same as --version)')
      .helpGroup(HELP_GROUP.more)
      .addHelpText('after', examples('pipesctl version'))
      .action(() => {
        ctx.io.stdout.write(`${versionText()}\n`);
      }),
  );
}
