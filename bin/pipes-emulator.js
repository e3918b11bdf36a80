#!/usr/bin/env node
'use strict';
// The emulator is an ES module bundle (dist/emulator.js); see bin/package.json for why this file is CommonJS.
import('../dist/emulator.js');
