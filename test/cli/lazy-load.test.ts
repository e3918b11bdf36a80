// Start-up speed: commands must load only the heavy modules they use. The CLI is bundled with
// those modules left external and run in a fresh process where each of them is replaced by a
// stub that fails loudly when loaded; Node's HTTP client, a built-in, is checked in the list of
// modules the process loaded.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator, type TestEmulator } from '../helpers/emulator';

const HEAVY = ['ora', '@inquirer/input', '@inquirer/password', '@inquirer/confirm', '@inquirer/select', 'open', 'write-file-atomic'];

// Inside node_modules so that a package without a stub resolves to the real one.
const dir = mkdtempSync(join(process.cwd(), 'node_modules', '.pipesctl-cli-lazy-'));
const bundle = join(dir, 'bundle.mjs');

/** A directory with a copy of the bundle and, in its node_modules, a throwing stub for each of `stubbed`. */
function stubDir(name: string, stubbed: string[]): string {
  const root = join(dir, name);
  mkdirSync(root, { recursive: true });
  copyFileSync(bundle, join(root, 'pipesctl.mjs'));
  for (const pkg of stubbed) {
    const pkgDir = join(root, 'node_modules', pkg);
    mkdirSync(pkgDir, { recursive: true });
    writeFileSync(join(pkgDir, 'package.json'), JSON.stringify({ name: pkg, main: 'index.js' }));
    writeFileSync(join(pkgDir, 'index.js'), `throw new Error(${JSON.stringify(`${pkg} was loaded`)});\n`);
  }
  return root;
}

let emu: TestEmulator;
let allStubbed: string;
beforeAll(async () => {
  emu = await useEmulator();
  await build({
    // What bin/pipesctl.js does with the bundle: call main, exit with its code.
    stdin: {
      contents: "import { main } from './src/cli/main'; main(process.argv.slice(2)).then((code) => process.exit(code));",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: bundle,
    external: HEAVY,
    define: { PIPESCTL_VERSION: '"0.0.0-test"' },
    banner: { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
    logLevel: 'silent',
  });
  allStubbed = stubDir('all', HEAVY);
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Prints "node:http was loaded" at exit when the process loaded Node's HTTP client. */
const HTTP_PROBE = `process.on('exit', () => { if (process.moduleLoadList.includes('NativeModule _http_client')) process.stderr.write('node:http was loaded'); });`;

/** Runs the bundle's copy in `root`, whose bare imports resolve to the stubs there first. */
function run(root: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(HTTP_PROBE)}`, join(root, 'pipesctl.mjs'), ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: root, PIPESCTL_CONFIG_DIR: join(root, 'config'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('start-up loads only what a command uses', () => {
  it.each([[['--version']], [['version']], [['--help']], [['org', 'list', '--help']], [['help', 'exit-codes']], [['bogus']]])(
    '%j loads none of ora, inquirer, open, write-file-atomic, node:http',
    async (args) => {
      const res = await run(allStubbed, args);
      expect(res.out).not.toMatch(/was loaded/);
      expect(res.code).toBe(args[0] === 'bogus' ? 2 : 0);
    },
  );

  it('org list --json off a terminal loads node:http but not ora, inquirer or open', async () => {
    const res = await run(allStubbed, ['org', 'list', '--json'], { PIPES_HOST: emu.url, PIPES_TOKEN: emu.token });
    expect(res.out).not.toMatch(/(ora|inquirer|open|write-file-atomic) was loaded/);
    expect(res.code).toBe(0);
    expect(res.out).toContain('"handle": "acme"');
    expect(res.out).toContain('node:http was loaded');
  });

  it('the stubs do fail when something loads them', async () => {
    // Storing the default org writes the config file through write-file-atomic.
    const res = await run(allStubbed, ['org', 'switch', 'acme'], { PIPES_HOST: emu.url, PIPES_TOKEN: emu.token });
    expect(res.out).toContain('write-file-atomic was loaded');
  });
});
