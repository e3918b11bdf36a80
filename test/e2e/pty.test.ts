// End to end in a real pseudo-terminal (util-linux `script`): the confirmations a person
// answers. Each step waits for the prompt's text before typing; nothing depends on timing.
import { describe, expect, it } from 'vitest';
import { useTerminals } from '../helpers/cli';
import { useFileEmulator } from '../helpers/emulator';

const emu = useFileEmulator();

const terminal = useTerminals(emu);

async function apiStatus(path: string): Promise<number> {
  const res = await fetch(`${emu().url}/api/v0${path}`, { headers: { authorization: `Bearer ${emu().token}` } });
  await res.arrayBuffer();
  return res.status;
}

async function mutations(): Promise<string[]> {
  return (await emu().requests()).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
}

describe('confirmations at a terminal', () => {
  it('org delete: typing the wrong handle cancels (exit 3, the org stays); typing it right deletes it', async () => {
    const wrong = terminal(['org', 'delete', 'hobby']);
    await wrong.waitFor('Type hobby to confirm');
    wrong.type('hobbit\r');
    const cancelled = await wrong.exited;
    expect(cancelled.code).toBe(3);
    expect(cancelled.screen).toContain('does not match');
    // The wrong answer is not marked as a success before the mismatch is reported.
    expect(cancelled.screen).not.toContain('✔');
    expect(await mutations()).toEqual([]);
    expect(await apiStatus('/org/hobby')).toBe(200);

    const right = terminal(['org', 'delete', 'hobby']);
    await right.waitFor('Type hobby to confirm');
    right.type('hobby\r');
    const done = await right.exited;
    expect(done.code, done.screen).toBe(0);
    expect(done.screen).toContain('Deleted org hobby');
    expect(await mutations()).toEqual(['DELETE /api/v0/org/hobby']);
    expect(await apiStatus('/org/hobby')).toBe(404);
  });

  it('org delete on a terminal that reports no size (a bare pty) still finishes', async () => {
    const session = terminal(['org', 'delete', 'hobby'], { columns: 0 });
    await session.waitFor('Type hobby to confirm');
    session.type('hobby\r');
    const done = await session.exited;
    expect(done.code, done.screen.slice(0, 2000)).toBe(0);
    expect(done.screen).toContain('Deleted org hobby');
    expect(await apiStatus('/org/hobby')).toBe(404);
  });

  it('org handle shows the workspace names that will change before asking; the right handle renames', async () => {
    const session = terminal(['org', 'handle', 'acme-corp', '--org', 'acme']);
    await session.waitFor('Type acme to confirm');
    const before = session.screen();
    expect(before).toMatch(/acme-prod\.\S+\s+→\s+acme-corp-prod\./);
    expect(before).toMatch(/acme-dev\.\S+\s+→\s+acme-corp-dev\./);
    expect(await mutations()).toEqual([]); // asked before changing anything
    session.type('acme\r');
    const done = await session.exited;
    expect(done.code, done.screen).toBe(0);
    expect(done.screen).toContain('Renamed acme to acme-corp');
    expect(await apiStatus('/org/acme-corp')).toBe(200);
  });

  it('people remove: answering n cancels (exit 3) and jane stays a member', async () => {
    const session = terminal(['people', 'remove', 'jane', '--org', 'acme']);
    await session.waitFor(/Remove jane.*\?/);
    session.type('n\r');
    const done = await session.exited;
    expect(done.code, done.screen).toBe(3);
    expect(done.screen).toContain('Cancelled');
    expect((await emu().requests()).some((r) => r.method === 'DELETE')).toBe(false);
    expect(await apiStatus('/org/acme/member/jane')).toBe(200);
  });

  it('org reset-auth: the wrong handle cancels (exit 3) and the token still works', async () => {
    const session = terminal(['org', 'reset-auth', '--org', 'acme']);
    await session.waitFor('Type acme to confirm');
    session.type('hobby\r');
    const done = await session.exited;
    expect(done.code, done.screen).toBe(3);
    expect(await mutations()).toEqual([]);
    expect(await apiStatus('/org/acme')).toBe(200);
  });
});
