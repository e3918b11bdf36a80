// `pipesctl people ...`: one file per verb; add a verb with one addCommand line.
import { Command } from 'commander';
import type { GetContext } from '../../cli/context';
import { examples, HELP_GROUP } from '../../cli/help';
import { inviteCommand } from './invite';
import { listCommand } from './list';
import { removeCommand } from './remove';
import { roleCommand } from './role';

export function registerPeopleCommands(program: Command, getCtx: GetContext): void {
  const people = new Command('people')
    .description('Manage the people in an org: members and invitations')
    .helpGroup(HELP_GROUP.org)
    .addHelpText('after', examples('pipesctl people list', 'pipesctl people invite jane@example.com', 'pipesctl people role jane owner'));
  people.addCommand(listCommand(getCtx));
  people.addCommand(inviteCommand(getCtx));
  people.addCommand(removeCommand(getCtx));
  people.addCommand(roleCommand(getCtx));
  program.addCommand(people);
}
