#!/usr/bin/env node
'use strict';
// The emulator is an ES module bundle (dist/emulator.js); see bin/package.json for why this file is CommonJS.
// better-sqlite3 is an optional dependency that only the emulator needs: without it, say how to get it.
try {
  require.resolve('better-sqlite3');
} catch {
  process.stderr.write(
    'pipes-emulator needs the better-sqlite3 package, which is not installed: run `npm install better-sqlite3` where pipesctl is installed (`npm install -g better-sqlite3` for a global install).\n',
  );
  process.exit(1);
}
import('../dist/emulator.js');
