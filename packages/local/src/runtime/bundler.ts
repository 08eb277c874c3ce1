import { build, stop } from 'esbuild';
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ServiceDefinition } from '../config/service-config';
import { FUNCTION_ENV_IDENTIFIER, functionEnvBanner } from './function-env';
import { BUILD_DIR } from '../paths';

/** Bundle name of a service's seed hook; never a route target. */
export const SEED_BUNDLE = '__seed';

export interface FunctionBundle {
  service: string;
  name: string;
  file: string;
  exportName: string;
}

/**
 * Bundles every function of a service with esbuild, the same way serverless-esbuild does for AWS
 * (one CommonJS bundle per function, node20, module-first main fields, source maps), into
 * .emporium/build/<pid>/<service>/. The local platform runs these bundles, not the TypeScript sources.
 *
 * One difference from the AWS bundles: `process.env` inside a bundle is that function's own
 * environment object (see function-env.ts), as each Lambda function has its own process.
 */
export const bundleService = async (service: ServiceDefinition): Promise<FunctionBundle[]> => {
  const outdir = path.join(BUILD_DIR, service.name);
  const functions = Object.entries(service.config.functions).map(([name, fn]) => {
    const dot = fn.handler.lastIndexOf('.');
    const modulePath = fn.handler.slice(0, dot);
    return { name, entry: path.join(service.dir, `${modulePath}.ts`), exportName: fn.handler.slice(dot + 1) };
  });
  // A service's local seed hook (seed/seed.ts, `export const seed`) is bundled and run the same way
  // (with its first stack: the one that owns the table).
  const seedEntry = path.join(service.dir, 'seed', 'seed.ts');
  if (existsSync(seedEntry) && service.configFile === 'serverless.yml') functions.push({ name: SEED_BUNDLE, entry: seedEntry, exportName: 'seed' });
  await build({
    entryPoints: Object.fromEntries(functions.map((fn) => [fn.name, fn.entry])),
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    sourcemap: 'linked',
    logLevel: 'error',
    absWorkingDir: service.dir,
    define: { 'process.env': FUNCTION_ENV_IDENTIFIER },
    banner: { js: functionEnvBanner },
  });
  return functions.map((fn) => ({
    service: service.name,
    name: fn.name,
    file: path.join(outdir, `${fn.name}.js`),
    exportName: fn.exportName,
  }));
};

/** esbuild keeps a helper process (~300 MB) alive after a build; stop it once bundling is done. */
export const stopBundler = (): Promise<void> => stop();

/** Removes this process's bundles (and those of platforms that are no longer running). */
export const removeBundles = async (): Promise<void> => {
  const root = path.dirname(BUILD_DIR);
  const entries = await readdir(root).catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((pid) => pid === String(process.pid) || !isRunning(Number(pid)))
      .map((pid) => rm(path.join(root, pid), { recursive: true, force: true })),
  );
};

const isRunning = (pid: number): boolean => {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
