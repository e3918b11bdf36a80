// `pipesctl people ...`: one file per verb; add a verb with one addCommand line.
import { Command } from 'commander';
import type { Context } from '../../cli/context';
import { examples, HELP_GROUP } from '../../cli/help';
import { inviteCommand } from './invite';
import { listCommand } from './list';
import { removeCommand } from './remove';
import { roleCommand } from './role';

export function registerPeopleCommands(program: Command, ctx: Context): void {
  const people = new Command('people')
    .description('Manage the people in an org: members and invitations')
    .helpGroup(HELP_GROUP.org)
    .addHelpText('after', examples('pipesctl people list', 'pipesctl people invite jane@example.com', 'pipesctl people role jane owner'));
  people.addCommand(listCommand(ctx));
  people.addCommand(inviteCommand(ctx));
  people.addCommand(removeCommand(ctx));
  people.addCommand(roleCommand(ctx));
  program.addCommand(people);
}
