// End to end: bad input through the built executable. test/cli/bad-input.test.ts holds every
// case, in-process; these few prove the wiring of the real process around them: exit 2, the
// reason on the first line of stderr (one JSON document with --json), nothing on stdout, and
// nothing sent although the token and org given would let every one of these through. One
// case per kind of check: a value rule, commander's own parsing, a file's contents, the host,
// and stdin.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { useFileEmulator } from '../helpers/emulator';

const cases: { args: string[]; says: RegExp; code: string; input?: string }[] = [
  { args: ['org', 'create', 'Acme'], says: /^invalid handle "Acme" \(uppercase letters\)/, code: 'invalid_handle' },
  { args: ['people', 'invite', '--rol', 'owner', 'x@example.com'], says: /^unknown option '--rol' \(Did you mean --role\?\)/, code: 'unknown_option' },
  { args: ['people', 'invite', '--from-file', 'bad-email.csv'], says: /^bad-email\.csv line 3: invalid email "not-an-email"/, code: 'invalid_input' },
  { args: ['--host', 'http://example.com', 'org', 'list'], says: /^refusing plain http for example\.com/, code: 'insecure_host' },
  { args: ['login', '--with-token'], says: /^no token on stdin/, code: 'token_missing', input: '' },
];

const emu = useFileEmulator();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipesctl-bad-input-'));
  writeFileSync(join(dir, 'bad-email.csv'), 'email,role\nok@example.com,member\nnot-an-email,member\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function attempt(args: string[], input?: string) {
  return runCli(args, { cwd: dir, input, env: { PIPES_HOST: emu().url, PIPES_TOKEN: emu().token, PIPES_ORG: 'acme' } });
}

describe('bad input, end to end: exit 2, the reason first on stderr, nothing on stdout, nothing sent', () => {
  it.each(cases.map((c) => [c.args.join(' '), c] as const))('pipesctl %s', async (_name, { args, says, code, input }) => {
    const [human, json] = await Promise.all([attempt(args, input), attempt(['--json', ...args], input)]);

    expect(human.code, human.stderr).toBe(2);
    expect(human.stdout).toBe('');
    expect(human.stderr.split('\n')[0]).toMatch(says);

    expect(json.code, json.stderr).toBe(2);
    expect(json.stdout).toBe('');
    const { error } = json.errorJson();
    expect(error).toMatchObject({ code, status: null });
    expect(error.message.split('\n')[0]).toMatch(says);

    expect((await emu().requests()).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });
});
