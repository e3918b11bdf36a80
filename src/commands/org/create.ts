// `pipesctl org create <handle>`: POST /org. With --if-exists skip an org you already belong
// to counts as success, so scripts can run it again and again.
import { Command } from 'commander';
import { ApiError } from '../../api/errors';
import type { CreateOrgRequest, Org } from '../../api/types';
import type { Context, GetContext } from '../../cli/context';
import { choiceOption, examples } from '../../cli/help';
import { IF_EXISTS, parseDisplayName, parseHandle, parseIfExists, parseUrl, type IfExists } from '../../core/validate';
import { explainHandleTaken, restate } from '../../core/org/explain';
import { sanitize } from '../../output/sanitize';

export interface CreateOptions {
  handle: string;
  displayName?: string;
  url?: string;
  /** `fail` (the default) or `skip`, as typed; checked before anything is sent. */
  ifExists?: string;
  /** Make the org the default for the host afterwards. */
  switch?: boolean;
}

export function createCommand(getCtx: GetContext): Command {
  return new Command('create')
    .description('Create an organization (you become its owner)')
    .argument('<handle>', 'the new org’s handle: lowercase letters, digits and single hyphens, at most 39 characters')
    .option('--display-name <name>', 'the name shown in the console (default: the handle)')
    .option('--url <url>', 'the org’s web site, an http:// or https:// address')
    .addOption(choiceOption('--if-exists <action>', 'when you already have an org with this handle', IF_EXISTS, parseIfExists).default('fail'))
    .option('--switch', 'make the new org the default for this host')
    .addHelpText(
      'after',
      `
Handles are unique across every user and org of the service. With --if-exists skip, an
org of that handle that you are a member of counts as success (exit 0, "nothing to do" on
stderr, and with --json the existing org); a handle taken by someone else still fails.
--json prints the org record.
${examples(
  'pipesctl org create acme-labs',
  'pipesctl org create acme-labs --display-name "Acme Labs" --url https://labs.acme.example --switch',
  '# idempotent, for CI:',
  'pipesctl org create acme-labs --if-exists skip --json',
)}`,
    )
    .action(async (handle: string, flags: Omit<CreateOptions, 'handle'>) => {
      const ctx = getCtx();
      return runCreate(ctx, { handle, ...flags });
    });
}

export async function runCreate(ctx: Context, opts: CreateOptions): Promise<void> {
  // Checked before anything is sent.
  const handle = parseHandle(opts.handle);
  const ifExists: IfExists = parseIfExists(opts.ifExists ?? 'fail');
  const body: CreateOrgRequest = { handle };
  if (opts.displayName !== undefined) body.display_name = parseDisplayName(opts.displayName);
  if (opts.url !== undefined) body.url = parseUrl(opts.url);
  const api = ctx.api();

  const outcome = await ctx.spin(`Creating ${handle}`, async (): Promise<{ org: Org; created: boolean }> => {
    try {
      return { org: await api.orgs.create(body), created: true };
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 409) throw err;
      // Someone has the handle. Only a member can read the org, so the GET says whether it is ours.
      const existing = await readIfMember(ctx, handle);
      if (existing && ifExists === 'skip') return { org: existing, created: false };
      throw existing ? alreadyExists(err, handle) : explainHandleTaken(handle, err);
    }
  });

  const { org, created } = outcome;
  if (created) ctx.out.success(`Created org ${sanitize(org.handle)}`, org);
  else {
    ctx.out.notice(`${sanitize(org.handle)} already exists; nothing to do`);
    if (ctx.out.isJson) ctx.out.json(org);
  }

  if (opts.switch) {
    await ctx.store.setHost(ctx.host().key, { org: org.handle });
    ctx.out.line(`Default org for ${ctx.host().key} is now ${sanitize(org.handle)}`);
  } else if (created && ctx.currentOrg() === undefined) {
    ctx.out.line(`Make it your default with \`pipesctl org switch ${sanitize(org.handle)}\`.`);
  }
}

/** GET /org/{handle}: the org when you are a member of it; undefined on a 404. */
async function readIfMember(ctx: Context, handle: string): Promise<Org | undefined> {
  try {
    return await ctx.api().orgs.get(handle);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
}

function alreadyExists(err: ApiError, handle: string): ApiError {
  return restate(err, `org ${handle} already exists (you are a member of it)`, 'Use --if-exists skip to treat an existing org as success.');
}
