// The org file that `org export` writes and `org apply` reads: an org's profile and the people
// in it, as YAML (or JSON, which YAML reads too). Parsing reports every problem with its line
// before anything is sent; serializing is stable so exports diff cleanly. Loaded only by the
// commands that read or write the file: the YAML library is not needed to start pipesctl.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type Node, type Pair } from 'yaml';
import { UsageError } from '../../errors';
import { parseDisplayName, parseEmail, parseHandle, parseRole, parseUrl, type DocumentFormat } from '../validate';
import { personKey, type DesiredOrg, type DesiredPerson, type DesiredState, type FileProblem } from './desired-state';

const TOP_KEYS = ['org', 'people'] as const;
const ORG_KEYS = ['handle', 'display_name', 'url'] as const;
const PERSON_KEYS = ['handle', 'email', 'role'] as const;

/**
 * Reads an org file (`source` names it in messages). Every problem is collected and thrown at
 * once as a UsageError whose details are the FileProblems.
 */
export function parseDesiredState(text: string, source: string): DesiredState {
  const lines = new LineCounter();
  // failsafe: every scalar is a string, so `handle: 007` or `display_name: yes` stay as written.
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter: lines, uniqueKeys: true });
  const problems: FileProblem[] = doc.errors.map((e) => ({
    line: e.linePos?.[0].line,
    column: e.linePos?.[0].col,
    message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
  }));
  if (problems.length > 0) throw fileError(source, problems);

  const reader = new FileReader(lines);
  const state = reader.readState(doc.contents);
  if (reader.problems.length > 0 || !state) throw fileError(source, reader.problems);
  return state;
}

function fileError(source: string, problems: FileProblem[]): UsageError {
  const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const where = (p: FileProblem) => (p.line === undefined ? source : `${source}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`);
  return new UsageError(`${source} is not a valid org file:\n${sorted.map((p) => `  ${where(p)}: ${p.message}`).join('\n')}`, {
    code: 'invalid_org_file',
    details: sorted,
    hint: 'See the format with `pipesctl org apply --help`, or start from `pipesctl org export`.',
  });
}

/** Walks the parsed document, turning what it finds into a DesiredState and problems. */
class FileReader {
  readonly problems: FileProblem[] = [];
  readonly #lines: LineCounter;

  constructor(lines: LineCounter) {
    this.#lines = lines;
  }

  readState(contents: unknown): DesiredState | undefined {
    if (contents === null || contents === undefined || (isScalar(contents) && contents.value === '')) {
      this.#problem(undefined, 'the file is empty: it needs at least org.handle');
      return undefined;
    }
    if (!isMap(contents)) {
      this.#problem(contents as Node, 'the file must be a mapping with the keys org and people');
      return undefined;
    }
    const fields = this.#fields(contents.items, TOP_KEYS, 'at the top level');
    if (!fields.org) {
      this.#problem(undefined, 'org is missing: the file needs org.handle');
      return undefined;
    }
    const org = this.#readOrg(fields.org.key, fields.org.value);
    const people = fields.people ? this.#readPeople(fields.people.value) : undefined;
    return org ? { org, ...(people ? { people } : {}) } : undefined;
  }

  #readOrg(keyNode: Node, node: Node | null): DesiredOrg | undefined {
    if (!isMap(node)) {
      this.#problem(node ?? keyNode, 'org must be a mapping with handle, display_name and url');
      return undefined;
    }
    const fields = this.#fields(node.items, ORG_KEYS, 'in org');
    if (!fields.handle) {
      this.#problem(node, 'org.handle is missing');
      return undefined;
    }
    const handle = this.#value(fields.handle, 'org.handle', parseHandle);
    const org: DesiredOrg = { handle: handle ?? '' };
    if (fields.display_name) {
      const name = this.#value(fields.display_name, 'org.display_name', parseDisplayName);
      if (name !== undefined) org.display_name = name;
    }
    if (fields.url) {
      const url = this.#value(fields.url, 'org.url', parseUrl);
      if (url !== undefined) org.url = url;
    }
    return handle === undefined ? undefined : org;
  }

  #readPeople(node: Node | null): DesiredPerson[] | undefined {
    if (!isSeq(node)) {
      this.#problem(node, 'people must be a list of entries with handle or email, and role (people: [] for nobody)');
      return undefined;
    }
    const people: DesiredPerson[] = [];
    const seen = new Map<string, number | undefined>();
    for (const item of node.items as (Node | null)[]) {
      const person = this.#readPerson(item);
      if (!person) continue;
      const key = personKey(person).toLowerCase();
      if (seen.has(key)) {
        const first = seen.get(key);
        this.#problem(item, `${personKey(person)} is listed more than once${first === undefined ? '' : ` (first on line ${first})`}`);
        continue;
      }
      seen.set(key, person.line);
      people.push(person);
    }
    return people;
  }

  #readPerson(node: Node | null): DesiredPerson | undefined {
    if (!isMap(node)) {
      this.#problem(node, 'each person must be a mapping with handle or email, and role');
      return undefined;
    }
    const fields = this.#fields(node.items, PERSON_KEYS, 'in a person');
    const line = this.#position(node).line;
    const role = fields.role ? this.#value(fields.role, 'role', parseRole) : 'member';
    if (fields.handle && fields.email) {
      this.#problem(node, 'a person has either handle or email, not both');
      return undefined;
    }
    if (fields.handle) {
      const handle = this.#value(fields.handle, 'handle', parsePersonHandle);
      return handle === undefined || role === undefined ? undefined : { handle, role, line };
    }
    if (fields.email) {
      const email = this.#value(fields.email, 'email', parseEmail);
      return email === undefined || role === undefined ? undefined : { email, role, line };
    }
    this.#problem(node, 'a person needs a handle or an email');
    return undefined;
  }

  /** The pairs of a mapping by key; unknown and non-text keys are problems. */
  #fields<K extends string>(items: Pair[], allowed: readonly K[], where: string): Partial<Record<K, { key: Node; value: Node | null }>> {
    const fields: Partial<Record<K, { key: Node; value: Node | null }>> = {};
    for (const pair of items) {
      const key = pair.key as Node | null;
      const name = isScalar(key) ? String(key.value) : undefined;
      if (name !== undefined && (allowed as readonly string[]).includes(name)) {
        fields[name as K] = { key: key!, value: pair.value as Node | null };
      } else {
        this.#problem(key, `unknown key ${JSON.stringify(name ?? '?')} ${where}: use ${allowed.join(', ')}`);
      }
    }
    return fields;
  }

  /** A text value run through one of the shared input parsers; its UsageError becomes a problem here. */
  #value<T>(field: { key: Node; value: Node | null }, label: string, parse: (text: string) => T): T | undefined {
    const node = field.value;
    if (!isScalar(node) || node.value === null || typeof node.value !== 'string') {
      this.#problem(node ?? field.key, `${label} must be text`);
      return undefined;
    }
    try {
      return parse(node.value);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      this.#problem(node, `${label}: ${err.message}${err.hint ? ` (${err.hint})` : ''}`);
      return undefined;
    }
  }

  #position(node: Node | null | undefined): { line?: number; column?: number } {
    const offset = node?.range?.[0];
    if (offset === undefined) return {};
    const pos = this.#lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  #problem(node: Node | null | undefined, message: string): void {
    this.problems.push({ ...this.#position(node), message });
  }
}

/** A user handle; an email address given as a handle is pointed at the email key. */
function parsePersonHandle(value: string): string {
  if (value.includes('@')) {
    throw new UsageError(`${JSON.stringify(value)} is an email address: write it as email: ${value}`, { code: 'invalid_handle' });
  }
  return parseHandle(value);
}

const YAML_HEADER = '# pipesctl org file: `pipesctl org apply -f <this file>` makes the org match it\n';

/** The file's text: keys in a fixed order, people as given (stateOfOrg sorts them). */
export function serializeDesiredState(state: DesiredState, format: DocumentFormat): string {
  const org: Record<string, string> = { handle: state.org.handle };
  if (state.org.display_name !== undefined) org.display_name = state.org.display_name;
  if (state.org.url !== undefined) org.url = state.org.url;
  const body: Record<string, unknown> = { org };
  if (state.people) {
    body.people = state.people.map((p) => (p.handle !== undefined ? { handle: p.handle, role: p.role } : { email: p.email, role: p.role }));
  }
  if (format === 'json') return `${JSON.stringify(body, null, 2)}\n`;
  return YAML_HEADER + stringify(body, { lineWidth: 0 });
}
