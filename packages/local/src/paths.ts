import path from 'node:path';

/** packages/local, whether this code runs from src/ (tests) or from its bundle in .esbuild/ (CLI). */
export const PACKAGE_ROOT = path.resolve(__dirname, '..');
export const WORKSPACE_ROOT = path.resolve(PACKAGE_ROOT, '..', '..');
/** Ignored working folder of the local platform: build output, config cache, keys, data. */
export const STATE_DIR = path.join(WORKSPACE_ROOT, '.emporium');

/**
 * This process's bundles: several platforms may run at once (tests of different services in
 * parallel), so each builds into its own folder and removes it when it stops.
 */
export const BUILD_DIR = path.join(STATE_DIR, 'build', String(process.pid));
