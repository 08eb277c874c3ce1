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

const { bundlePlatform } = await import('./bundle-platform.mjs');
const { cli } = await bundlePlatform(esbuild, { cli: 'src/cli.ts' });
require(cli);
