// `pipesctl org profile`: without flags, the org's profile (GET /org/{h}, plus its plan and your
// role); with flags, a change of only what was given: PATCH /org/{h} guarded by If-Match, and
// the avatar uploaded (POST /org/{h}/avatar) or reset to the generated one (DELETE).
import { Command, Option } from 'commander';
import { ApiError } from '../../api/errors';
import type { Org, UpdateOrgRequest } from '../../api/types';
import type { Context, GetContext } from '../../cli/context';
import { examples } from '../../cli/help';
import { UsageError } from '../../errors';
import { formatDate, formatRelativeTime } from '../../output/format';
import { parseDisplayName, parseUrl, readAvatarFile, type AvatarFile } from '../../core/validate';
import { explainOrgChangeError } from '../../core/org/explain';
import { explainOrgNotFound } from '../../core/org/get-org';
import { sanitize } from '../../output/sanitize';

export interface ProfileOptions {
  org: string;
  displayName?: string;
  url?: string;
  /** A PNG, JPEG, GIF or WebP file of at most 1 MiB. */
  avatar?: string;
  resetAvatar?: boolean;
}

export function profileCommand(getCtx: GetContext): Command {
  return new Command('profile')
    .description('Show the org’s profile, or change its display name, URL or avatar')
    .option('--display-name <name>', 'set the name shown in the console')
    .option('--url <url>', 'set the org’s web site (an http:// or https:// address)')
    .addOption(new Option('--avatar <file>', 'upload a PNG, JPEG, GIF or WebP image of at most 1 MiB').conflicts('resetAvatar'))
    .addOption(new Option('--reset-avatar', 'go back to the generated avatar').conflicts('avatar'))
    .addHelpText(
      'after',
      `
Without flags, shows the handle, display name, URL, avatar, creation date, plan and billing
status, and your role. With flags, changes only what is given (owners only); the change is
refused if someone else changed the org meanwhile. --json prints the org record, after the
change when there is one.
${examples(
  'pipesctl org profile',
  'pipesctl org profile --display-name "Acme Corporation" --url https://acme.example.com',
  'pipesctl org profile --avatar ./logo.png',
  "pipesctl org profile --json | jq -r '.avatar_url'",
)}`,
    )
    .action(async (flags: Omit<ProfileOptions, 'org'>) => {
      const ctx = getCtx();
      return runProfile(ctx, { org: ctx.resolveOrg(), ...flags });
    });
}

export async function runProfile(ctx: Context, opts: ProfileOptions): Promise<void> {
  const changing = opts.displayName !== undefined || opts.url !== undefined || opts.avatar !== undefined || opts.resetAvatar;
  if (changing) await updateProfile(ctx, opts);
  else await showProfile(ctx, opts.org);
}

// ---- showing ----

interface ProfileFacts {
  org: Org;
  /** The plan's title, null for no paid plan, undefined when it could not be read. */
  plan?: string | null;
  role?: string;
}

async function showProfile(ctx: Context, handle: string): Promise<void> {
  const api = ctx.api();
  const facts = await ctx
    .spin(`Fetching ${handle}`, async (): Promise<ProfileFacts> => {
      const org = await api.orgs.get(handle);
      if (ctx.out.isJson) return { org };
      const [plan, role] = await Promise.all([readPlan(ctx, handle), readRole(ctx, org)]);
      return { org, plan, role };
    })
    .catch((err: unknown) => {
      throw explainOrgNotFound(ctx, handle, err);
    });
  if (ctx.out.isJson) {
    ctx.out.json(facts.org);
    return;
  }
  const { org } = facts;
  ctx.out.line(ctx.colors.bold(sanitize(org.display_name && org.display_name !== org.handle ? `${org.display_name} (${org.handle})` : org.handle)));
  await printFields(ctx, [
    ['Handle', org.handle],
    ['Display name', org.display_name ?? ''],
    ['URL', org.url ?? ''],
    ['Avatar', org.avatar_url ?? ''],
    ['Created', org.created_at ? `${formatDate(org.created_at)} (${formatRelativeTime(org.created_at, ctx.clock.now())})` : ''],
    ['Plan', facts.plan === undefined ? '' : (facts.plan ?? 'none (no paid plan)')],
    ['Billing', org.billing?.status ?? ''],
    ['Your role', facts.role ?? ''],
  ]);
}

/** The plan's title; null when the org has none (billing answers 404). Other failures: unknown. */
async function readPlan(ctx: Context, handle: string): Promise<string | null | undefined> {
  try {
    const identityPlan = await ctx.api().billing.getPlan(handle);
    return identityPlan.plan?.title ?? identityPlan.plan?.plan ?? identityPlan.plan_id;
  } catch (err) {
    if (err instanceof ApiError) return err.status === 404 ? null : undefined;
    throw err;
  }
}

/** Your role, from your list of orgs (one request for most people); undefined when not found. */
async function readRole(ctx: Context, org: Org): Promise<string | undefined> {
  try {
    for await (const userOrg of ctx.api().actor.listOrgs()) {
      if (userOrg.org_id === org.id || userOrg.org?.handle === org.handle) return userOrg.role;
    }
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
  }
  return undefined;
}

/** Label/value lines with the values aligned; empty values are left out. */
async function printFields(ctx: Context, fields: [string, string][]): Promise<void> {
  const shown = fields.filter(([, value]) => value !== '');
  await ctx.out.aligned(shown, { indent: 2, style: (cell, _row, column) => (column === 0 ? ctx.colors.dim(cell) : cell) });
}

// ---- changing ----

async function updateProfile(ctx: Context, opts: ProfileOptions): Promise<void> {
  // Everything is checked, and the avatar read, before anything is sent.
  if (opts.avatar !== undefined && opts.resetAvatar) {
    throw new UsageError('--avatar and --reset-avatar cannot be used together: give one of them', { code: 'conflicting_options' });
  }
  const fields: UpdateOrgRequest = {};
  if (opts.displayName !== undefined) fields.display_name = parseDisplayName(opts.displayName);
  if (opts.url !== undefined) fields.url = parseUrl(opts.url);
  const avatar = opts.avatar === undefined ? undefined : await readAvatarFile(opts.avatar);
  const api = ctx.api();

  let fieldsSaved = false;
  const org = await ctx
    .spin(`Updating ${opts.org}`, async (): Promise<Org> => {
      let org: Org | undefined;
      if (Object.keys(fields).length > 0) {
        const read = await api.orgs.get(opts.org);
        org = await api.orgs.update(opts.org, fields, { ifMatch: read.version_id });
        fieldsSaved = true;
      }
      if (avatar || opts.resetAvatar) {
        await changeAvatar(ctx, opts.org, avatar);
        org = await api.orgs.get(opts.org); // for the avatar_url now in effect
      }
      return org!;
    })
    .catch((err: unknown) => {
      if (fieldsSaved) ctx.out.warn(`The new ${describeFields(fields)} of ${opts.org} ${Object.keys(fields).length > 1 ? 'were' : 'was'} saved before the avatar step failed.`);
      throw explainOrgChangeError(ctx, opts.org, 'change its profile', err);
    });

  ctx.out.success(`Updated the profile of ${sanitize(org.handle)}`, org);
  const avatarChanged = avatar !== undefined || opts.resetAvatar === true;
  printFields(ctx, [
    ['Display name', fields.display_name !== undefined ? (org.display_name ?? '') : ''],
    ['URL', fields.url !== undefined ? (org.url ?? '') : ''],
    ['Avatar', avatarChanged ? (org.avatar_url ?? '') : ''],
  ]);
}

function changeAvatar(ctx: Context, org: string, avatar: AvatarFile | undefined): Promise<unknown> {
  return avatar ? ctx.api().orgs.setAvatar(org, avatar) : ctx.api().orgs.deleteAvatar(org);
}

function describeFields(fields: UpdateOrgRequest): string {
  const names = [fields.display_name !== undefined && 'display name', fields.url !== undefined && 'URL'].filter(Boolean);
  return names.join(' and ');
}
