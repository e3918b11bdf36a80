// `pipesctl completion bash|zsh|fish`: prints the completion script for the whole command tree.
import { Argument, Command } from 'commander';
import type { Context, GetContext } from '../../cli/context';
import { HELP_GROUP } from '../../cli/help';
import { isHandle } from '../../api/rules';
import { COMPLETE_ORGS_COMMAND, COMPLETION_SHELLS, renderCompletion, type CompletionShell } from '../../cli/completion-script';
import { rememberedOrgs } from '../../cli/org-cache';

export function registerCompletionCommands(program: Command, getCtx: GetContext): void {
  program.addCommand(completionCommand(getCtx, program));
  program.addCommand(completeOrgsCommand(getCtx), { hidden: true });
}

/**
 * What the completion scripts call on TAB for an org handle: the default org and the orgs
 * `org list` last showed for the host, one per line. Local files only: no network, no token.
 */
function completeOrgsCommand(getCtx: GetContext): Command {
  return new Command(COMPLETE_ORGS_COMMAND).description('org handles for shell completion').action(async () => {
    const ctx = getCtx();
    let host: string;
    try {
      host = ctx.host().key;
    } catch {
      return; // a bad --host or PIPES_HOST: nothing to offer
    }
    const handles = new Set([ctx.store.getHost(host)?.org, ...(await rememberedOrgs(ctx.store.path, host))]);
    for (const handle of handles) if (handle && isHandle(handle)) ctx.io.stdout.write(`${handle}\n`);
  });
}

export function completionCommand(getCtx: GetContext, program: Command): Command {
  return new Command('completion')
    .description('Print a shell completion script')
    .helpGroup(HELP_GROUP.more)
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices(COMPLETION_SHELLS))
    .addHelpText(
      'after',
      `
Install it once, then open a new shell:

  bash   pipesctl completion bash > ~/.local/share/bash-completion/completions/pipesctl
         (needs the bash-completion package; or add  source <(pipesctl completion bash)  to ~/.bashrc)
  zsh    pipesctl completion zsh > "\${fpath[1]}/_pipesctl"
         (or add  source <(pipesctl completion zsh)  to ~/.zshrc, after compinit)
  fish   pipesctl completion fish > ~/.config/fish/completions/pipesctl.fish

Examples:
  $ source <(pipesctl completion bash)      # try it in the current bash
  $ pipesctl completion fish | source       # try it in the current fish
`,
    )
    .action((shell: CompletionShell) => {
      const ctx = getCtx();
      return runCompletion(ctx, program, shell);
    });
}

export function runCompletion(ctx: Context, program: Command, shell: CompletionShell): void {
  const script = renderCompletion(program, shell);
  if (ctx.out.isJson) ctx.out.json({ shell, script });
  else ctx.io.stdout.write(script);
}
