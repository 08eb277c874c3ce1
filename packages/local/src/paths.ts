import path from 'node:path';

/** packages/local, whether this code runs from src/ (tests) or from its bundle in .esbuild/ (CLI). */
export const PACKAGE_ROOT = path.resolve(__dirname, '..');
export const WORKSPACE_ROOT = path.resolve(PACKAGE_ROOT, '..', '..');
/** Ignored working folder of the local platform: build output, config cache, keys, data. */
export const STATE_DIR = path.join(WORKSPACE_ROOT, '.emporium');
