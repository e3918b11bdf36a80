#!/usr/bin/env node
// Loads the bundled CLI through V8's code cache (made by scripts/build.mjs), so start-up skips
// most parsing and compiling. Without a usable cache it simply runs the bundle.
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const file = fileURLToPath(new URL('../dist/pipesctl.cjs', import.meta.url));
const cacheFile = `${file}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
const module = { exports: {} };
const outFile = process.env.PIPESCTL_CODE_CACHE_OUT;
if (outFile) process.once('exit', () => writeFileSync(outFile, script.createCachedData()));
script.runInThisContext()(module.exports, createRequire(file), module, file, fileURLToPath(new URL('../dist', import.meta.url)));
