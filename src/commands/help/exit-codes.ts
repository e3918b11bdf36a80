// `pipesctl help exit-codes`: the table scripts can rely on (spec: cli.md).
import { Command } from 'commander';
import type { Context, GetContext } from '../../cli/context';
import { examples } from '../../cli/help';
import { EXIT, type ExitCode } from '../../errors';

export const EXIT_CODE_MEANINGS: readonly { code: ExitCode; meaning: string }[] = [
  { code: EXIT.ok, meaning: 'success (also: nothing to do, e.g. --if-exists skip hit an existing record)' },
  { code: EXIT.failed, meaning: 'the request failed (API error, network, server); for a bulk command: every item failed' },
  { code: EXIT.usage, meaning: 'usage error or bad input, or a needed confirmation is missing — nothing was sent' },
  { code: EXIT.cancelled, meaning: 'cancelled at a prompt' },
  { code: EXIT.auth, meaning: 'not authenticated: no token, or the server rejected it (401)' },
  { code: EXIT.partial, meaning: 'partial failure: a bulk command finished some items and failed others' },
  { code: EXIT.interrupted, meaning: 'interrupted (Ctrl-C): a bulk command stopped sending, reported what was done, and listed the rest (--failed-to)' },
];

export function exitCodesCommand(getCtx: GetContext): Command {
  return new Command('exit-codes')
    .description('What each pipesctl exit code means')
    .addHelpText('after', examples('pipesctl help exit-codes', 'pipesctl org delete acme --confirm acme; echo "exit $?"'))
    .action(() => {
      const ctx = getCtx();
      return runExitCodes(ctx);
    });
}

export async function runExitCodes(ctx: Context): Promise<void> {
  if (ctx.out.isJson) {
    ctx.out.json(EXIT_CODE_MEANINGS);
    return;
  }
  ctx.out.line('Exit codes:');
  await ctx.out.aligned(
    EXIT_CODE_MEANINGS.map(({ code, meaning }) => [String(code), meaning]),
    { indent: 2 },
  );
  ctx.out.line('\nWith --json, a failure also prints {"error": {"code", "message", "status", "details"}} on stderr.');
}
