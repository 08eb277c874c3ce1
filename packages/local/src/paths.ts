import path from 'node:path';

/** packages/local, whether this code runs from src/ (tests) or from its bundle in .esbuild/ (CLI). */
export const PACKAGE_ROOT = path.resolve(__dirname, '..');
export const WORKSPACE_ROOT = path.resolve(PACKAGE_ROOT, '..', '..');
/** Ignored working folder of the local platform: build output, config cache, keys, data. */
export const STATE_DIR = path.join(WORKSPACE_ROOT, '.emporium');

/**
 * The functions' bundles, by stack: each build in a folder of its own (never changed once written,
 * so platforms running at once can share it), and a manifest naming the current build and what it
 * was built from (runtime/bundler.ts). EMPORIUM_BUNDLE_DIR puts it elsewhere: the benchmark times a
 * cold start on an empty one without touching the one other platforms run from.
 */
export const BUNDLE_CACHE_DIR = process.env['EMPORIUM_BUNDLE_DIR'] ? path.resolve(process.env['EMPORIUM_BUNDLE_DIR']) : path.join(STATE_DIR, 'bundles');
