'use strict';
// Loads a TypeScript entry point in Node with no build step: esbuild bundles it in memory (the
// workspace's own TypeScript packages included) and the result is compiled as a CommonJS module
// resolving its remaining requires from the entry's folder. For what Node or the Serverless
// Framework loads with require(): the plugins of packages/api-stage and packages/monitoring and
// the release CLI. No compiled copy to keep in sync with the source.
const esbuild = require('esbuild');
const Module = require('node:module');
const path = require('node:path');

/** The exports of `entry` (an absolute path to a .ts file), loaded on behalf of `parent`. */
module.exports.loadTypeScript = (entry, parent) => {
  const [output] = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    logLevel: 'error',
  }).outputFiles;
  const loaded = new Module(entry, parent);
  loaded.filename = entry;
  loaded.paths = Module._nodeModulePaths(path.dirname(entry));
  loaded._compile(output.text, entry);
  return loaded.exports;
};
