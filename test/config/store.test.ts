import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors';
import { checkConfigPermissions } from '../../src/config/permissions';
import { checkConfig, serializeConfig } from '../../src/config/schema';
import { defaultConfigDir, FileConfigStore } from '../../src/config/store';
import { readTurbotCliToken, turbotCliTokenPath } from '../../src/config/turbot-cli';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pipesctl-store-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

describe('FileConfigStore', () => {
  it('treats a missing file as empty config, without warning and without creating anything', () => {
    const warnings: string[] = [];
    const store = new FileConfigStore({ dir: join(root, 'pipesctl'), onWarning: (m) => warnings.push(m) });
    expect(store.getHost('pipes.turbot.com')).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(existsSync(join(root, 'pipesctl'))).toBe(false);
  });

  it('creates the directory 0700 and the file 0600 with the documented shape', async () => {
    const dir = join(root, 'nested', 'pipesctl');
    const store = new FileConfigStore({ dir });
    await store.setHost('pipes.turbot.com', { token: 'tpt_secret1234', user: 'demo', token_kind: 'user' });
    expect(mode(dir)).toBe(0o700);
    expect(mode(store.path)).toBe(0o600);
    expect(store.path).toBe(join(dir, 'config.json'));
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({
      hosts: { 'pipes.turbot.com': { token: 'tpt_secret1234', user: 'demo', token_kind: 'user' } },
    });
  });

  it('tightens the mode of an existing, too-open file when it writes', async () => {
    const dir = join(root, 'pipesctl');
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, 'config.json'), '{"hosts":{}}', { mode: 0o644 });
    chmodSync(join(dir, 'config.json'), 0o644);
    const store = new FileConfigStore({ dir });
    await store.setHost('h', { org: 'acme' });
    expect(mode(store.path)).toBe(0o600);
  });

  it('merges patches, removes fields set to undefined, and keeps other hosts and the default org on clearToken', async () => {
    const store = new FileConfigStore({ dir: join(root, 'c') });
    await store.setHost('a.example', { token: 'tpt_a', user: 'ann', token_kind: 'temporary' });
    await store.setHost('a.example', { org: 'acme' });
    await store.setHost('127.0.0.1:7070', { token: 'tpt_b', user: 'bob' });
    expect(store.getHost('a.example')).toEqual({ token: 'tpt_a', user: 'ann', token_kind: 'temporary', org: 'acme' });

    await store.clearToken('a.example');
    expect(store.getHost('a.example')).toEqual({ org: 'acme' });
    expect(store.getHost('127.0.0.1:7070')).toEqual({ token: 'tpt_b', user: 'bob' });
    // A second store sees the same file (nothing is only in memory).
    expect(new FileConfigStore({ dir: join(root, 'c') }).getHost('a.example')).toEqual({ org: 'acme' });
  });

  it('keeps host keys with dots and ports as single keys', async () => {
    const store = new FileConfigStore({ dir: join(root, 'c') });
    await store.setHost('pipes.turbot.com', { org: 'acme' });
    const file = JSON.parse(readFileSync(store.path, 'utf8'));
    expect(Object.keys(file.hosts)).toEqual(['pipes.turbot.com']);
  });

  it('writes atomically: no temporary files are left beside the config', async () => {
    const dir = join(root, 'c');
    const store = new FileConfigStore({ dir });
    for (let i = 0; i < 5; i++) await store.setHost('h', { org: `org${i}` });
    expect(readdirSync(dir)).toEqual(['config.json']);
    expect(store.getHost('h')?.org).toBe('org4');
  });

  it('does not lose a change another process wrote since this store first read the file', async () => {
    const dir = join(root, 'c');
    const mine = new FileConfigStore({ dir });
    const theirs = new FileConfigStore({ dir });
    expect(mine.getHost('h')).toBeUndefined(); // read (and cached) before the other write
    await theirs.setHost('other', { org: 'beta' });
    await mine.setHost('h', { org: 'acme' });
    const file = JSON.parse(readFileSync(mine.path, 'utf8'));
    expect(file.hosts).toEqual({ other: { org: 'beta' }, h: { org: 'acme' } });
  });

  it('warns once about a corrupt file, treats it as empty, and replaces it on the next write', async () => {
    const dir = join(root, 'c');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), '{"hosts": {"h": {"token": "tpt_x"', { mode: 0o600 });
    const warnings: string[] = [];
    const store = new FileConfigStore({ dir, onWarning: (m) => warnings.push(m) });
    expect(store.getHost('h')).toBeUndefined();
    expect(store.getHost('h')).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('not a valid pipesctl config file');
    await store.setHost('h', { org: 'acme' });
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({ hosts: { h: { org: 'acme' } } });
  });

  it('treats a file of the wrong shape like a corrupt one', () => {
    const dir = join(root, 'c');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), '{"hosts": ["not", "an", "object"]}');
    const warnings: string[] = [];
    const store = new FileConfigStore({ dir, onWarning: (m) => warnings.push(m) });
    expect(store.getHost('0')).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });
});

describe('the config definition (read and write)', () => {
  it('leaves out, with a problem each, host entries and fields that are not valid; keeps unknown fields', () => {
    const { config, problems } = checkConfig({
      version: 2,
      hosts: {
        good: { token: 'tpt_ok', user: 'ann', org: 'acme', token_kind: 'user', later_field: 1 },
        spaced: { token: 'tpt_a b', org: 'acme' },
        header: { token: 'tpt_x\r\nX-Evil: 1' },
        kind: { token_kind: 'forever' },
        list: ['not', 'an', 'entry'],
      },
    });
    expect(config).toEqual({
      version: 2,
      hosts: { good: { token: 'tpt_ok', user: 'ann', org: 'acme', token_kind: 'user', later_field: 1 }, spaced: { org: 'acme' }, header: {}, kind: {} },
    });
    expect(problems).toEqual([
      'the token of "spaced" is not valid',
      'the token of "header" is not valid',
      'the token_kind of "kind" is not valid',
      'the entry for "list" is not an object',
    ]);
  });

  it('does not let a "__proto__" key reach an object prototype', () => {
    const { config } = checkConfig(JSON.parse('{"hosts": {"__proto__": {"token": "tpt_x"}, "h": {"__proto__": {"org": "x"}}}}'));
    expect(Object.getPrototypeOf(config.hosts)).toBe(Object.prototype);
    expect(Object.keys(config.hosts)).toEqual(['h']);
    expect(({} as Record<string, unknown>).org).toBeUndefined();
  });

  it('refuses to write what it would not read', () => {
    expect(() => serializeConfig({ hosts: { h: { token: 'two words' } } })).toThrow(/invalid config/);
    expect(JSON.parse(serializeConfig({ hosts: { h: { org: 'acme' } } }))).toEqual({ hosts: { h: { org: 'acme' } } });
  });

  it('a store ignores a bad field of a host (with a warning) and still uses the rest of the file', () => {
    const dir = join(root, 'c');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ hosts: { a: { token: 'bad token', org: 'acme' }, b: { token: 'tpt_b' } } }), { mode: 0o600 });
    const warnings: string[] = [];
    const store = new FileConfigStore({ dir, onWarning: (m) => warnings.push(m) });
    expect(store.getHost('a')).toEqual({ org: 'acme' });
    expect(store.getHost('b')).toEqual({ token: 'tpt_b' });
    expect(warnings).toEqual([expect.stringContaining('the token of "a" is not valid')]);
  });

  it('does not read a config that is too large, or not a regular file', () => {
    const dir = join(root, 'c');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, 'config.json'), `{"hosts": {"h": {"org": "acme"}}, "pad": "${'x'.repeat(2 * 1024 * 1024)}"}`, { mode: 0o600 });
    const warnings: string[] = [];
    expect(new FileConfigStore({ dir, onWarning: (m) => warnings.push(m) }).getHost('h')).toBeUndefined();
    expect(warnings).toEqual([expect.stringContaining('larger than a pipesctl config can be')]);

    const other = join(root, 'd');
    mkdirSync(join(other, 'config.json'), { recursive: true });
    const more: string[] = [];
    expect(new FileConfigStore({ dir: other, onWarning: (m) => more.push(m) }).getHost('h')).toBeUndefined();
    expect(more).toEqual([expect.stringContaining('is not a regular file')]);
  });
});

describe('the config lock', () => {
  it('forgets every token when many changes run at once in one process', async () => {
    const dir = join(root, 'c');
    const hosts = Array.from({ length: 20 }, (_, i) => `h${i}.example`);
    await new FileConfigStore({ dir }).updateHost('seed', () => ({ org: 'x' }));
    for (const h of hosts) await new FileConfigStore({ dir }).setHost(h, { token: `tpt_${h}`, user: 'ann', org: 'acme' });
    const removed = await Promise.all(hosts.map((h) => new FileConfigStore({ dir }).clearToken(h)));
    expect(removed.map((e) => e?.token)).toEqual(hosts.map((h) => `tpt_${h}`));
    const file = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(Object.values(file.hosts).filter((e: any) => e.token)).toEqual([]);
    expect(file.hosts['h3.example']).toEqual({ org: 'acme' });
    expect(readdirSync(dir)).toEqual(['config.json']); // no lock or temporary file left
  });

  it('takes over a lock left behind by a pipesctl that died', async () => {
    const dir = join(root, 'c');
    mkdirSync(join(dir, 'config.json.lock'), { recursive: true });
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'config.json.lock'), old, old);
    await new FileConfigStore({ dir }).setHost('h', { org: 'acme' });
    expect(new FileConfigStore({ dir }).getHost('h')).toEqual({ org: 'acme' });
  });

  it('moves the default org only when it is still the one named, as the file is now', async () => {
    const dir = join(root, 'c');
    const mine = new FileConfigStore({ dir });
    await mine.setHost('h', { org: 'acme', token: 'tpt_x' });
    await new FileConfigStore({ dir }).setHost('h', { org: 'beta' }); // another pipesctl switched meanwhile
    expect(await mine.replaceDefaultOrg('h', 'acme', 'acme-corp')).toBe(false);
    expect(new FileConfigStore({ dir }).getHost('h')).toEqual({ org: 'beta', token: 'tpt_x' });
    expect(await mine.replaceDefaultOrg('h', 'beta', 'beta-2')).toBe(true);
    expect(await mine.replaceDefaultOrg('h', 'beta-2', undefined)).toBe(true);
    expect(new FileConfigStore({ dir }).getHost('h')).toEqual({ token: 'tpt_x' });
  });

  it('does not create the config directory to forget a login that is not there', async () => {
    const store = new FileConfigStore({ dir: join(root, 'none') });
    expect(await store.clearToken('h')).toBeUndefined();
    expect(existsSync(join(root, 'none'))).toBe(false);
  });
});

describe('a config other users could have written', () => {
  it('is named, with the fix, when the directory or the file is writable by others or owned by another user', () => {
    const dir = join(root, 'c');
    const file = join(dir, 'config.json');
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(file, '{"hosts": {}}', { mode: 0o600 });
    expect(checkConfigPermissions(dir, file)).toEqual([]);

    chmodSync(dir, 0o777);
    chmodSync(file, 0o620);
    expect(checkConfigPermissions(dir, file)).toEqual([
      { problem: `the config directory ${dir} is writable by other users (mode 0777)`, fix: `chmod 700 ${dir}` },
      { problem: `the config file ${file} is writable by its group (mode 0620)`, fix: `chmod 600 ${file}` },
    ]);

    if (process.getuid?.() !== 0) return; // giving a file to another user takes root (as the tests run in CI)
    chmodSync(dir, 0o700);
    chmodSync(file, 0o600);
    chownSync(file, 4321, 4321);
    expect(checkConfigPermissions(dir, file, 0 === process.getuid!() ? 1000 : process.getuid!())).toEqual([
      expect.objectContaining({ problem: `the config file ${file} is owned by another user (uid 4321)` }),
    ]);
  });

  it('is told once per store, still read, and a token is never stored in it', async () => {
    const dir = join(root, 'c');
    mkdirSync(dir, { mode: 0o777 });
    chmodSync(dir, 0o777);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ hosts: { h: { token: 'tpt_planted', org: 'acme' } } }), { mode: 0o600 });
    const warnings: string[] = [];
    const store = new FileConfigStore({ dir, onWarning: (m) => warnings.push(m) });
    expect(store.getHost('h')).toEqual({ token: 'tpt_planted', org: 'acme' });
    expect(store.unsafe()).toHaveLength(1);
    expect(warnings).toEqual([`the config directory ${dir} is writable by other users (mode 0777): another user could have planted a login or a default org in it, so its token is not used. Fix: chmod 700 ${dir}`]);
    await expect(store.setHost('h', { token: 'tpt_mine' })).rejects.toBeInstanceOf(ConfigError);
    // Forgetting is still allowed (nothing is trusted from the file by doing it).
    expect((await store.clearToken('h'))?.token).toBe('tpt_planted');
    expect(store.getHost('h')).toEqual({ org: 'acme' });
  });
});

describe('defaultConfigDir', () => {
  it('prefers PIPESCTL_CONFIG_DIR, then XDG_CONFIG_HOME, then ~/.config', () => {
    expect(defaultConfigDir({ PIPESCTL_CONFIG_DIR: '/x/y', XDG_CONFIG_HOME: '/xdg' }, '/home/u', 'linux')).toBe('/x/y');
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/xdg' }, '/home/u', 'linux')).toBe('/xdg/pipesctl');
    expect(defaultConfigDir({}, '/home/u', 'darwin')).toBe('/home/u/.config/pipesctl');
    expect(defaultConfigDir({ APPDATA: 'C:\\AppData' }, 'C:\\Users\\u', 'win32')).toContain('pipesctl');
  });
});

describe('Turbot CLI login file', () => {
  it('is read from ~/.pipes/internal/<host>.tptt, trimmed, and ignored when empty or missing', () => {
    expect(readTurbotCliToken(root, 'pipes.turbot.com')).toBeUndefined();
    const path = turbotCliTokenPath(root, 'pipes.turbot.com');
    expect(path).toBe(join(root, '.pipes', 'internal', 'pipes.turbot.com.tptt'));
    mkdirSync(join(root, '.pipes', 'internal'), { recursive: true });
    writeFileSync(path, '  \n');
    expect(readTurbotCliToken(root, 'pipes.turbot.com')).toBeUndefined();
    writeFileSync(path, 'tpt_fromturbot\n');
    expect(readTurbotCliToken(root, 'pipes.turbot.com')).toBe('tpt_fromturbot');
  });
});
