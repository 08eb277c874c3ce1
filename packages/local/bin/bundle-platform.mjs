// Bundles the platform's TypeScript (src/*.ts) into packages/local/.esbuild/ so plain Node can run
// it: this package's own npm dependencies stay external and load from its node_modules (dynalite's
// native LevelDB among them); workspace packages (@emporium/*, TypeScript) and what they import are
// bundled. Used by the CLI (bin/emporium-local.mjs) and the benchmark.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The platform finds its package root as the parent of its bundle's folder (src/paths.ts).
export const BUNDLE_DIR = path.join(PACKAGE_ROOT, '.esbuild');

const require = createRequire(path.join(PACKAGE_ROOT, 'package.json'));

/** `entries`: { outputName: 'src/file.ts' }; returns the bundle paths by output name. */
export const bundlePlatform = async (esbuild, entries) => {
  const ownDependencies = new Set(Object.keys(require('./package.json').dependencies ?? {}));
  await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, path.join(PACKAGE_ROOT, file)])),
    outdir: BUNDLE_DIR,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    plugins: [
      {
        name: 'external-own-dependencies',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) => {
            const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
            return ownDependencies.has(name) && !name.startsWith('@emporium/') ? { path: args.path, external: true } : undefined;
          });
        },
      },
    ],
    sourcemap: 'inline',
    logLevel: 'error',
  });
  return Object.fromEntries(Object.keys(entries).map((name) => [name, path.join(BUNDLE_DIR, `${name}.cjs`)]));
};
