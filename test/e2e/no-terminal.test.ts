// End to end, without a terminal (stdin, stdout and stderr are pipes, as in CI): a command that
// would have to ask refuses with exit 2, names the flag that answers the question, and sends
// nothing — even though the token it has would be allowed to do the damage.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { useFileEmulator } from '../helpers/emulator';

const emu = useFileEmulator();

interface Case {
  name: string;
  args: string[];
  /** What the message must name: the flag (or argument) that answers. */
  names: string;
  /** Piped into stdin; an answer in a pipe is not a person's answer. */
  input?: string;
  /** Run without any token (the browser login). */
  anonymous?: boolean;
}

const cases: Case[] = [
  { name: 'org delete without --confirm', args: ['org', 'delete', 'acme'], names: '--confirm acme' },
  { name: 'org delete with the handle piped into stdin', args: ['org', 'delete', 'acme'], names: '--confirm acme', input: 'acme\n' },
  { name: 'org delete --confirm wrong', args: ['org', 'delete', 'acme', '--confirm', 'wrong'], names: '--confirm' },
  { name: 'org delete --confirm naming another org', args: ['org', 'delete', 'acme', '--confirm', 'hobby'], names: '--confirm' },
  { name: 'org handle without --confirm', args: ['org', 'handle', 'x', '--org', 'acme'], names: '--confirm acme' },
  { name: 'org handle --confirm wrong', args: ['org', 'handle', 'acme-corp', '--org', 'acme', '--confirm', 'hobby'], names: '--confirm' },
  { name: 'org reset-auth without --confirm', args: ['org', 'reset-auth', '--org', 'acme'], names: '--confirm acme' },
  { name: 'people remove without --yes', args: ['people', 'remove', 'jane', '--org', 'acme'], names: '--yes' },
  { name: 'people remove with "y" piped into stdin', args: ['people', 'remove', 'jane', '--org', 'acme'], names: '--yes', input: 'y\n' },
  { name: 'browser login', args: ['login'], names: '--with-token', anonymous: true },
  { name: 'org switch without a handle', args: ['org', 'switch'], names: 'org switch <handle>' },
];

async function acme(): Promise<unknown> {
  const res = await fetch(`${emu().url}/api/v0/org/acme`, { headers: { authorization: `Bearer ${emu().token}` } });
  expect(res.status).toBe(200);
  return res.json();
}

describe('without a terminal, nothing is asked and nothing is sent', () => {
  it.each(cases)('$name → exit 2, names "$names", no request', async ({ args, names, input, anonymous }) => {
    const env = anonymous ? {} : { PIPES_TOKEN: emu().token };
    const res = await runCli(args, { env: { PIPES_HOST: emu().url, ...env }, input });
    expect(res.code, res.stderr).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr.split('\n')[0]).not.toBe('');
    expect(res.stderr).toContain(names);
    expect(await emu().requests()).toEqual([]);
  });

  it('with --json the refusal is an error document with a stable code', async () => {
    const res = await runCli(['org', 'delete', 'acme', '--json'], { env: { PIPES_HOST: emu().url, PIPES_TOKEN: emu().token } });
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.errorJson().error).toMatchObject({ code: 'confirmation_required', status: null });
    expect(res.errorJson().error.message).toContain('--confirm acme');

    const mismatch = await runCli(['org', 'reset-auth', '--org', 'acme', '--confirm', 'acm', '--json'], {
      env: { PIPES_HOST: emu().url, PIPES_TOKEN: emu().token },
    });
    expect(mismatch.code).toBe(2);
    expect(mismatch.errorJson().error.code).toBe('confirmation_mismatch');
    expect(await emu().requests()).toEqual([]);
  });

  it('after all of that, acme and jane are untouched', async () => {
    const before = await acme();
    for (const { args, input, anonymous } of cases) {
      await runCli(args, { env: { PIPES_HOST: emu().url, ...(anonymous ? {} : { PIPES_TOKEN: emu().token }) }, input });
    }
    expect(await acme()).toEqual(before);
    const jane = await fetch(`${emu().url}/api/v0/org/acme/member/jane`, { headers: { authorization: `Bearer ${emu().token}` } });
    expect(jane.status).toBe(200);
  });
});
