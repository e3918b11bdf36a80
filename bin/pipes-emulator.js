#!/usr/bin/env node
import '../dist/emulator.js';
