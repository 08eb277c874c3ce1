#!/usr/bin/env node
// Starts the local platform. Checks prerequisites first (one clear line each), then bundles the
// platform's TypeScript with esbuild and runs it.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`emporium: Node.js >= 20.19 is required (this is ${process.version}).`);
  process.exit(1);
}

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(packageRoot, 'package.json'));
let esbuild;
try {
  esbuild = require('esbuild');
} catch {
  console.error('emporium: dependencies are not installed: run `pnpm install` at the repository root first.');
  process.exit(1);
}

const outfile = path.join(packageRoot, '.esbuild', 'cli.cjs');
const ownDependencies = new Set(Object.keys(require('./package.json').dependencies ?? {}));
await esbuild.build({
  entryPoints: [path.join(packageRoot, 'src', 'cli.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // This package's own npm dependencies load from its node_modules (dynalite's native LevelDB among
  // them); workspace packages (TypeScript) and what they import are bundled.
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
require(outfile);
