'use strict';
// The Serverless Framework loads plugins with require(). This one is TypeScript (src/plugin.ts),
// loaded like @emporium/api-stage's:
// bundled in memory by esbuild (already a dependency of every service) each time it loads: no
// build step, no compiled copy to keep in sync.
const esbuild = require('esbuild');
const Module = require('node:module');
const path = require('node:path');

const entry = path.join(__dirname, 'src', 'plugin.ts');
const [output] = esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', write: false, logLevel: 'error' }).outputFiles;
const loaded = new Module(entry, module);
loaded.filename = entry;
loaded.paths = Module._nodeModulePaths(path.dirname(entry));
loaded._compile(output.text, entry);
module.exports = loaded.exports.default;
