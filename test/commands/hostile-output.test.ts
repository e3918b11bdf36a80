// Everything a server (or a file) says is shown to a person through one sanitiser: a record
// holding a window-title sequence, a bell, colour codes and a bidi override is printed on a
// colour terminal in caret notation, on every screen; --json keeps it exact. The records are
// written straight into the emulator's database, below the API's own checks.
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src/cli/context';
import { terminalPrompter } from '../../src/io/prompter';
import type { IOStreams } from '../../src/io/streams';
import { HOSTILE, expectSanitised, useHostileTerminals } from '../helpers/hostile';
import { reply, startTestServer, type TestServer } from '../helpers/http-server';

const { emu, newContext, terminal } = useHostileTerminals();

describe('hostile records on a colour terminal', () => {
  it('org list: the display name is shown in caret notation; --json keeps it exact', async () => {
    emu().sql("UPDATE orgs SET display_name = ? WHERE handle = 'acme'", HOSTILE);
    const t = terminal();
    expect(await t.run(['org', 'list'])).toBe(0);
    expectSanitised(t.stdout());
    expect(t.stdout()).toContain('\u001b['); // colour is on: only pipesctl's own codes remain
    expect(await t.run(['org', 'list', '--json'])).toBe(0);
    expect(JSON.parse(t.stdout()).find((o: { org: { handle: string } }) => o.org.handle === 'acme').org.display_name).toBe(HOSTILE);
  });

  it('org list piped: the same, and rows have no trailing tab', async () => {
    emu().sql("UPDATE orgs SET display_name = ? WHERE handle = 'acme'", HOSTILE);
    const t = newContext({ emulator: emu(), env: { PIPES_TOKEN: emu().token } });
    expect(await t.run(['org', 'list'])).toBe(0);
    expectSanitised(t.stdout());
    for (const line of t.stdout().trimEnd().split('\n')) expect(line).not.toMatch(/\t$/);
  });

  it('org profile: the title and the fields', async () => {
    emu().sql("UPDATE orgs SET display_name = ?, url = ? WHERE handle = 'acme'", HOSTILE, `https://x.example/${HOSTILE}`);
    const t = terminal();
    expect(await t.run(['org', 'profile'])).toBe(0);
    expectSanitised(t.stdout());
  });

  it('people list: a member who controls their own display name', async () => {
    emu().sql("UPDATE users SET display_name = ? WHERE handle = 'jane'", HOSTILE);
    const t = terminal();
    expect(await t.run(['people', 'list'])).toBe(0);
    expectSanitised(t.stdout());
  });

  it('org billing: an invoice field', async () => {
    emu().sql('UPDATE invoices SET receipt_number = ?', HOSTILE);
    const t = terminal();
    expect(await t.run(['org', 'billing'])).toBe(0);
    expectSanitised(t.stdout());
  });

  it('org handle: the workspace host names of the DNS changes', async () => {
    emu().sql('UPDATE workspaces SET host = ?', HOSTILE);
    const t = terminal();
    t.prompter.expectInput(/Type acme to confirm/, 'acme');
    expect(await t.run(['org', 'handle', 'acme-corp', '--org', 'acme'])).toBe(0);
    expectSanitised(t.stdout());
  });

  it('org usage: the org named by the server', async () => {
    const t = terminal({
      wrapApi: (api: ApiClient) => ({ ...api, orgs: { ...api.orgs, get: async (h: string) => ({ ...(await api.orgs.get(h)), handle: HOSTILE }) } }),
    });
    expect(await t.run(['org', 'usage'])).toBe(0);
    expectSanitised(t.stdout() + t.stderr());
  });

  it('success lines: an org handle as the server answered it (org create)', async () => {
    const t = terminal({
      wrapApi: (api: ApiClient) => ({ ...api, orgs: { ...api.orgs, create: async (body) => ({ ...(await api.orgs.create(body)), handle: HOSTILE }) } }),
    });
    expect(await t.run(['org', 'create', 'newco'])).toBe(0);
    expectSanitised(t.stdout());
  });

  it('org apply: plan lines name the members the server lists', async () => {
    emu().sql("UPDATE users SET handle = ? WHERE handle = 'carol'", HOSTILE);
    const t = terminal();
    const file = `${t.homeDir}/org.yaml`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'org:\n  handle: acme\npeople:\n  - handle: demo\n    role: owner\n');
    expect(await t.run(['org', 'apply', '--file', file, '--dry-run']), t.stderr()).toBe(0);
    expectSanitised(t.stdout());
  });
});

describe('hostile errors', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(() => reply.json(400, { status: 400, instance: 'x', title: HOSTILE, detail: HOSTILE }));
  });
  afterAll(() => server.close());

  it('an error message from the server is shown in caret notation, and exact in the JSON error', async () => {
    const t = newContext({ tty: true, env: { PIPES_HOST: server.url, PIPES_TOKEN: 'tok', FORCE_COLOR: '1' } });
    expect(await t.run(['org', 'profile', '--org', 'acme'])).not.toBe(0);
    expectSanitised(t.stderr());
    expect(await t.run(['org', 'profile', '--json', '--org', 'acme'])).not.toBe(0);
    expect(JSON.parse(t.stderr()).error.message).toContain(HOSTILE);
  });
});

describe('hostile prompts', () => {
  it('the terminal prompter shows questions and choices in caret notation', async () => {
    const stdin = new PassThrough();
    const chunks: string[] = [];
    const stdout = new Writable({
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    const io: IOStreams = { stdin, stdout, stderr: stdout, stdinIsTTY: true, stdoutIsTTY: true, stderrIsTTY: true, columns: 100 };
    const answer = terminalPrompter(io).select({ message: `Pick ${HOSTILE}`, choices: [{ name: `acme (${HOSTILE})`, value: 'acme' }] });
    setTimeout(() => stdin.write('\r'), 50);
    expect(await answer).toBe('acme');
    expectSanitised(chunks.join(''));
    // One mark per outcome: the answered question is not ticked (the command reports the outcome).
    expect(chunks.join('')).not.toContain('✔');
  });
});
