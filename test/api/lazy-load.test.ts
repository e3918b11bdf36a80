// Commands that send nothing (--version, --help) must not pay for loading Node's HTTP client:
// the client imports it on the first request only. Proven in a fresh process, where the list of
// loaded built-in modules is ours.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';
import { closedPort } from '../helpers/http-server';

const dir = mkdtempSync(join(process.cwd(), 'node_modules', '.pipesctl-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('loads node:http on the first request, not on import', async () => {
  const bundle = join(dir, 'api.mjs');
  await build({
    entryPoints: ['src/api/index.ts'],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: bundle,
    logLevel: 'silent',
  });
  const port = await closedPort();
  const script = `
    const httpLoaded = () => process.moduleLoadList.includes('NativeModule _http_client');
    const { createPipesApi } = await import(${JSON.stringify(bundle)});
    const api = createPipesApi({ baseUrl: 'http://127.0.0.1:${port}/api/v0', userAgent: 'pipesctl/test', maxRetries: 0 });
    const afterImport = httpLoaded();
    await api.actor.get().catch(() => {});
    console.log(JSON.stringify({ afterImport, afterRequest: httpLoaded() }));
    await api.close();
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual({ afterImport: false, afterRequest: true });
});
