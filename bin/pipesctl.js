#!/usr/bin/env node
import '../dist/pipesctl.js';
