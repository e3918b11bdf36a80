#!/usr/bin/env node
'use strict';
// How pipesctl starts fast. Every start-up measure lives in this file; figures are whole-process
// medians of interleaved runs as ratios to `node -e 0` in the same run (bench/startup.mjs prints
// the current ones). Both the npm package and the single executable (scripts/build-binary.mjs)
// start here.
//
// 1. One CommonJS bundle, lazily evaluated (scripts/build.mjs). esbuild wraps every module and
//    evaluates it on first use, so a command loads only the modules its code reaches: --version
//    reaches nothing, --help reaches commander and the command tree, and the libraries behind
//    prompts, spinners, tables and the browser opener, and Node's HTTP client, stay unloaded
//    until a command calls them (test/cli/lazy-load.test.ts keeps it so). CommonJS because
//    Node 20 has no code cache for ES modules.
// 2. A V8 code cache (dist/pipesctl.cjs.cache), made at build time by running `--help` and
//    `org list --json`, so the functions those paths need are not parsed and compiled again on
//    every start. Without it: --help 1.65× instead of 1.23×, org list --json 1.94× instead of
//    1.40× (one run, loaded machine). V8 rejects a cache made by another node version; the
//    bundle is then compiled as usual.
// Nothing else: no V8 flags, no patched dependencies. When the command is over the process ends
// by itself (HTTP sockets are closed by then); forcing process.exit() after flushing the output
// measured ~20 ms slower.
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const { filename, source, cachedData } = loadBundle();
const script = new Script(Module.wrap(source), { filename, cachedData });
// Build time only (scripts/build.mjs): write the code cache with what this run compiled.
const cacheOut = process.env.PIPESCTL_CODE_CACHE_OUT;
if (cacheOut) process.once('exit', () => writeFileSync(cacheOut, script.createCachedData()));
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, Module.createRequire(filename), bundle, filename, dirname(filename));

bundle.exports.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

/** The bundle and its code cache: assets of the single executable, or files in ../dist. */
function loadBundle() {
  const sea = seaApi();
  if (sea) {
    return {
      // Not a real file: the bundle's own idea of where it lives, next to the executable.
      filename: join(dirname(process.execPath), 'pipesctl.cjs'),
      source: sea.getAsset('pipesctl.cjs', 'utf8'),
      cachedData: Buffer.from(sea.getAsset('pipesctl.cjs.cache')),
    };
  }
  const filename = join(__dirname, '..', 'dist', 'pipesctl.cjs');
  let cached;
  try {
    cached = readFileSync(`${filename}.cache`);
  } catch {
    cached = undefined; // without a cache the bundle is simply compiled
  }
  return { filename, source: readFileSync(filename, 'utf8'), cachedData: cached };
}

/** node:sea when running as the single executable; undefined under plain node. */
function seaApi() {
  try {
    const sea = require('node:sea');
    return sea.isSea() ? sea : undefined;
  } catch {
    return undefined;
  }
}
