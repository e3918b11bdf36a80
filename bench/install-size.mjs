// Installed size of the npm package: `npm pack` (prepack builds dist/), then the tarball
// installed as a user without the emulator would (`npm install -g --omit=optional
// --ignore-scripts`, offline) into an empty prefix. Goal: at most 10 MiB.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, root, verdict } from './lib.mjs';

const MiB = 1024 * 1024;
const GOAL_MIB = 10;

function sizeOf(path) {
  const stat = statSync(path);
  return stat.isDirectory() ? readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0) : stat.size;
}

export function benchInstallSize() {
  const work = mkdtempSync(join(tmpdir(), 'pipesctl-install-size-'));
  try {
    const env = { ...process.env, npm_config_cache: join(work, 'npm-cache'), npm_config_update_notifier: 'false' };
    const npm = (args, cwd) => execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const out = npm(['pack', '--json', '--pack-destination', work], root);
    const [{ filename, size }] = JSON.parse(out.slice(out.indexOf('\n[') + 1));
    const prefix = join(work, 'prefix');
    npm(['install', '-g', '--prefix', prefix, '--omit=optional', '--ignore-scripts', '--offline', '--no-audit', '--no-fund', join(work, filename)], work);
    const installed = sizeOf(join(prefix, 'lib', 'node_modules')) / MiB;
    const ok = installed <= GOAL_MIB;
    console.log('\nnpm package (npm pack, then npm install -g --omit=optional --ignore-scripts into an empty prefix)');
    console.log(`tarball ${fmt(size / MiB, 2)} MiB, installed ${fmt(installed, 2)} MiB (goal ≤${GOAL_MIB} MiB) ${verdict(ok)}`);
    return [{ name: 'installed size', mib: installed, target: GOAL_MIB, ok }];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) benchInstallSize();
