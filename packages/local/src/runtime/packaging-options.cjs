'use strict';
// The esbuild options every function is built with, as packaging builds it: serverless-esbuild's
// `custom.esbuild` of serverless.base.yml, without the plugin's own keys. One source for
// packaging, the local platform's bundles (bundler.ts) and `pnpm bench:functions`
// (docs/adr/0022). Plain CommonJS: the benchmark (.mjs) requires it as is.
const { readFileSync } = require('node:fs');
const path = require('node:path');

/** serverless-esbuild's own keys in `custom.esbuild`: not esbuild options (its `plugins` is a file of them). */
const PACKAGING_ONLY_KEYS = new Set([
  'plugins',
  'exclude',
  'packager',
  'packagePath',
  'packagerOptions',
  'keepOutputDirectory',
  'concurrency',
  'zipConcurrency',
  'nativeZip',
  'watch',
  'installExtraArgs',
  'outputFileExtension',
  'outputBuildFolder',
  'outputWorkFolder',
  'nodeExternals',
  'skipBuild',
  'skipRebuild',
  'skipBuildExcludeFns',
  'stripEntryResolveExtensions',
  'disposeContext',
]);

/** esbuild's options from a `custom.esbuild` object (resolved by `serverless print`, or read from the base file). */
const esbuildOptionsOf = (customEsbuild) => Object.fromEntries(Object.entries(customEsbuild ?? {}).filter(([key]) => !PACKAGING_ONLY_KEYS.has(key)));

/** `custom.esbuild` of serverless.base.yml at the workspace root (it holds no variables). */
const baseCustomEsbuild = (workspaceRoot) => {
  const { parse } = require('yaml');
  const base = parse(readFileSync(path.join(workspaceRoot, 'serverless.base.yml'), 'utf8'), { logLevel: 'silent' });
  const esbuild = base?.custom?.esbuild;
  if (!esbuild || typeof esbuild !== 'object') throw new Error('serverless.base.yml has no custom.esbuild');
  return esbuild;
};

/** The packaging build's plugins file (serverless.esbuild-plugins.cjs, `custom.esbuild.plugins`). */
const pluginsFileOf = (workspaceRoot) => path.join(workspaceRoot, 'serverless.esbuild-plugins.cjs');

/**
 * The packaging build's plugins that change what a bundle holds (the AWS SDK's schemas made
 * tree-shakable), for builds other than packaging's: the local platform's and the benchmark's.
 * The others (moving source maps out of the zips) only concern packaging.
 */
const bundleContentPlugins = (workspaceRoot) => require(pluginsFileOf(workspaceRoot)).bundleContentPlugins();

module.exports = { PACKAGING_ONLY_KEYS, esbuildOptionsOf, baseCustomEsbuild, bundleContentPlugins, pluginsFileOf };
