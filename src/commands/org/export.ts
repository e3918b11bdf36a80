// `pipesctl org export`: the org's profile and people as an org file (YAML, or JSON), the
// input `org apply` takes. Exporting and applying it to the same org changes nothing.
// fs.promises is read when used, not at start-up: loading it also loads readline.
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Command } from 'commander';
import type { PipesApi } from '../../api/api';
import type { OrgUser } from '../../api/types';
import type { Context } from '../../cli/context';
import { examples } from '../../cli/help';
import { UsageError } from '../../errors';
import { parseFormat, type DocumentFormat } from '../validate';
import { stateOfOrg } from './desired-state';
import { explainOrgNotFound } from './get-org';

export interface ExportOptions {
  org: string;
  /** Default: json with --json, yaml otherwise. */
  format?: DocumentFormat;
  /** Write the file here instead of stdout. */
  output?: string;
}

export function exportCommand(ctx: Context): Command {
  return new Command('export')
    .description('Write the org’s profile and people as a file `org apply` takes')
    .option('--format <format>', 'yaml or json (default yaml; json with --json)', parseFormat)
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .addHelpText(
      'after',
      `
The file holds the profile fields that are set (handle, display_name, url) and everyone in
the org with their role: members and invites by handle, invites sent by email by their
email. People are sorted, so exports of the same org are identical and diff cleanly.
Applying the file to the same org changes nothing.
${examples(
  'pipesctl org export --org acme > acme.yaml',
  'pipesctl org export --org acme --format json --output acme.json',
  '# in CI: how many changes would make acme match its file again',
  "pipesctl org apply -f acme.yaml --dry-run --json | jq '.changes | length'",
)}`,
    )
    .action(async (flags: { format?: DocumentFormat; output?: string }) => runExport(ctx, { org: ctx.resolveOrg(), ...flags }));
}

export async function runExport(ctx: Context, opts: ExportOptions): Promise<void> {
  if (ctx.out.isJson && opts.format === 'yaml') {
    throw new UsageError('--format yaml cannot be combined with --json: drop one of them', { code: 'conflicting_flags' });
  }
  const format = opts.format ?? (ctx.out.isJson ? 'json' : 'yaml');
  const api = ctx.api();
  const [org, members] = await ctx
    .spin(`Reading ${opts.org}`, () => Promise.all([api.orgs.get(opts.org), listMembers(api, opts.org)]))
    .catch((err: unknown) => {
      throw explainOrgNotFound(ctx, opts.org, err);
    });
  const state = stateOfOrg(org, members);
  const { serializeDesiredState } = await import('./org-file');
  const text = serializeDesiredState(state, format);
  if (opts.output === undefined) {
    ctx.io.stdout.write(text);
    return;
  }
  await writeFileWhole(opts.output, text);
  const people = state.people?.length ?? 0;
  ctx.out.success(`Wrote ${org.handle} (${people} ${people === 1 ? 'person' : 'people'}) to ${opts.output}`, {
    org: org.handle,
    output: opts.output,
    format,
    people,
  });
}

/** Every member and pending invite of an org, all pages. */
export async function listMembers(api: PipesApi, org: string): Promise<OrgUser[]> {
  const all: OrgUser[] = [];
  for await (const member of api.members.list(org)) all.push(member);
  return all;
}

/** Writes beside the target and renames, so a failed write never leaves half a file. */
async function writeFileWhole(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await fsp.writeFile(temp, text, 'utf8');
    await fsp.rename(temp, path);
  } catch (err) {
    await fsp.rm(temp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot write ${path} (${code === 'EACCES' ? 'permission denied' : (code ?? String(err))})`, {
      code: 'output_unwritable',
    });
  }
}
