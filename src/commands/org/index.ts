// `pipesctl org ...`: one file per verb; add a verb with one addCommand line.
import { Command } from 'commander';
import type { Context } from '../../cli/context';
import { examples, HELP_GROUP } from '../../cli/help';
import { applyCommand } from './apply';
import { billingCommand } from './billing';
import { createCommand } from './create';
import { deleteCommand } from './delete';
import { exportCommand } from './export';
import { handleCommand } from './handle';
import { listCommand } from './list';
import { profileCommand } from './profile';
import { resetAuthCommand } from './reset-auth';
import { switchCommand } from './switch';
import { usageCommand } from './usage';

export function registerOrgCommands(program: Command, ctx: Context): void {
  const org = new Command('org')
    .description('Manage your organizations')
    .helpGroup(HELP_GROUP.org)
    .addHelpText('after', examples('pipesctl org list', 'pipesctl org switch acme'));
  org.addCommand(listCommand(ctx));
  org.addCommand(createCommand(ctx));
  org.addCommand(switchCommand(ctx));
  org.addCommand(profileCommand(ctx));
  org.addCommand(handleCommand(ctx));
  org.addCommand(usageCommand(ctx));
  org.addCommand(billingCommand(ctx));
  org.addCommand(resetAuthCommand(ctx));
  org.addCommand(deleteCommand(ctx));
  org.addCommand(exportCommand(ctx));
  org.addCommand(applyCommand(ctx));
  program.addCommand(org);
}
