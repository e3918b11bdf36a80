// Commands that send nothing (--version, --help) must not pay for loading undici: the client
// imports it on the first request only. Proven in a fresh process, where the module cache is ours.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';
import { closedPort } from '../helpers/http-server';

// Inside node_modules so the bundle's bare `undici` import resolves from there.
const dir = mkdtempSync(join(process.cwd(), 'node_modules', '.pipesctl-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('loads undici on the first request, not on import', async () => {
  const bundle = join(dir, 'api.mjs');
  await build({
    entryPoints: ['src/api/index.ts'],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: bundle,
    // Kept external so that loading it shows up in the CommonJS module cache.
    external: ['undici'],
    logLevel: 'silent',
  });
  const port = await closedPort();
  const script = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const undiciLoaded = () => Object.keys(require.cache).some((k) => k.includes('/node_modules/undici/'));
    const { createPipesApi } = await import(${JSON.stringify(bundle)});
    const api = createPipesApi({ baseUrl: 'http://127.0.0.1:${port}/api/v0', userAgent: 'pipesctl/test', maxRetries: 0 });
    const afterImport = undiciLoaded();
    await api.actor.get().catch(() => {});
    console.log(JSON.stringify({ afterImport, afterRequest: undiciLoaded() }));
    await api.close();
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual({ afterImport: false, afterRequest: true });
});
