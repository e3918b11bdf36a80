// login, logout, auth status, and `whoami` (auth status at the top level).
import { Command } from 'commander';
import type { GetContext } from '../../cli/context';
import { examples, HELP_GROUP } from '../../cli/help';
import { loginCommand } from './login';
import { logoutCommand } from './logout';
import { statusCommand, whoamiCommand } from './status';

export function registerAuthCommands(program: Command, getCtx: GetContext): void {
  program.addCommand(loginCommand(getCtx).helpGroup(HELP_GROUP.auth));
  program.addCommand(logoutCommand(getCtx).helpGroup(HELP_GROUP.auth));
  const auth = new Command('auth')
    .description('See how you are logged in')
    .helpGroup(HELP_GROUP.auth)
    .addHelpText('after', examples('pipesctl auth status', 'pipesctl auth status --json'));
  auth.addCommand(statusCommand(getCtx));
  program.addCommand(auth);
  program.addCommand(whoamiCommand(getCtx).helpGroup(HELP_GROUP.auth));
}
