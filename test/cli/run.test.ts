// The error → exit code mapping, through the same program and mapping as the executable.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors';
import { reportError } from '../../src/cli/run';
import { versionText } from '../../src/cli/version';
import { useCommandTests } from '../helpers/command-tests';

// Logged out unless a test gives a token.
const { emu, make } = useCommandTests({ env: { PIPES_TOKEN: undefined } });

describe('help and version', () => {
  it('--version prints the version and exits 0', async () => {
    const t = make();
    expect(await t.run(['--version'])).toBe(0);
    expect(t.stdout()).toBe(`${versionText()}\n`);
  });

  it('`version` is an alias of --version, also next to global flags', async () => {
    const t = make();
    expect(await t.run(['version'])).toBe(0);
    expect(t.stdout()).toBe(`${versionText()}\n`);
    expect(await t.run(['--no-color', 'version'])).toBe(0);
    expect(t.stdout()).toBe(`${versionText()}\n`);
  });

  it('--help and bare pipesctl print grouped help on stdout and exit 0', async () => {
    const t = make();
    expect(await t.run(['--help'])).toBe(0);
    const help = t.stdout();
    expect(help).toMatch(/Authentication commands:[\s\S]*login[\s\S]*Organization commands:[\s\S]*org/);
    expect(help).toContain('Examples:');
    expect(await t.run([])).toBe(0);
    expect(t.stdout()).toBe(help);
  });

  it('every command has a description and an example in its help', async () => {
    const t = make();
    for (const argv of [['login'], ['logout'], ['auth', 'status'], ['whoami'], ['org', 'list'], ['org', 'switch'], ['help', 'exit-codes']]) {
      expect(await t.run([...argv, '--help'])).toBe(0);
      expect(t.stdout(), argv.join(' ')).toMatch(/Examples:\n {2}\$ pipesctl /);
      expect(t.stdout(), argv.join(' ')).toContain('Global Options:');
    }
  });

  it('`help <command>` shows that command\'s help; `help exit-codes` the exit code table', async () => {
    const t = make();
    expect(await t.run(['help', 'org', 'switch'])).toBe(0);
    expect(t.stdout()).toContain('Usage: pipesctl org switch');
    expect(await t.run(['help', 'exit-codes'])).toBe(0);
    for (const code of [0, 1, 2, 3, 4, 5, 130]) expect(t.stdout()).toMatch(new RegExp(`^ {2}${String(code).padEnd(3)} {2}\\S`, 'm'));
    expect(t.stdout()).toContain('130  interrupted (Ctrl-C)');
    expect(await t.run(['help', 'exit-codes', '--json'])).toBe(0);
    expect(JSON.parse(t.stdout()).map((e: { code: number }) => e.code)).toEqual([0, 1, 2, 3, 4, 5, 130]);
  });

  it('a noun without a verb shows its help on stdout and exits 0 (as gh)', async () => {
    const t = make();
    expect(await t.run(['org'])).toBe(0);
    expect(t.stdout()).toContain('Usage: pipesctl org');
    expect(t.stderr()).toBe('');
    expect(await t.run(['people'])).toBe(0);
    expect(t.stdout()).toContain('Usage: pipesctl people');
  });
});

describe('usage errors', () => {
  it.each([
    [['org', 'list', '--bogus'], "unknown option '--bogus'", "Run 'pipesctl org list --help' for usage."],
    [['org', 'lst'], "unknown command 'lst'", "Run 'pipesctl org --help' for usage."],
    [['frobnicate'], "unknown command 'frobnicate'", "Run 'pipesctl --help' for usage."],
    [['--host'], "option '--host <host>' argument missing", "Run 'pipesctl --help' for usage."],
    [['org', 'switch', 'a', 'b'], 'too many arguments', "Run 'pipesctl org switch --help' for usage."],
    [['help', 'nope'], 'unknown command "nope"', "Run 'pipesctl --help' to see the commands."],
  ])('%j exits 2 with a one-line message and where to get help', async (argv, message, hint) => {
    const t = make();
    expect(await t.run(argv)).toBe(2);
    const [first, second, ...rest] = t.stderr().trimEnd().split('\n');
    expect(first).toContain(message);
    expect(second).toBe(hint);
    expect(rest).toEqual([]);
    expect(t.stdout()).toBe('');
  });

  it('with --json, a usage error is a JSON error document on stderr', async () => {
    const t = make();
    expect(await t.run(['org', 'list', '--json', '--bogus'])).toBe(2);
    expect(JSON.parse(t.stderr())).toEqual({
      error: { code: 'unknown_option', message: "unknown option '--bogus'", status: null, details: [] },
    });
    expect(t.stdout()).toBe('');
  });

  it('an insecure --host exits 2 and sends nothing', async () => {
    const t = make({ env: { PIPES_TOKEN: emu().token } });
    expect(await t.run(['--host', 'http://example.com', 'org', 'list'])).toBe(2);
    expect(t.stderr()).toContain('refusing plain http');
    expect(await emu().requests()).toEqual([]);
  });
});

describe('API and auth errors', () => {
  it('a rejected token exits 4 with the server message and how to log in', async () => {
    const t = make({ env: { PIPES_TOKEN: 'tpt_notavalidtoken0000000000' } });
    expect(await t.run(['org', 'list'])).toBe(4);
    expect(t.stderr()).toContain('PIPES_TOKEN');
    expect(t.stderr()).toContain('pipesctl login');
    expect(t.stderr()).not.toContain('tpt_notavalidtoken0000000000');
  });

  it('with --json, a rejected token is {"error": {...}} with status 401 on stderr', async () => {
    const t = make({ env: { PIPES_TOKEN: 'tpt_notavalidtoken0000000000' } });
    expect(await t.run(['org', 'list', '--json'])).toBe(4);
    const { error } = JSON.parse(t.stderr());
    expect(error).toMatchObject({ code: 'unauthorized', status: 401, details: [] });
    expect(typeof error.message).toBe('string');
    expect(t.stdout()).toBe('');
  });

  it('no token at all exits 4', async () => {
    const t = make();
    expect(await t.run(['org', 'list'])).toBe(4);
    expect(t.stderr()).toContain('not logged in to 127.0.0.1');
  });

  it('a server failure exits 1', async () => {
    const t = make({ env: { PIPES_TOKEN: emu().token } });
    await emu().setFaults({ rate: 1, statuses: [500] });
    try {
      expect(await t.run(['org', 'list'])).toBe(1);
    } finally {
      await emu().setFaults({});
    }
    expect(t.stderr()).toMatch(/500|Internal Server Error/);
  });
});

describe('reportError', () => {
  it('says the owner role is needed when a 403 says so', () => {
    const t = make();
    const err = new ApiError(
      403,
      { method: 'PATCH', path: '/org/acme' },
      { type: 'about:blank', title: 'Forbidden', status: 403, instance: '/org/acme', detail: "the owner role is required to update 'acme'" },
    );
    expect(reportError(t.ctx, err, { json: false })).toBe(1);
    expect(t.stderr()).toContain('Forbidden: the owner role is required');
    expect(t.stderr()).toContain('needs the owner role');
  });

  it('reports an unexpected error briefly, with the stack only under --debug', () => {
    const quiet = make();
    expect(reportError(quiet.ctx, new TypeError('x is undefined'), { json: false })).toBe(1);
    expect(quiet.stderr()).toBe('unexpected error: x is undefined\nRun again with --debug for details.\n');
    const debug = make({ options: { debug: true } });
    reportError(debug.ctx, new TypeError('x is undefined'), { json: false });
    expect(debug.stderr()).toContain('at ');
    const json = make();
    reportError(json.ctx, new Error('boom'), { json: true });
    expect(JSON.parse(json.stderr())).toEqual({ error: { code: 'internal_error', message: 'boom', status: null, details: [] } });
  });

  it('never prints a known token, whatever the error says', () => {
    const t = make({ env: { PIPES_TOKEN: 'tpt_supersecretvalue1234' } });
    reportError(t.ctx, new Error('failed with tpt_supersecretvalue1234 in it'), { json: false });
    expect(t.stderr()).not.toContain('supersecret');
  });
});
