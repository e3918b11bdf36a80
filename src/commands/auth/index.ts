// login, logout, auth status, and `whoami` (auth status at the top level).
import { Command } from 'commander';
import type { Context } from '../../cli/context';
import { examples, HELP_GROUP } from '../../cli/help';
import { loginCommand } from './login';
import { logoutCommand } from './logout';
import { statusCommand, whoamiCommand } from './status';

export function registerAuthCommands(program: Command, ctx: Context): void {
  program.addCommand(loginCommand(ctx).helpGroup(HELP_GROUP.auth));
  program.addCommand(logoutCommand(ctx).helpGroup(HELP_GROUP.auth));
  const auth = new Command('auth')
    .description('See how you are logged in')
    .helpGroup(HELP_GROUP.auth)
    .addHelpText('after', examples('pipesctl auth status', 'pipesctl auth status --json'));
  auth.addCommand(statusCommand(ctx));
  program.addCommand(auth);
  program.addCommand(whoamiCommand(ctx).helpGroup(HELP_GROUP.auth));
}
