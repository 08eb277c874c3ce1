/**
 * Packaging a Serverless Framework service offline (`serverless package` in a private mirror of
 * the workspace), for infrastructure tests to assert on the CloudFormation it produces.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CfnTemplate } from './template';
// ---------------------------------------------------------------------------------------------
// Packaging
// ---------------------------------------------------------------------------------------------

export interface PackageServiceOptions {
  /** Absolute path of the service (the folder holding serverless.yml). */
  serviceDir: string;
  stage: string;
  /**
   * Root of the workspace the service lives in (files such as ../../serverless.base.yml are
   * reached through it). Default: the nearest ancestor of serviceDir holding pnpm-workspace.yaml.
   */
  workspaceRoot?: string;
  /** Extra environment for the child process (applied last). */
  env?: Record<string, string>;
  /** The serverless file of the stack (`serverless.v2.yml` for a later API version); default serverless.yml. */
  configFile?: string;
  /** Extra CLI arguments, e.g. ['--param', 'key=value']. */
  args?: string[];
  /** Kill the child after this long. Default 180 s. */
  timeoutMs?: number;
}

export interface PackagedService {
  stage: string;
  /** The folder `serverless package --package` wrote to (template, state, one zip per function). */
  packageDir: string;
  /** Parsed cloudformation-template-update-stack.json. */
  template: CfnTemplate;
  /** Combined stdout/stderr of `serverless package`. */
  output: string;
  /** Removes every temporary folder of this run. */
  cleanup(): Promise<void>;
}

/** Folders a packaging run writes into the service folder; the mirror keeps them private. */
const BUILD_OUTPUT_FOLDERS = new Set(['.serverless', '.esbuild', '.build']);

/** The workspace a service belongs to: the nearest ancestor of serviceDir holding pnpm-workspace.yaml. */
export const findWorkspaceRoot = (serviceDir: string): string => {
  for (let dir = path.dirname(serviceDir); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${serviceDir}; pass workspaceRoot`);
  }
};

/**
 * Builds a private copy of the workspace layout in `mirrorRoot`: real folders along the path from
 * the workspace root to the service, holding copies of their files (serverless.yml, the shared
 * serverless.base.yml, package.json...) and symlinks to their other folders (src, node_modules...).
 * Packaging runs there, so its build folders (serverless-esbuild's .esbuild, .serverless) never
 * touch the real service folder: no clash with a `serverless offline` or another packaging run
 * there (each run deletes .esbuild when it ends), nor between stages packaged in parallel.
 */
const mirrorWorkspace = async (workspaceRoot: string, serviceDir: string, mirrorRoot: string): Promise<string> => {
  const relative = path.relative(workspaceRoot, serviceDir);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new Error(`${serviceDir} is not inside the workspace ${workspaceRoot}`);
  }
  const segments = relative === '' ? [] : relative.split(path.sep);
  let real = workspaceRoot;
  let mirror = mirrorRoot;
  for (let depth = 0; depth <= segments.length; depth += 1) {
    const next = segments[depth];
    await mkdir(mirror, { recursive: true });
    for (const entry of await readdir(real, { withFileTypes: true })) {
      if (entry.name === next) continue;
      if (depth === segments.length && BUILD_OUTPUT_FOLDERS.has(entry.name)) continue;
      // Files are copied (the framework finds serverless.yml with lstat, which a symlink fails).
      if (entry.isFile()) await copyFile(path.join(real, entry.name), path.join(mirror, entry.name));
      else await symlink(path.join(real, entry.name), path.join(mirror, entry.name));
    }
    if (next === undefined) break;
    real = path.join(real, next);
    mirror = path.join(mirror, next);
  }
  return mirror;
};

const serverlessBin = (serviceDir: string): string => {
  const requireFromService = createRequire(path.join(serviceDir, 'package.json'));
  const manifestPath = requireFromService.resolve('serverless/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.serverless;
  if (!bin) throw new Error(`${manifestPath} declares no serverless bin`);
  return path.join(path.dirname(manifestPath), bin);
};

/**
 * Environment proving that packaging needs no AWS account: dummy static credentials, no profile or
 * shared config files, no instance metadata lookups.
 */
export const offlineAwsEnv = (base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of [
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_SESSION_TOKEN',
    'AWS_SECURITY_TOKEN',
    'AWS_ROLE_ARN',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_SDK_LOAD_CONFIG',
  ]) {
    delete env[name];
  }
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'AKIAOFFLINEPACKAGING',
    AWS_SECRET_ACCESS_KEY: 'offline-packaging-needs-no-aws-account',
    AWS_SHARED_CREDENTIALS_FILE: path.join(tmpdir(), 'no-such-aws-credentials-file'),
    AWS_CONFIG_FILE: path.join(tmpdir(), 'no-such-aws-config-file'),
    AWS_EC2_METADATA_DISABLED: 'true',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
  };
};

/**
 * Runs `serverless package --stage <stage> --package <tmp>` for a service, offline, in a private
 * mirror of the workspace (see mirrorWorkspace), and returns the parsed update-stack template.
 * Call cleanup() when done (e.g. in afterAll).
 */
export const packageService = async (options: PackageServiceOptions): Promise<PackagedService> => {
  const serviceDir = path.resolve(options.serviceDir);
  const workspaceRoot = path.resolve(options.workspaceRoot ?? findWorkspaceRoot(serviceDir));
  const tempRoot = await mkdtemp(path.join(tmpdir(), `sls-package-${path.basename(serviceDir)}-${options.configFile ?? 'serverless.yml'}-${options.stage}-`));
  const cleanup = () => rm(tempRoot, { recursive: true, force: true });
  try {
    const mirroredService = await mirrorWorkspace(workspaceRoot, serviceDir, path.join(tempRoot, 'workspace'));
    const packageDir = path.join(tempRoot, 'package');
    const config = options.configFile ? ['--config', options.configFile] : [];
    const args = [serverlessBin(serviceDir), 'package', ...config, '--stage', options.stage, '--package', packageDir, ...(options.args ?? [])];
    const output = await run(process.execPath, args, {
      cwd: mirroredService,
      env: { ...offlineAwsEnv(), ...options.env },
      timeoutMs: options.timeoutMs ?? 180_000,
    });
    const template = JSON.parse(await readFile(path.join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8')) as CfnTemplate;
    return { stage: options.stage, packageDir, template, output, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
};

/**
 * Packages several stages of one service, `concurrency` runs at a time (default 1: esbuild already
 * uses every core, so on a 2-core machine parallel runs measured no faster; each run has its own
 * mirror, so parallel runs are safe). Resolves with the runs keyed by stage; if any run fails,
 * cleans up the others and rejects with the first failure.
 */
export const packageStages = async <Stage extends string>(
  options: Omit<PackageServiceOptions, 'stage'> & { stages: readonly Stage[]; concurrency?: number },
): Promise<Record<Stage, PackagedService>> => {
  const { stages, concurrency = 1, ...rest } = options;
  const settled = new Array<PromiseSettledResult<PackagedService>>(stages.length);
  let next = 0;
  const worker = async () => {
    while (next < stages.length) {
      const index = next++;
      settled[index] = await packageService({ ...rest, stage: stages[index]! }).then(
        (value) => ({ status: 'fulfilled', value }) as const,
        (reason: unknown) => ({ status: 'rejected', reason }) as const,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, stages.length)) }, worker));
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all(settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value.cleanup()] : [])));
    throw failure.reason instanceof Error ? failure.reason : new Error(String(failure.reason));
  }
  return Object.fromEntries(settled.map((result, index) => [stages[index], (result as PromiseFulfilledResult<PackagedService>).value])) as Record<
    Stage,
    PackagedService
  >;
};

const run = (command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serverless ${args.slice(1).join(' ')} timed out after ${options.timeoutMs} ms:\n${output}`));
    }, options.timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`serverless ${args.slice(1).join(' ')} failed (${signal ?? `exit ${String(code)}`}):\n${output}`));
    });
  });
