// `pipesctl org export`: the org's profile and people as an org file (YAML, or JSON), the
// input `org apply` takes. Exporting and applying it to the same org changes nothing.
import { Command } from 'commander';
import type { Context, GetContext } from '../../cli/context';
import { choiceOption, examples } from '../../cli/help';
import { UsageError } from '../../errors';
import { DOCUMENT_FORMATS, parseFormat, type DocumentFormat } from '../../core/validate';
import { writeFileWhole } from '../../core/files';
import { stateOfOrg } from '../../core/org/desired-state';
import { explainOrgNotFound } from '../../core/org/get-org';
import { readOrgWithMembers } from '../../core/org/org-state';
import { sanitize } from '../../output/sanitize';

export interface ExportOptions {
  org: string;
  /** Default: json with --json, yaml otherwise. */
  format?: DocumentFormat;
  /** Write the file here instead of stdout. */
  output?: string;
}

export function exportCommand(getCtx: GetContext): Command {
  return new Command('export')
    .description('Write the org’s profile and people as a file `org apply` takes')
    .addOption(choiceOption('--format <format>', 'the file format (default yaml; json with --json)', DOCUMENT_FORMATS, parseFormat))
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
    .action(async (flags: { format?: DocumentFormat; output?: string }) => {
      const ctx = getCtx();
      return runExport(ctx, { org: ctx.resolveOrg(), ...flags });
    });
}

export async function runExport(ctx: Context, opts: ExportOptions): Promise<void> {
  if (ctx.out.isJson && opts.format === 'yaml') {
    throw new UsageError('--format yaml cannot be combined with --json: drop one of them', { code: 'conflicting_flags' });
  }
  const format = opts.format ?? (ctx.out.isJson ? 'json' : 'yaml');
  const api = ctx.api();
  const { org, members } = await ctx
    .spin(`Reading ${opts.org}`, () => readOrgWithMembers(api, opts.org))
    .catch((err: unknown) => {
      throw explainOrgNotFound(ctx, opts.org, err);
    });
  const state = stateOfOrg(org, members);
  const { serializeDesiredState } = await import('../../core/org/org-file');
  const text = serializeDesiredState(state, format);
  if (opts.output === undefined) {
    ctx.io.stdout.write(text);
    return;
  }
  await writeFileWhole(opts.output, text);
  const people = state.people?.length ?? 0;
  ctx.out.success(`Wrote ${sanitize(org.handle)} (${people} ${people === 1 ? 'person' : 'people'}) to ${opts.output}`, {
    org: org.handle,
    output: opts.output,
    format,
    people,
  });
}
