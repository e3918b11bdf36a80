import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
