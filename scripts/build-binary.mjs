// `npm run build:binary`: dist/pipesctl-<platform>-<arch>, a Node single executable application
// (https://nodejs.org/api/single-executable-applications.html). It is a copy of the node binary
// running this script (no download) with one blob injected by postject: bin/pipesctl.js as the
// main script, and the bundle (dist/pipesctl.cjs) and its V8 code cache as assets, so the
// executable starts exactly as the npm package does (see bin/pipesctl.js) and needs nothing on
// disk or on PATH. Run `npm run build` first (the npm script does).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'postject';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
for (const file of ['pipesctl.cjs', 'pipesctl.cjs.cache']) {
  if (!existsSync(join(dist, file))) throw new Error(`dist/${file} is missing: run \`npm run build\` first`);
}
const exe = join(dist, `pipesctl-${process.platform}-${process.arch}${process.platform === 'win32' ? '.exe' : ''}`);
const work = mkdtempSync(join(tmpdir(), 'pipesctl-sea-'));
try {
  const blob = join(work, 'sea.blob');
  const config = {
    main: join(root, 'bin', 'pipesctl.js'),
    output: blob,
    disableExperimentalSEAWarning: true,
    // The main script is small; the bundle's own code cache (an asset) is what saves time.
    useCodeCache: true,
    assets: { 'pipesctl.cjs': join(dist, 'pipesctl.cjs'), 'pipesctl.cjs.cache': join(dist, 'pipesctl.cjs.cache') },
  };
  writeFileSync(join(work, 'sea-config.json'), JSON.stringify(config));
  execFileSync(process.execPath, ['--experimental-sea-config', join(work, 'sea-config.json')], { stdio: ['ignore', 'ignore', 'inherit'] });

  rmSync(exe, { force: true });
  copyFileSync(process.execPath, exe);
  chmodSync(exe, 0o755);
  if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', exe]);
  await inject(exe, 'NODE_SEA_BLOB', readFileSync(blob), {
    sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
    machoSegmentName: process.platform === 'darwin' ? 'NODE_SEA' : undefined,
  });
  if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', exe]);
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`wrote ${exe.slice(root.length)}`);
