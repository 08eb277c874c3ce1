import { build, stop, version as esbuildVersion } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServiceDefinition } from '../config/service-config';
import { FUNCTION_ENV_IDENTIFIER, functionEnvBanner } from './function-env';
import { BUNDLE_CACHE_DIR, STATE_DIR, WORKSPACE_ROOT } from '../paths';
import { baseCustomEsbuild, bundleContentPlugins, esbuildOptionsOf, pluginsFileOf } from './packaging-options.cjs';

/** Bundle name of a service's seed hook; never a route target. */
export const SEED_BUNDLE = '__seed';

export interface FunctionBundle {
  service: string;
  name: string;
  file: string;
  exportName: string;
}

export interface ServiceBundles {
  bundles: FunctionBundle[];
  /** True when the bundles of an earlier start were used: nothing they were built from changed. */
  cached: boolean;
}

/** One input file as it was when a build read it: path, mtime (ms) and size; null when it did not exist. */
type InputStamp = [file: string, mtimeMs: number | null, size: number | null];

interface Manifest {
  /** Hash of what the build was asked for: functions, entries, esbuild version and options. */
  key: string;
  /** The build's folder, next to the manifest. */
  build: string;
  inputs: InputStamp[];
}

/** Builds older than this, other than the current one and those a running platform uses, are removed. */
const KEEP_OLD_BUILDS_MS = 60 * 60 * 1000;

/** A marker a platform leaves in the build it runs: handlers load lazily, so the build must stay while it runs. */
const IN_USE = /^in-use\.(\d+)$/;

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const markInUse = (folder: string): Promise<void> => writeFile(path.join(folder, `in-use.${process.pid}`), '');

const inUse = async (folder: string): Promise<boolean> =>
  (await readdir(folder).catch(() => [] as string[])).some((name) => {
    const pid = IN_USE.exec(name)?.[1];
    return pid !== undefined && Number(pid) !== process.pid && isRunning(Number(pid));
  });

const stampOf = async (file: string): Promise<InputStamp> => {
  try {
    const stats = await stat(file);
    return [file, stats.mtimeMs, stats.size];
  } catch {
    return [file, null, null];
  }
};

const unchanged = async (inputs: readonly InputStamp[]): Promise<boolean> => {
  const now = await Promise.all(inputs.map(([file]) => stampOf(file)));
  return now.every(([, mtimeMs, size], index) => mtimeMs === inputs[index]![1] && size === inputs[index]![2]);
};

const readManifest = async (file: string): Promise<Manifest | undefined> => {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
};

/** Removes this stack's builds that are neither current, recent, nor in use by a running platform. */
const pruneBuilds = async (dir: string, current: string): Promise<void> => {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  await Promise.all(
    entries
      .filter((entry) => entry.isDirectory() && entry.name !== current)
      .map(async (entry) => {
        const folder = path.join(dir, entry.name);
        const { mtimeMs } = await stat(folder);
        if (Date.now() - mtimeMs > KEEP_OLD_BUILDS_MS && !(await inUse(folder))) await rm(folder, { recursive: true, force: true });
      }),
  );
};

/**
 * The esbuild options of a stack's functions as packaging builds them: `custom.esbuild` of its
 * resolved serverless.yml (serverless.base.yml's), without serverless-esbuild's own keys, with the
 * packaging plugins that change what a bundle holds (`bundleContentPlugins`). The one
 * local difference: source maps are linked (written beside each bundle and named by it), so
 * `NODE_OPTIONS=--enable-source-maps pnpm start` shows the TypeScript lines of a stack trace; in
 * AWS they stay out of the zip (docs/adr/0022).
 */
export const packagingBuildOptions = (service: Pick<ServiceDefinition, 'config'>): BuildOptions => ({
  // A stack's resolved configuration has them; a bare definition (tests) gets the base file's.
  ...esbuildOptionsOf(service.config.custom?.esbuild ?? baseCustomEsbuild(WORKSPACE_ROOT)),
  plugins: bundleContentPlugins(WORKSPACE_ROOT),
  sourcemap: 'linked',
});

/**
 * Bundles every function of a stack with esbuild, with the options packaging uses for AWS
 * (`custom.esbuild`: one minified CommonJS bundle per function, node20, module-first main fields;
 * see packagingBuildOptions), into
 * .emporium/bundles/<stack>/<build>/. The local platform runs these bundles, not the TypeScript
 * sources.
 *
 * A build is reused by the next start when nothing it was built from changed: the same functions
 * and options, and every input file (esbuild's metafile: sources, contracts, node_modules) with the
 * same mtime and size. So a start after a change to one service rebuilds that service only. Builds
 * are written to a new folder and named in the manifest by an atomic rename: platforms starting at
 * once (tests in parallel) never see half a build.
 *
 * One difference from the AWS bundles: `process.env` inside a bundle is that function's own
 * environment object (see function-env.ts), as each Lambda function has its own process.
 */
export const bundleService = async (service: ServiceDefinition): Promise<ServiceBundles> => {
  const functions = Object.entries(service.config.functions).map(([name, fn]) => {
    const dot = fn.handler.lastIndexOf('.');
    const modulePath = fn.handler.slice(0, dot);
    return { name, entry: path.join(service.dir, `${modulePath}.ts`), exportName: fn.handler.slice(dot + 1) };
  });
  // A service's local seed hook (seed/seed.ts, `export const seed`) is bundled and run the same way
  // (with its first stack: the one that owns the table).
  const seedEntry = path.join(service.dir, 'seed', 'seed.ts');
  if (existsSync(seedEntry) && service.configFile === 'serverless.yml') functions.push({ name: SEED_BUNDLE, entry: seedEntry, exportName: 'seed' });
  const packaging = packagingBuildOptions(service);
  const options: BuildOptions = {
    ...packaging,
    entryPoints: Object.fromEntries(functions.map((fn) => [fn.name, fn.entry])),
    logLevel: 'error',
    absWorkingDir: service.dir,
    define: { ...packaging.define, 'process.env': FUNCTION_ENV_IDENTIFIER },
    banner: { js: functionEnvBanner },
  };
  // The plugins' code is part of what was asked for: a change to it rebuilds.
  const plugins = readFileSync(pluginsFileOf(WORKSPACE_ROOT), 'utf8');
  const key = createHash('sha256').update(JSON.stringify({ esbuildVersion, options, plugins })).digest('hex').slice(0, 16);
  const dir = path.join(BUNDLE_CACHE_DIR, service.name);
  const manifestFile = path.join(dir, 'manifest.json');
  const bundlesIn = (folder: string) =>
    functions.map((fn) => ({ service: service.name, name: fn.name, file: path.join(folder, `${fn.name}.js`), exportName: fn.exportName }));

  const manifest = await readManifest(manifestFile);
  if (manifest?.key === key && existsSync(path.join(dir, manifest.build)) && (await unchanged(manifest.inputs))) {
    await markInUse(path.join(dir, manifest.build));
    return { bundles: bundlesIn(path.join(dir, manifest.build)), cached: true };
  }

  const buildName = `${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const outdir = path.join(dir, buildName);
  // Stamped before building: a file changed while esbuild reads it makes the next start rebuild.
  const result = await build({ ...options, outdir, metafile: true });
  await markInUse(outdir);
  const inputs = await Promise.all(Object.keys(result.metafile.inputs).map((input) => stampOf(path.resolve(service.dir, input))));
  const next: Manifest = { key, build: buildName, inputs };
  const partial = `${manifestFile}.${process.pid}.tmp`;
  await writeFile(partial, JSON.stringify(next));
  await rename(partial, manifestFile);
  await pruneBuilds(dir, buildName);
  return { bundles: bundlesIn(outdir), cached: false };
};

/** esbuild keeps a helper process (~300 MB) alive after a build; stop it once bundling is done. */
export const stopBundler = (): Promise<void> => stop();

/** Removes the per-process build folders earlier versions of the platform left behind. */
export const removeLegacyBuilds = (): Promise<void> => rm(path.join(STATE_DIR, 'build'), { recursive: true, force: true });

/** Test helper: a bundle cache folder for a stack, emptied. */
export const clearBundleCache = async (stack: string): Promise<void> => {
  await rm(path.join(BUNDLE_CACHE_DIR, stack), { recursive: true, force: true });
  await mkdir(BUNDLE_CACHE_DIR, { recursive: true });
};
