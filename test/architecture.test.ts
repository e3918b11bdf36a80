// The layers of src/, as the README's Development section describes them, checked on every
// import (static, re-exports and dynamic): a newcomer can trust the folder names.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

interface Import {
  file: string; // relative to src/, with /
  spec: string;
  /** For a relative import, the target relative to src/ (without extension); else undefined. */
  target?: string;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(path: string): Import[] {
  const file = relative(SRC, path).split(sep).join('/');
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => {
    const spec = (m[1] ?? m[2])!;
    const target = spec.startsWith('.') ? relative(SRC, resolve(dirname(path), spec)).split(sep).join('/').replace(/\.[cm]?[jt]s$/, '') : undefined;
    return { file, spec, target };
  });
}

const sources = filesUnder(SRC).filter((f) => /\.ts$/.test(f));
const imports = sources.flatMap(importsOf);
const inside = (target: string | undefined, folder: string) => target !== undefined && (target === folder || target.startsWith(`${folder}/`));
const violations = (from: string, allowed: (imp: Import) => boolean) =>
  imports.filter((imp) => imp.file.startsWith(`${from}/`) && imp.target !== undefined && !allowed(imp)).map((imp) => `${imp.file} imports ${imp.spec}`);

describe('the layers of src/', () => {
  it('finds the imports it checks', () => {
    expect(imports.filter((imp) => imp.file.startsWith('core/') && inside(imp.target, 'api')).length).toBeGreaterThan(0);
    expect(imports.some((imp) => imp.file === 'cli/run.ts' && imp.spec === './program')).toBe(true);
    // A dynamic import is read too.
    expect(imports.some((imp) => imp.file === 'config/store.ts' && imp.spec === 'proper-lockfile')).toBe(true);
  });

  it('src/api is a client library: it imports nothing else of src/', () => {
    expect(violations('api', (imp) => inside(imp.target, 'api'))).toEqual([]);
  });

  it('src/emulator imports only itself and the API types, rules and generated document', () => {
    const shared = ['api/types', 'api/rules', 'api/generated'];
    expect(violations('emulator', (imp) => inside(imp.target, 'emulator') || shared.some((s) => inside(imp.target, s)))).toEqual([]);
  });

  it('src/core never reaches up into the CLI or the commands', () => {
    expect(violations('core', (imp) => !inside(imp.target, 'cli') && !inside(imp.target, 'commands'))).toEqual([]);
  });

  it('config, io and output reach neither the CLI, the commands nor the core', () => {
    for (const layer of ['config', 'io', 'output']) {
      expect(violations(layer, (imp) => !['cli', 'commands', 'core', 'emulator'].some((up) => inside(imp.target, up)))).toEqual([]);
    }
  });

  it("a command never imports another noun's commands", () => {
    expect(
      violations('commands', (imp) => {
        if (!inside(imp.target, 'commands')) return true;
        return imp.target!.split('/')[1] === imp.file.split('/')[1];
      }),
    ).toEqual([]);
  });

  it('src/commands holds only <noun>/<verb>.ts and <noun>/index.ts', () => {
    const odd = filesUnder(join(SRC, 'commands'))
      .map((f) => relative(join(SRC, 'commands'), f).split(sep))
      .filter((parts) => parts.length !== 2 || !parts[1]!.endsWith('.ts'))
      .map((parts) => parts.join('/'));
    expect(odd).toEqual([]);
  });

  it("no import of a dependency's internal files", () => {
    const internal = imports.filter((imp) => /^(?:@[^/]+\/)?[^./@][^/]*\/(?:lib|dist|src|build|internal)(?:\/|$)/.test(imp.spec));
    expect(internal.map((imp) => `${imp.file} imports ${imp.spec}`)).toEqual([]);
  });
});
