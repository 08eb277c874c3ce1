'use strict';
// esbuild plugins of the packaging build (serverless-esbuild's `custom.esbuild.plugins`, from
// serverless.base.yml). Source maps are kept out of the Lambda zips and off the cold path
// (docs/adr/0022): esbuild writes each bundle's map beside it (`sourcemap: external`, so the bundle
// names no map), and this plugin moves it, before the zips are made, to `.serverless/source-maps/`
// next to the zips it belongs to (with `--package <folder>` the Framework moves `.serverless/`
// there, maps included): the release keeps them with its artifacts, for symbolicating a stack trace.
//
// The AWS SDK's schema modules are made tree-shakable (`sdkSchemasTreeShakable`): a function
// bundles the shapes of the operations it calls, not every operation of the service. Unlike the
// source maps, this changes what a bundle holds, so the local platform's bundles and
// `pnpm bench:functions` (floor included) build with it too (`bundleContentPlugins`).
const { mkdirSync, readdirSync, readFileSync, renameSync } = require('node:fs');
const path = require('node:path');

const sourceMapsOutOfTheZip = (serverless) => ({
  name: 'emporium-source-maps-out-of-the-zip',
  setup(build) {
    const { outdir } = build.initialOptions;
    if (!outdir) return;
    const serviceDir = serverless?.serviceDir ?? process.cwd();
    // Where the Framework writes the zips; never the --package folder itself, which it replaces.
    const packageDir = path.join(serviceDir, '.serverless');
    // serverless-esbuild builds into <service>/.esbuild/.build/<entry's folder>: keep that folder.
    const buildRoot = path.join(serviceDir, '.esbuild', '.build');
    build.onEnd(() => {
      const relative = path.relative(buildRoot, outdir);
      const target = path.join(packageDir, 'source-maps', relative.startsWith('..') ? '' : relative);
      let names;
      try {
        names = readdirSync(outdir).filter((name) => name.endsWith('.map'));
      } catch {
        return;
      }
      if (names.length === 0) return;
      mkdirSync(target, { recursive: true });
      for (const name of names) {
        try {
          renameSync(path.join(outdir, name), path.join(target, name));
        } catch (error) {
          // Builds of the same folder run at once: another one may have moved it already.
          if (error.code !== 'ENOENT') throw error;
        }
      }
    });
  },
});

/** A generated schema module of an AWS SDK v3 client (`dist-es/schemas/schemas_0.js`, nested clients' too). */
const SDK_SCHEMAS = /[\\/]@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/](?:.*[\\/])?schemas[\\/]schemas_\d+\.js$/;
/** `const _hE = "httpError";`: the generated modules' string constants, one per line. */
const STRING_CONSTANT = /^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm;
/** A computed object key naming one of them, `{ [_hE]: 400 }` or `, [_hE]: 400`. */
const COMPUTED_KEY = /([{,]\s*)\[(_\w+)\]:/g;

/**
 * The SDK's schema modules (aws-sdk-js-v3 >= 3.9xx) declare every shape of a service as
 * `export var X$ = [...]`, with traits as computed keys of module constants (`{ [_hE]: 400 }`).
 * esbuild cannot prove a computed key free of side effects, so it keeps every such declaration, and
 * with the operations they reference the whole module: 36 KB of API Gateway's shapes for the 7
 * operations developers calls, 78 KB with SSM (aws/aws-sdk-js-v3#7607, open). Writing each key as
 * the string its constant holds is the same object, and leaves esbuild free to drop what no
 * command uses. Only keys whose constant is a string literal of the same module are rewritten.
 */
const makeTreeShakable = (source) => {
  const constants = new Map([...source.matchAll(STRING_CONSTANT)].map(([, name, literal]) => [name, literal]));
  return source.replace(COMPUTED_KEY, (whole, before, name) => (constants.has(name) ? `${before}${constants.get(name)}:` : whole));
};

const sdkSchemasTreeShakable = {
  name: 'emporium-sdk-schemas-tree-shakable',
  setup(build) {
    build.onLoad({ filter: SDK_SCHEMAS }, (args) => ({ contents: makeTreeShakable(readFileSync(args.path, 'utf8')), loader: 'js' }));
  },
};

/** The plugins that change what a bundle holds: packaging, the local platform and the benchmark build with them. */
const bundleContentPlugins = () => [sdkSchemasTreeShakable];

module.exports = (serverless) => [...bundleContentPlugins(), sourceMapsOutOfTheZip(serverless)];
module.exports.bundleContentPlugins = bundleContentPlugins;
module.exports.makeTreeShakable = makeTreeShakable;
