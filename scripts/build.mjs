// Bundles the two executables with esbuild: one ESM file each, with lazily loaded chunks
// for what only some commands need (prompts, spinners, tables), so start-up stays fast.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

// CommonJS dependencies bundled into ESM still call require() for Node built-ins.
const banner = {
  js: 'import { createRequire as __pipesctlCreateRequire } from "node:module"; const require = __pipesctlCreateRequire(import.meta.url);',
};

await build({
  entryPoints: { pipesctl: 'src/cli/main.ts', emulator: 'src/emulator/main.ts', 'emulator-lib': 'src/emulator/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  banner,
  chunkNames: 'chunks/[name]-[hash]',
  // Native addon: loaded from node_modules at run time.
  external: ['better-sqlite3'],
  define: { PIPESCTL_VERSION: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
