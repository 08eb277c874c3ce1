#!/usr/bin/env node
'use strict';
// The release CLI is TypeScript (src/cli.ts), bundled in memory by esbuild each time it runs, like
// the @emporium/api-stage plugin: no build step, no compiled copy to keep in sync.
const esbuild = require('esbuild');
const Module = require('node:module');
const path = require('node:path');

const entry = path.join(__dirname, '..', 'src', 'cli.ts');
const [output] = esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', write: false, logLevel: 'error' }).outputFiles;
const loaded = new Module(entry, module);
loaded.filename = entry;
loaded.paths = Module._nodeModulePaths(path.dirname(entry));
loaded._compile(output.text, entry);
