'use strict';
// esbuild plugins of the packaging build (serverless-esbuild's `custom.esbuild.plugins`, from
// serverless.base.yml). Source maps are kept out of the Lambda zips and off the cold path
// (docs/adr/0022): esbuild writes each bundle's map beside it (`sourcemap: external`, so the bundle
// names no map), and this plugin moves it, before the zips are made, to `.serverless/source-maps/`
// next to the zips it belongs to (with `--package <folder>` the Framework moves `.serverless/`
// there, maps included): the release keeps them with its artifacts, for symbolicating a stack trace.
const { mkdirSync, readdirSync, renameSync } = require('node:fs');
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

module.exports = (serverless) => [sourceMapsOutOfTheZip(serverless)];
