// `pipesctl org ...`: one file per verb; add a verb with one addCommand line.
import { Command } from 'commander';
import type { GetContext } from '../../cli/context';
import { examples, HELP_GROUP } from '../../cli/help';
import { applyCommand } from './apply';
import { auditCommand } from './audit';
import { billingCommand } from './billing';
import { createCommand } from './create';
import { deleteCommand } from './delete';
import { exportCommand } from './export';
import { handleCommand } from './handle';
import { invitationsCommand } from './invitations';
import { joinCommand } from './join';
import { listCommand } from './list';
import { profileCommand } from './profile';
import { resetAuthCommand } from './reset-auth';
import { switchCommand } from './switch';
import { usageCommand } from './usage';

export function registerOrgCommands(program: Command, getCtx: GetContext): void {
  const org = new Command('org')
    .description('Manage your organizations')
    .helpGroup(HELP_GROUP.org)
    .addHelpText('after', examples('pipesctl org list', 'pipesctl org switch acme'));
  org.addCommand(listCommand(getCtx));
  org.addCommand(createCommand(getCtx));
  org.addCommand(switchCommand(getCtx));
  org.addCommand(invitationsCommand(getCtx));
  org.addCommand(joinCommand(getCtx));
  org.addCommand(profileCommand(getCtx));
  org.addCommand(handleCommand(getCtx));
  org.addCommand(usageCommand(getCtx));
  org.addCommand(billingCommand(getCtx));
  org.addCommand(auditCommand(getCtx));
  org.addCommand(resetAuthCommand(getCtx));
  org.addCommand(deleteCommand(getCtx));
  org.addCommand(exportCommand(getCtx));
  org.addCommand(applyCommand(getCtx));
  program.addCommand(org);
}
