#!/usr/bin/env node
'use strict';
// Loads the bundled CLI (dist/pipesctl.cjs) through V8's code cache, made by scripts/build.mjs,
// so start-up skips most parsing and compiling. Without a usable cache it simply runs the bundle.
// CommonJS (see bin/package.json): an ES-module entry costs a few milliseconds more to start.
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { Script } = require('node:vm');

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // Answered here, without loading the bundle: the same text as src/cli/version.ts prints.
  process.stdout.write(`pipesctl ${require('../package.json').version}\n`);
  return;
}

// undici parses HTTP with a WebAssembly module that V8 would re-optimise in the background,
// and the process waits for that at exit: ~70 ms on every command that sends a request. The
// baseline compiler alone is plenty for parsing a few API responses. Set before the script
// is compiled: V8 accepts a code cache only under the flags it was made with.
setFlagsFromString('--liftoff-only');

const dist = join(__dirname, '..', 'dist');
const file = join(dist, 'pipesctl.cjs');
let cachedData;
try {
  cachedData = readFileSync(`${file}.cache`);
} catch {
  cachedData = undefined;
}
const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
const outFile = process.env.PIPESCTL_CODE_CACHE_OUT;
if (outFile) process.once('exit', () => writeFileSync(outFile, script.createCachedData()));
const module_ = { exports: {} };
script.runInThisContext()(module_.exports, Module.createRequire(file), module_, file, dist);
