// `pipesctl org ...`: one file per verb; add a verb with one addCommand line.
import { Command } from 'commander';
import type { Context } from '../../cli/context';
import { examples, HELP_GROUP } from '../../cli/help';
import { billingCommand } from './billing';
import { listCommand } from './list';
import { switchCommand } from './switch';
import { usageCommand } from './usage';

export function registerOrgCommands(program: Command, ctx: Context): void {
  const org = new Command('org')
    .description('Manage your organizations')
    .helpGroup(HELP_GROUP.org)
    .addHelpText('after', examples('pipesctl org list', 'pipesctl org switch acme'));
  org.addCommand(listCommand(ctx));
  org.addCommand(switchCommand(ctx));
  org.addCommand(usageCommand(ctx));
  org.addCommand(billingCommand(ctx));
  // create, profile, handle, usage, billing, reset-auth, delete: one addCommand each, here.
  program.addCommand(org);
}
