// Who to invite, from the command line or a file, checked in full before anything is sent.
// Files are CSV (a header naming `email` and/or `handle`, optional `role`) or JSON (an array
// of {email|handle, role?}, or {"invites": [...]}). Emails are compared and sent in lower case.
// fs.promises is read when used, not at start-up: loading it also loads readline.
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import type { OrgRole } from '../../api/types';
import { UsageError } from '../../errors';
import { parseEmail, parseHandle, parseInvitee, parseRole, type Invitee } from '../validate';
import { inviteeKey } from './find-member';

export interface InviteRow {
  /** What is reported as the result's `input`: the handle, or the email in lower case. */
  input: string;
  invitee: Invitee;
  /** The row's own role (a file's role column); undefined means the --role flag. */
  role?: OrgRole;
  /** Where the row came from, for messages: "line 4", "item 3", "argument 2". */
  where: string;
}

/** A person to invite once the input is checked: one per person, with the role settled. */
export interface InviteRequest {
  input: string;
  invitee: Invitee;
  role: OrgRole;
  where: string;
}

export interface InviteInput {
  requests: InviteRequest[];
  /** Things the person should know (duplicates dropped, columns ignored), for stderr. */
  notices: string[];
}

interface RowProblem {
  where: string;
  message: string;
  /** A nearby valid value, e.g. `Did you mean "jane"?`. */
  hint?: string;
}

const MAX_PROBLEMS_SHOWN = 10;

/** Positional arguments: each an email (anything with an "@") or a user handle. */
export function rowsFromArguments(args: readonly string[]): InviteRow[] {
  const problems: RowProblem[] = [];
  const rows: InviteRow[] = [];
  args.forEach((arg, i) => {
    const where = `argument ${i + 1}`;
    try {
      rows.push(rowFor(parseInvitee(normaliseInvitee(arg.trim())), undefined, where));
    } catch (err) {
      problems.push({ where, message: messageOf(err), hint: hintOf(err) });
    }
  });
  if (problems.length > 0) throw invalidInput(problems.length === 1 ? problems[0]!.message : 'invalid people to invite', problems, undefined);
  return rows;
}

/** Reads `--from-file F` (`-` for stdin) into rows; any bad row is a UsageError naming it. */
export async function readInviteFile(path: string, stdin: () => Promise<string>): Promise<{ rows: InviteRow[]; notices: string[] }> {
  const name = path === '-' ? 'stdin' : path;
  const text = path === '-' ? await stdin() : await fsp.readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    const why = err.code === 'ENOENT' ? 'does not exist' : err.code === 'EISDIR' ? 'is a directory' : `cannot be read (${err.code ?? err.message})`;
    throw new UsageError(`--from-file ${path} ${why}`, { code: 'file_unreadable' });
  });
  return parseInviteFile(text, name);
}

/** The text of an invite file: JSON when it starts with `[` or `{`, CSV otherwise. */
export async function parseInviteFile(text: string, name: string): Promise<{ rows: InviteRow[]; notices: string[] }> {
  const body = text.replace(/^\uFEFF/, '');
  const first = body.trimStart()[0];
  const parsed = first === '[' || first === '{' ? parseJsonInvites(body, name) : await parseCsvInvites(body, name);
  if (parsed.problems.length > 0) {
    const only = parsed.problems.length === 1 ? parsed.problems[0]! : undefined;
    throw invalidInput(only ? `${name} ${only.where}: ${only.message}` : `${name} has ${parsed.problems.length} invalid rows`, parsed.problems, name);
  }
  if (parsed.rows.length === 0) {
    throw new UsageError(`${name} lists no one to invite`, { code: 'empty_file', hint: FILE_HINT });
  }
  return { rows: parsed.rows, notices: parsed.notices };
}

const FILE_HINT =
  'A CSV file has a header line naming an email and/or handle column (and optionally role), then one person per line; a JSON file is an array of {"email": ...} or {"handle": ...} objects.';

interface Parsed {
  rows: InviteRow[];
  problems: RowProblem[];
  notices: string[];
}

async function parseCsvInvites(text: string, name: string): Promise<Parsed> {
  const { parse } = await import('csv-parse/sync');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      comment: '#',
      comment_no_infix: true, // a # inside a value is data
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      relax_column_count: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new UsageError(`${name}${line ? ` line ${line}` : ''}: not valid CSV (${messageOf(err)}); nothing was sent`, { code: 'invalid_file', hint: FILE_HINT });
  }
  const [header, ...data] = records;
  if (!header) throw new UsageError(`${name} is empty: nothing was sent`, { code: 'empty_file', hint: FILE_HINT });

  const columns = header.record.map((h) => h.trim().toLowerCase());
  const index = (column: string) => columns.indexOf(column);
  const emailAt = index('email');
  const handleAt = index('handle');
  const roleAt = index('role');
  if (emailAt < 0 && handleAt < 0) {
    throw new UsageError(
      `${name} line ${header.info.lines}: the header ${JSON.stringify(header.record.join(','))} has no email or handle column; nothing was sent`,
      { code: 'invalid_file', hint: FILE_HINT },
    );
  }
  const repeated = ['email', 'handle', 'role'].filter((c) => columns.filter((x) => x === c).length > 1);
  if (repeated.length > 0) {
    throw new UsageError(`${name} line ${header.info.lines}: the header names ${repeated.join(', ')} more than once; nothing was sent`, {
      code: 'invalid_file',
    });
  }
  const ignored = header.record.filter((_, i) => ![emailAt, handleAt, roleAt].includes(i));
  const notices = ignored.length > 0 ? [`${name}: ignoring column${ignored.length > 1 ? 's' : ''} ${ignored.join(', ')}`] : [];

  const rows: InviteRow[] = [];
  const problems: RowProblem[] = [];
  for (const { record, info } of data) {
    const where = `line ${info.lines}`;
    const cell = (at: number) => (at >= 0 ? (record[at] ?? '').trim() : '');
    if (record.length > columns.length && record.slice(columns.length).some((v) => v.trim() !== '')) {
      problems.push({ where, message: `${record.length} fields, but the header has ${columns.length} (a comma inside a value needs "quotes")` });
      continue;
    }
    try {
      rows.push(rowFromFields({ email: cell(emailAt), handle: cell(handleAt), role: cell(roleAt) }, where));
    } catch (err) {
      problems.push({ where, message: messageOf(err), hint: hintOf(err) });
    }
  }
  return { rows, problems, notices };
}

function parseJsonInvites(text: string, name: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${name}: not valid JSON (${messageOf(err)}); nothing was sent`, { code: 'invalid_file', hint: FILE_HINT });
  }
  const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.invites) ? value.invites : undefined;
  if (!list) {
    throw new UsageError(`${name}: expected a JSON array of invites, or an object with an "invites" array; nothing was sent`, {
      code: 'invalid_file',
      hint: FILE_HINT,
    });
  }
  const rows: InviteRow[] = [];
  const problems: RowProblem[] = [];
  const ignored = new Set<string>();
  list.forEach((item: unknown, i: number) => {
    const where = `item ${i + 1}`;
    if (!isObject(item)) {
      problems.push({ where, message: 'expected an object such as {"email": "jane@example.com", "role": "member"}' });
      return;
    }
    for (const key of Object.keys(item)) if (!['email', 'handle', 'role'].includes(key)) ignored.add(key);
    const field = (key: string): string | RowProblem => {
      const v = item[key];
      if (v === undefined || v === null) return '';
      if (typeof v !== 'string') return { where, message: `"${key}" must be a string` };
      return v.trim();
    };
    const fields = { email: field('email'), handle: field('handle'), role: field('role') };
    const bad = Object.values(fields).find((f): f is RowProblem => typeof f !== 'string');
    if (bad) {
      problems.push(bad);
      return;
    }
    try {
      rows.push(rowFromFields(fields as { email: string; handle: string; role: string }, where));
    } catch (err) {
      problems.push({ where, message: messageOf(err), hint: hintOf(err) });
    }
  });
  const notices = ignored.size > 0 ? [`${name}: ignoring field${ignored.size > 1 ? 's' : ''} ${[...ignored].join(', ')}`] : [];
  return { rows, problems, notices };
}

/** One person from a file: exactly one of email or handle, and an optional role. */
function rowFromFields(fields: { email: string; handle: string; role: string }, where: string): InviteRow {
  const { email, handle, role } = fields;
  if (email && handle) throw new UsageError('give an email or a handle, not both');
  if (!email && !handle) throw new UsageError('no email or handle');
  let invitee: Invitee;
  if (email) invitee = { email: parseEmail(email.toLowerCase()) };
  else if (handle.includes('@')) throw new UsageError(`"${handle}" in the handle column looks like an email address: put it in the email column`);
  else invitee = { handle: parseHandle(handle) };
  return rowFor(invitee, role ? parseRole(role) : undefined, where);
}

function rowFor(invitee: Invitee, role: OrgRole | undefined, where: string): InviteRow {
  return { input: inviteeKey(invitee), invitee, role, where };
}

/** Emails are case-insensitive in practice: sent and compared in lower case. */
function normaliseInvitee(value: string): string {
  return value.includes('@') ? value.toLowerCase() : value;
}

/**
 * One request per person, with `defaultRole` where a row names none. A person listed again
 * with the same role is dropped with a notice; with a different role it is a UsageError.
 */
export function settleInvites(rows: readonly InviteRow[], defaultRole: OrgRole, source: string | undefined): InviteInput {
  const byKey = new Map<string, InviteRequest>();
  const duplicates: string[] = [];
  const problems: RowProblem[] = [];
  for (const row of rows) {
    const role = row.role ?? defaultRole;
    const first = byKey.get(row.input);
    if (!first) {
      byKey.set(row.input, { input: row.input, invitee: row.invitee, role, where: row.where });
    } else if (first.role === role) {
      duplicates.push(`${row.where} (${row.input}, as on ${first.where})`);
    } else {
      problems.push({ where: row.where, message: `${row.input} is listed again as ${role}, but as ${first.role} on ${first.where}; list each person once` });
    }
  }
  if (problems.length > 0) {
    const only = problems.length === 1 ? problems[0]! : undefined;
    const prefix = source ? `${source} ` : '';
    throw invalidInput(only ? `${prefix}${only.where}: ${only.message}` : `${source ?? 'the input'} lists people twice with different roles`, problems, source);
  }
  const notices: string[] = [];
  if (duplicates.length > 0) {
    notices.push(
      `${source ? `${source}: ` : ''}ignored ${duplicates.length} duplicate${duplicates.length > 1 ? 's' : ''} (each person is invited once): ${duplicates
        .slice(0, MAX_PROBLEMS_SHOWN)
        .join(', ')}${duplicates.length > MAX_PROBLEMS_SHOWN ? ', …' : ''}`,
    );
  }
  return { requests: [...byKey.values()], notices };
}

/** A UsageError listing the problems (the first few in the message, all in details). */
function invalidInput(summary: string, problems: readonly RowProblem[], source: string | undefined): UsageError {
  const lines =
    problems.length > 1
      ? `:\n${problems
          .slice(0, MAX_PROBLEMS_SHOWN)
          .map((p) => `  ${p.where}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`)
          .join('\n')}${problems.length > MAX_PROBLEMS_SHOWN ? `\n  … and ${problems.length - MAX_PROBLEMS_SHOWN} more` : ''}`
      : '';
  return new UsageError(`${summary}${lines}\nNothing was sent${source ? `; fix ${source} and run the command again` : ''}.`, {
    code: 'invalid_input',
    details: problems.map((p) => ({ ...(source ? { file: source } : {}), where: p.where, message: p.message })),
    hint: problems.length === 1 ? problems[0]!.hint : undefined,
  });
}

function hintOf(err: unknown): string | undefined {
  return err instanceof UsageError ? err.hint : undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where the people to invite come from: arguments, or a file (`-` for stdin). */
export interface InviteSource {
  people: readonly string[];
  fromFile?: string;
  /** For everyone without a role of their own. */
  role: OrgRole;
}

/** The people to invite, every row checked (UsageError on the first problems; nothing is sent). */
export async function readInviteRequests(opts: InviteSource, readStdin: () => Promise<string>): Promise<InviteInput> {
  if (opts.fromFile !== undefined && opts.people.length > 0) {
    throw new UsageError('give people as arguments or --from-file, not both', { code: 'invalid_input' });
  }
  if (opts.fromFile === undefined && opts.people.length === 0) {
    throw new UsageError('no one to invite: give email addresses or user handles, or --from-file <file>', {
      code: 'invalid_input',
      hint: "Run 'pipesctl people invite --help' for usage.",
    });
  }
  if (opts.fromFile !== undefined) {
    const source = opts.fromFile === '-' ? 'stdin' : opts.fromFile;
    const file = await readInviteFile(opts.fromFile, readStdin);
    const settled = settleInvites(file.rows, opts.role, source);
    return { requests: settled.requests, notices: [...file.notices, ...settled.notices] };
  }
  const settled = settleInvites(rowsFromArguments(opts.people), opts.role, undefined);
  return { requests: settled.requests, notices: settled.notices };
}

/** --failed-to must be writable before anything is sent: its directory exists and it is not a directory. */
export async function checkWritableTarget(path: string): Promise<void> {
  const dir = await fsp.stat(dirname(path)).catch(() => undefined);
  if (!dir?.isDirectory()) throw new UsageError(`--failed-to ${path}: the directory ${dirname(path)} does not exist`, { code: 'invalid_path' });
  const target = await fsp.stat(path).catch(() => undefined);
  if (target?.isDirectory()) throw new UsageError(`--failed-to ${path} is a directory`, { code: 'invalid_path' });
}

/** The failed people as a CSV that --from-file reads back: email, handle, role. */
export function failedRowsCsv(requests: readonly InviteRequest[]): string {
  const lines = ['email,handle,role'];
  for (const r of requests) lines.push([r.invitee.email ?? '', r.invitee.handle ?? '', r.role].map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

function csvField(value: string): string {
  return /[",\r\n]|^[\s#]|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
