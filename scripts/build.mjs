// Builds dist/ with esbuild:
// - dist/pipesctl.cjs: the CLI as one CommonJS bundle. CommonJS so that bin/pipesctl.js can load
//   it through V8's code cache (node 20 has no compile cache for ES modules); modules that only
//   some commands need (prompts, spinners, tables, node:http) stay behind dynamic imports, which the
//   bundle evaluates only when first used. bin/pipesctl.js says how start-up is kept fast.
// - dist/pipesctl.cjs.cache: that code cache, made by running the CLI once (`--help`) and once
//   against an in-process emulator (`org list --json`), so the functions those paths compile
//   are in it.
// - dist/emulator.js (the pipes-emulator executable) and dist/emulator-lib.js (startEmulator),
//   as ES modules; better-sqlite3 is a native addon and stays in node_modules.
import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = new URL('..', import.meta.url);

const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
rmSync(new URL('dist', root), { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  // Error classes report their own names (err.name) in messages and JSON.
  keepNames: true,
  sourcemap: 'linked',
  define: { PIPESCTL_VERSION: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { pipesctl: 'src/cli/main.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist',
  format: 'cjs',
  // ES-module dependencies bundled into CommonJS still ask for import.meta.url.
  define: { ...common.define, 'import.meta.url': '__pipesctlImportMetaUrl' },
  banner: { js: 'const __pipesctlImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  external: ['better-sqlite3'],
  // vm.Script (bin/pipesctl.js) cannot run a real import(): lazily loaded built-ins become require().
  supported: { 'dynamic-import': false },
});

await build({
  ...common,
  // Names stay as written, so keepNames is not needed: its wrapper costs a property definition
  // for every closure made per request.
  minifyIdentifiers: false,
  keepNames: false,
  entryPoints: { emulator: 'src/emulator/main.ts', 'emulator-lib': 'src/emulator/index.ts' },
  outdir: 'dist',
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: {
    js: 'import { createRequire as __pipesctlCreateRequire } from "node:module"; const require = __pipesctlCreateRequire(import.meta.url);',
  },
  external: ['better-sqlite3'],
});

await primeCodeCache();

async function primeCodeCache() {
  const bin = new URL('bin/pipesctl.js', root).pathname;
  const cache = new URL('dist/pipesctl.cjs.cache', root).pathname;
  const configDir = mkdtempSync(join(tmpdir(), 'pipesctl-build-'));
  const { startEmulator } = await import(new URL('dist/emulator-lib.js', root).href);
  const emulator = await startEmulator({ port: 0, db: ':memory:', seed: 'demo' });
  try {
    const env = { ...process.env, PIPESCTL_CONFIG_DIR: configDir, PIPES_HOST: emulator.url, PIPES_TOKEN: emulator.token, PIPESCTL_CODE_CACHE_OUT: cache };
    // Sequential: each run rewrites the cache with what it compiled; the last, richest run wins.
    // Asynchronous: the emulator answers from this process's event loop.
    const run = promisify(execFile);
    await run(process.execPath, [bin, '--help'], { env });
    await run(process.execPath, [bin, 'org', 'list', '--json'], { env });
  } catch (err) {
    // The cache only speeds start-up; without it the CLI still works.
    console.warn(`warning: could not prime the code cache: ${err.message}`);
  } finally {
    await emulator.close();
    rmSync(configDir, { recursive: true, force: true });
  }
}
