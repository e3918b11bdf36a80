// The product as a user gets it. A copy of the sources (no dist/) is packed with `npm pack`,
// whose prepack builds what the package needs; the tarball is installed into an empty prefix
// with `npm install -g --omit=optional --ignore-scripts --offline`, and the installed pipesctl
// runs against an emulator. Then the copy's `build:binary` makes the single executable, which
// runs with no node on PATH. Working in a copy keeps the repository's dist/ (which other test
// files run) untouched.
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator, type TestEmulator } from '../helpers/emulator';

const ROOT = new URL('../..', import.meta.url).pathname;
const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const SOURCES = ['src', 'scripts', 'bin', 'package.json', 'package-lock.json', 'tsconfig.json', 'README.md', 'LICENSE'];
const MiB = 1024 * 1024;

const work = mkdtempSync(join(tmpdir(), 'pipesctl-package-'));
const checkout = join(work, 'checkout');
const prefix = join(work, 'prefix');
const home = join(work, 'home');
const installed = join(prefix, 'lib', 'node_modules', 'pipesctl');
const binary = join(checkout, 'dist', `pipesctl-${process.platform}-${process.arch}`);

/** The environment npm runs in: this one without the npm_* variables of an enclosing `npm test`. */
function npmEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
  return { ...env, npm_config_cache: join(work, 'npm-cache'), npm_config_update_notifier: 'false' };
}

function npm(args: string[], cwd: string): Promise<string> {
  return promisify(execFile)('npm', args, { cwd, env: npmEnv(), maxBuffer: 16 * MiB }).then((r) => r.stdout);
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `cmd` with exactly `env` (as `env -i` would), asynchronously: the emulator answers on this event loop. */
function run(cmd: string, args: string[], env: Record<string, string>, input = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd: work, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

let emu: TestEmulator;
let packed: { files: { path: string }[] };

beforeAll(async () => {
  emu = await useEmulator();
  mkdirSync(checkout);
  mkdirSync(home);
  for (const name of SOURCES) cpSync(join(ROOT, name), join(checkout, name), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'), 'dir');
  // npm prints the build's output before the JSON document.
  const out = await npm(['pack', '--json', '--pack-destination', work], checkout);
  [packed] = JSON.parse(out.slice(out.indexOf('\n[') + 1));
  await npm(['install', '-g', '--prefix', prefix, '--omit=optional', '--ignore-scripts', '--offline', '--no-audit', '--no-fund', join(work, `pipesctl-${VERSION}.tgz`)], work);
}, 300_000);

afterAll(async () => {
  await emu?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The environment of someone who installed pipesctl: its bin directory and node on PATH, nothing else of ours. */
function userEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: `${join(prefix, 'bin')}:${join(process.execPath, '..')}:/usr/bin:/bin`, HOME: home, ...extra };
}

describe('npm pack', () => {
  it('builds dist and ships bin, the bundles, README and LICENSE, without source maps', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'bin/pipesctl.js', 'bin/pipes-emulator.js', 'dist/pipesctl.cjs', 'dist/pipesctl.cjs.cache', 'dist/emulator.js']));
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => !/^(LICENSE|README\.md|package\.json|bin\/|dist\/)/.test(f))).toEqual([]);
  });
});

describe('npm install -g --omit=optional --ignore-scripts of the tarball', () => {
  it('installs no dependency and stays under 10 MiB', () => {
    expect(readdirSync(installed).sort()).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'package.json']);
    expect(sizeOf(installed)).toBeLessThanOrEqual(10 * MiB);
  });

  it('gives a pipesctl that answers --version, version and --help', async () => {
    const version = await run('pipesctl', ['--version'], userEnv());
    expect(version).toEqual({ code: 0, stdout: `pipesctl ${VERSION}\n`, stderr: '' });
    expect(await run('pipesctl', ['version'], userEnv())).toEqual(version);
    const help = await run('pipesctl', ['--help'], userEnv());
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Organization commands:');
  });

  it('lists the demo orgs from a running emulator', async () => {
    const res = await run('pipesctl', ['org', 'list', '--json'], userEnv({ PIPES_HOST: emu.url, PIPES_TOKEN: emu.token }));
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).map((o: { org: { handle: string } }) => o.org.handle).sort()).toEqual(['acme', 'hobby']);
  });

  it('pipes-emulator without better-sqlite3 says how to get it in one sentence and exits 1', async () => {
    const res = await run('pipes-emulator', ['--port', '0'], userEnv());
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^pipes-emulator needs the better-sqlite3 package, [^\n]*`npm install better-sqlite3`[^\n]*\.\n$/);
  });
});

describe('the single executable', () => {
  beforeAll(async () => {
    // The checkout's dist/ was built by npm pack.
    await promisify(execFile)(process.execPath, ['scripts/build-binary.mjs'], { cwd: checkout, maxBuffer: 16 * MiB });
  }, 300_000);

  /** `env -i PATH=/nonexistent …`: no node anywhere. */
  const bare = (extra: Record<string, string> = {}) => ({ PATH: '/nonexistent', HOME: home, ...extra });

  it('lists the demo orgs with no node on PATH', async () => {
    const res = await run(binary, ['org', 'list', '--json'], bare({ PIPES_HOST: emu.url, PIPES_TOKEN: emu.token }));
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).map((o: { org: { handle: string } }) => o.org.handle).sort()).toEqual(['acme', 'hobby']);
  });

  it('behaves as the npm-installed pipesctl: version, help, exit codes, config dir and token precedence', async () => {
    for (const args of [['--version'], ['version'], ['--help'], ['org', 'bogus'], ['help', 'exit-codes']]) {
      const [fromNpm, fromBinary] = await Promise.all([run('pipesctl', args, userEnv()), run(binary, args, bare())]);
      expect(fromBinary, args.join(' ')).toEqual(fromNpm);
    }
    // A login stored by the executable, in the default config dir under HOME, is read by the npm one.
    const login = await run(binary, ['login', '--with-token', '--json'], bare({ PIPES_HOST: emu.url }), `${emu.token}\n`);
    expect(login.code, login.stderr).toBe(0);
    const status = await run('pipesctl', ['auth', 'status', '--json'], userEnv({ PIPES_HOST: emu.url }));
    expect(JSON.parse(status.stdout)).toMatchObject({ user: 'demo', token_source: 'config' });
    // PIPES_TOKEN wins over the stored login in both: a rejected one means exit 4.
    const [fromNpm, fromBinary] = await Promise.all([
      run('pipesctl', ['org', 'list', '--json'], userEnv({ PIPES_HOST: emu.url, PIPES_TOKEN: 'tpt_notavalidtoken0000000000000000000' })),
      run(binary, ['org', 'list', '--json'], bare({ PIPES_HOST: emu.url, PIPES_TOKEN: 'tpt_notavalidtoken0000000000000000000' })),
    ]);
    expect(fromNpm.code).toBe(4);
    expect(fromBinary).toEqual(fromNpm);
  });
});
