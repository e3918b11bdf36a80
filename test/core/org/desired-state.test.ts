import { describe, expect, it } from 'vitest';
import { stateOfOrg, type FileProblem } from '../../../src/core/org/desired-state';
import { parseDesiredState, serializeDesiredState } from '../../../src/core/org/org-file';
import { UsageError } from '../../../src/errors';
import { makeOrg, makeOrgUser, makeUser } from '../../helpers/fixtures';

const EXAMPLE = `# pipesctl org file
org:
  handle: acme
  display_name: Acme Corp
  url: https://acme.example.com
people:
  - handle: jane
    role: owner
  - email: dave@example.com
    role: member
  - handle: carol
`;

/** The problems a bad file is refused with (it must be refused with a UsageError). */
function problemsOf(text: string): { message: string; problems: FileProblem[] } {
  try {
    parseDesiredState(text, 'org.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    const e = err as UsageError;
    expect(e.code).toBe('invalid_org_file');
    expect(e.exitCode).toBe(2);
    return { message: e.message, problems: e.details as FileProblem[] };
  }
  throw new Error('the file was accepted');
}

describe('parseDesiredState', () => {
  it('reads the documented example, roles defaulting to member, with each person’s line', () => {
    expect(parseDesiredState(EXAMPLE, 'acme.yaml')).toEqual({
      org: { handle: 'acme', display_name: 'Acme Corp', url: 'https://acme.example.com' },
      people: [
        { handle: 'jane', role: 'owner', line: 7 },
        { email: 'dave@example.com', role: 'member', line: 9 },
        { handle: 'carol', role: 'member', line: 11 },
      ],
    });
  });

  it('reads the same from JSON', () => {
    const json = JSON.stringify({ org: { handle: 'acme', display_name: 'Acme Corp' }, people: [{ email: 'dave@example.com', role: 'Owner' }] });
    expect(parseDesiredState(json, 'acme.json')).toMatchObject({
      org: { handle: 'acme', display_name: 'Acme Corp' },
      people: [{ email: 'dave@example.com', role: 'owner' }],
    });
  });

  it('keeps scalars as written: a numeric handle and a display name of "yes" are text', () => {
    expect(parseDesiredState('org:\n  handle: 007\n  display_name: yes\n', 'f').org).toEqual({ handle: '007', display_name: 'yes' });
  });

  it('leaves people unmanaged when the key is absent, and empty when it is []', () => {
    expect(parseDesiredState('org:\n  handle: acme\n', 'f').people).toBeUndefined();
    expect(parseDesiredState('org:\n  handle: acme\npeople: []\n', 'f').people).toEqual([]);
  });

  it('gives a YAML syntax error with its line and column', () => {
    const { message, problems } = problemsOf('org:\n  handle: acme\npeople:\n  - handle: jane\n   role: owner\n');
    expect(problems[0]!.line).toBe(5);
    expect(message).toMatch(/^org\.yaml is not a valid org file:\n {2}org\.yaml:5:\d+: /);
  });

  it('reports a duplicated key with its line', () => {
    const { problems } = problemsOf('org:\n  handle: acme\n  handle: beta\n');
    expect(problems).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/unique/) })]);
  });

  it('reports every problem at once, in line order', () => {
    const { message, problems } = problemsOf(
      [
        'org:',
        '  handle: acme',
        '  nmae: Acme', // 3
        '  url: acme.example.com', // 4
        'people:',
        '  - handle: Jane', // 6
        '  - email: dave@example', // 7
        '    role: admin', // 8
        '  - handle: carol', // 9
        '  - handle: carol', // 10
        '  - email: x@example.com', // 11
        '    handle: x',
        '  - role: owner', // 13
        '  - handle: bob@example.com', // 14
        'extra: 1', // 15
      ].join('\n'),
    );
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'unknown key "nmae" in org: use handle, display_name, url'],
      [4, expect.stringContaining('org.url: invalid URL "acme.example.com"')],
      [6, expect.stringContaining('handle: invalid handle "Jane" (uppercase letters)')],
      [7, expect.stringContaining('email: invalid email "dave@example"')],
      [8, expect.stringContaining('role: invalid role "admin": use member or owner')],
      [10, 'carol is listed more than once (first on line 9)'],
      [11, 'a person has either handle or email, not both'],
      [13, 'a person needs a handle or an email'],
      [14, expect.stringContaining('is an email address: write it as email: bob@example.com')],
      [15, 'unknown key "extra" at the top level: use org, people'],
    ]);
    expect(message).toContain('org.yaml:3:3: unknown key "nmae"');
  });

  it('treats emails case-insensitively when looking for duplicates', () => {
    const { problems } = problemsOf('org:\n  handle: acme\npeople:\n  - email: Dave@Example.com\n  - email: dave@example.com\n');
    expect(problems).toEqual([{ line: 5, column: 5, message: 'dave@example.com is listed more than once (first on line 4)' }]);
  });

  it('requires org.handle, and says so for an empty file', () => {
    expect(problemsOf('').problems[0]!.message).toMatch(/empty/);
    expect(problemsOf('people: []\n').problems[0]!.message).toBe('org is missing: the file needs org.handle');
    expect(problemsOf('org:\n  display_name: Acme\n').problems).toEqual([{ line: 2, column: 3, message: 'org.handle is missing' }]);
    expect(problemsOf('org: acme\n').problems[0]!.message).toMatch(/org must be a mapping/);
    expect(problemsOf('org:\n  handle: acme\npeople:\n').problems[0]!.message).toMatch(/people must be a list/);
  });
});

describe('stateOfOrg and serializeDesiredState', () => {
  const org = makeOrg({ handle: 'acme', display_name: 'Acme Corp', url: undefined });
  const members = [
    makeOrgUser({ user_handle: 'zed', role: 'member' }),
    makeOrgUser({ user_handle: 'demo', role: 'owner' }),
    makeOrgUser({ user_handle: 'dave', role: 'member', status: 'invited', user: makeUser({ handle: 'dave', display_name: 'dave@example.com' }) }),
    makeOrgUser({ user_handle: 'kim', role: 'owner', status: 'invited', user: makeUser({ handle: 'kim', display_name: 'Kim Lee' }) }),
    makeOrgUser({ user_handle: 'ann', role: undefined, user: makeUser({ handle: 'ann', display_name: 'ann@example.com' }) }),
  ];

  it('lists accepted members and handle invites by handle, email invites by email, sorted, unset fields left out', () => {
    expect(stateOfOrg(org, members)).toEqual({
      org: { handle: 'acme', display_name: 'Acme Corp' },
      people: [
        { handle: 'ann', role: 'member' },
        { email: 'dave@example.com', role: 'member' },
        { handle: 'demo', role: 'owner' },
        { handle: 'kim', role: 'owner' },
        { handle: 'zed', role: 'member' },
      ],
    });
  });

  it('writes YAML that reads back to the same state, and JSON too', () => {
    const state = stateOfOrg(makeOrg({ display_name: 'Acme: Corp #1', url: 'https://acme.example.com/?a=b#c' }), members);
    const yaml = serializeDesiredState(state, 'yaml');
    expect(yaml).toContain('display_name: "Acme: Corp #1"');
    expect(yaml.startsWith('# pipesctl org file')).toBe(true);
    expect(yaml).toContain('people:\n  - handle: ann\n    role: member\n  - email: dave@example.com\n');
    const strip = (s: ReturnType<typeof parseDesiredState>) => ({ ...s, people: s.people?.map(({ line: _line, ...p }) => p) });
    expect(strip(parseDesiredState(yaml, 'f'))).toEqual(state);
    const json = serializeDesiredState(state, 'json');
    expect(JSON.parse(json)).toEqual(state);
    expect(strip(parseDesiredState(json, 'f'))).toEqual(state);
  });

  it('is stable: the same org gives the same text whatever order the API lists it in', () => {
    const a = serializeDesiredState(stateOfOrg(org, members), 'yaml');
    const b = serializeDesiredState(stateOfOrg(org, [...members].reverse()), 'yaml');
    expect(a).toBe(b);
  });
});
