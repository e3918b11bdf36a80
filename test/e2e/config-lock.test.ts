// End to end: concurrent pipesctl processes over one config file lose no change. Twenty
// `pipesctl logout --host H_i`, started together over a config where all twenty hosts are
// logged in, leave no token behind (each one re-reads the file under the lock).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSandbox, type CliSandbox } from '../helpers/cli';

const HOSTS = Array.from({ length: 20 }, (_, i) => `127.0.0.1:${17001 + i}`);

let cli: CliSandbox;
beforeEach(() => {
  // No emulator: logout sends nothing.
  cli = cliSandbox('http://127.0.0.1:1');
});
afterEach(() => cli.cleanup());

describe('the config lock', () => {
  it('20 concurrent logouts, one per host, leave 0 of 20 tokens and every default org', async () => {
    mkdirSync(cli.configDir, { recursive: true, mode: 0o700 });
    const hosts = Object.fromEntries(HOSTS.map((h, i) => [h, { token: `tpt_token${i}`, user: 'demo', token_kind: 'user', org: `org${i}` }]));
    writeFileSync(join(cli.configDir, 'config.json'), JSON.stringify({ hosts }), { mode: 0o600 });

    const results = await Promise.all(HOSTS.map((h) => cli.run(['logout', '--host', `http://${h}`, '--json'])));
    for (const res of results) expect(res.code, res.stderr).toBe(0);
    expect(results.map((r) => r.json().user)).toEqual(HOSTS.map(() => 'demo'));

    const after = JSON.parse(readFileSync(join(cli.configDir, 'config.json'), 'utf8')) as { hosts: Record<string, Record<string, unknown>> };
    expect(Object.entries(after.hosts).filter(([, e]) => e.token !== undefined).map(([h]) => h)).toEqual([]);
    expect(after.hosts).toEqual(Object.fromEntries(HOSTS.map((h, i) => [h, { org: `org${i}` }])));
  });
});
