import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCommandTests } from '../../helpers/command-tests';

const { emu, make, path } = useCommandTests();

const ACME_YAML = `# pipesctl org file: \`pipesctl org apply -f <this file>\` makes the org match it
org:
  handle: acme
  display_name: Acme Corp
  url: https://acme.example.com
people:
  - handle: bob
    role: member
  - handle: carol
    role: member
  - email: dave@example.com
    role: member
  - handle: demo
    role: owner
  - handle: jane
    role: member
`;

describe('org export', () => {
  it('writes acme as YAML on stdout: profile, people sorted, the email invite by its address', async () => {
    const t = make();
    expect(await t.run(['org', 'export', '--org', 'acme'])).toBe(0);
    expect(t.stdout()).toBe(ACME_YAML);
    expect(t.stderr()).toBe('');
    expect((await emu().requests()).every((r) => r.method === 'GET')).toBe(true);
  });

  it('leaves out the profile fields that are not set', async () => {
    const t = make({ env: { PIPES_ORG: 'hobby' } });
    expect(await t.run(['org', 'export', '--format', 'json'])).toBe(0);
    expect(JSON.parse(t.stdout())).toEqual({
      org: { handle: 'hobby', display_name: 'Hobby Projects' },
      people: [{ handle: 'demo', role: 'owner' }],
    });
  });

  it('writes JSON with --format json or --json, and refuses --json with --format yaml', async () => {
    const t = make();
    expect(await t.run(['org', 'export', '--org', 'acme', '--format', 'json'])).toBe(0);
    const json = t.stdout();
    expect(JSON.parse(json).people).toContainEqual({ email: 'dave@example.com', role: 'member' });
    expect(await t.run(['org', 'export', '--org', 'acme', '--json'])).toBe(0);
    expect(t.stdout()).toBe(json);
    expect(await t.run(['org', 'export', '--org', 'acme', '--json', '--format', 'yaml'])).toBe(2);
    expect(await t.run(['org', 'export', '--org', 'acme', '--format', 'toml'])).toBe(2);
    expect(t.stderr()).toContain('invalid --format "toml": use yaml or json');
  });

  it('--output writes the file and says so on stdout', async () => {
    const file = path('acme.yaml');
    const t = make();
    expect(await t.run(['org', 'export', '--org', 'acme', '--output', file])).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(ACME_YAML);
    expect(t.stdout()).toBe(`Wrote acme (5 people) to ${file}\n`);
    expect(readdirSync(dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--output into a missing directory: exit 2 and no file', async () => {
    const file = path('nope/acme.yaml');
    const t = make();
    expect(await t.run(['org', 'export', '--org', 'acme', '-o', file])).toBe(2);
    expect(t.stderr()).toContain(`cannot write ${file}`);
    expect(existsSync(file)).toBe(false);
  });

  it('works with a member’s token too (reading needs no owner role)', async () => {
    const t = make({ env: { PIPES_TOKEN: emu().janeToken } });
    expect(await t.run(['org', 'export', '--org', 'acme'])).toBe(0);
    expect(t.stdout()).toBe(ACME_YAML);
  });

  it('explains an org that is not there (exit 1)', async () => {
    const t = make();
    expect(await t.run(['org', 'export', '--org', 'nosuchorg'])).toBe(1);
    expect(t.stderr()).toContain('org nosuchorg not found');
    expect(t.stdout()).toBe('');
  });
});
