import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { STATE_DIR, WORKSPACE_ROOT } from '../paths';
import { PlatformError } from '../platform-error';
import type { ScheduleEventConfig } from '../runtime/scheduler';

const run = promisify(execFile);

export interface HttpEventConfig {
  path: string;
  method: string;
  cors?: boolean | Record<string, unknown>;
  caching?: { enabled?: boolean; ttlInSeconds?: number; cacheKeyParameters?: { name: string; value?: string }[] };
  throttling?: { rateLimit?: number; burstLimit?: number };
  clientThrottling?: { limit: number; windowSeconds: number };
  authorizer?: unknown;
  /** The route needs an API key (ApiKeyRequired). */
  private?: boolean;
  /** API Gateway request validation: body models and required parameters (openapi/gateway.json). */
  request?: { schemas?: Record<string, unknown>; parameters?: Record<string, Record<string, unknown>> };
}

export interface FunctionConfig {
  handler: string;
  timeout?: number;
  memorySize?: number;
  environment?: Record<string, unknown>;
  /** Lambda layer ARNs (the AWS Parameters and Secrets extension's is emulated, runtime/parameters-extension.ts). */
  layers?: unknown[];
  events?: { http?: HttpEventConfig; schedule?: ScheduleEventConfig }[];
}

/** The parts of a service's resolved serverless.yml the local platform uses. */
export interface ServiceConfig {
  service: string;
  provider: { stage: string; timeout?: number; environment?: Record<string, unknown>; region?: string };
  custom?: {
    /** serverless-esbuild's options (serverless.base.yml): the esbuild settings of every function. */
    esbuild?: Record<string, unknown>;
    customDomain?: { basePath?: string; domainName?: string };
    apiStage?: { throttling?: unknown; caching?: unknown };
  };
  functions: Record<string, FunctionConfig>;
  resources?: { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
}

/** One stack of a service: its serverless file resolved for a stage. */
export interface ServiceDefinition {
  /** The stack's `service:` (`catalog`, `catalog-v2`): its functions, bundles, API id. */
  name: string;
  /** The service folder (`services/catalog`); `--only catalog` starts every stack in it. */
  dir: string;
  /** `serverless.yml`, or `serverless.<version>.yml` for a later API version's stack (docs/adr/0015). */
  configFile: string;
  config: ServiceConfig;
}

export interface StackFile {
  dir: string;
  configFile: string;
}

/** The stack files of a service folder: serverless.yml first, then serverless.v<N>.yml by version. */
export const stackFilesOf = async (dir: string): Promise<string[]> => {
  const files = (await readdir(dir)).filter((file) => /^serverless\.v\d+\.yml$/.test(file));
  const version = (file: string) => Number(/\.v(\d+)\./.exec(file)?.[1]);
  return existsSync(path.join(dir, 'serverless.yml')) ? ['serverless.yml', ...files.sort((a, b) => version(a) - version(b))] : [];
};

/** Every folder under services/ that has a serverless.yml. */
export const discoverServices = async (): Promise<string[]> => {
  const root = path.join(WORKSPACE_ROOT, 'services');
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && existsSync(path.join(root, entry.name, 'serverless.yml')))
    .map((entry) => path.join(root, entry.name))
    .sort();
};

/** Every stack of the given service folders (each folder's serverless.yml and later versions' files). */
export const discoverStacks = async (dirs: readonly string[]): Promise<StackFile[]> =>
  (await Promise.all(dirs.map(async (dir) => (await stackFilesOf(dir)).map((configFile) => ({ dir, configFile }))))).flat();

/**
 * The printed configuration's cache key: the stage and every file it is resolved from
 * (serverless.yml and each file it includes with ${file(...)}, followed through includes, such as
 * serverless.base.yml, the generated openapi/gateway.json and serverless.gateway-responses.json).
 */
const cacheKey = async (serviceDir: string, stage: string, configFile: string): Promise<string> => {
  const hash = createHash('sha256').update(stage);
  const seen = new Set<string>();
  const visit = async (file: string): Promise<void> => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const content = await readFile(file, 'utf8');
    hash.update(file).update(content);
    for (const [, included = ''] of content.matchAll(/\$\{file\(([^)]+)\)/g)) await visit(path.resolve(path.dirname(file), included.trim()));
  };
  await visit(path.join(serviceDir, configFile));
  // The base config reads the folder's versions.yml by stack name (no literal ${file()} names it).
  await visit(path.join(serviceDir, 'versions.yml'));
  return hash.digest('hex').slice(0, 16);
};

/**
 * The service's configuration exactly as the Serverless Framework resolves it for `stage`
 * (`serverless print`: variables, params and ${file()} includes applied), so routes, environment
 * and tables come from the one serverless.yml. Cached by content hash: printing loads every plugin.
 */
export const loadServiceConfig = async (serviceDir: string, stage: string, configFile = 'serverless.yml'): Promise<ServiceDefinition> => {
  const key = await cacheKey(serviceDir, stage, configFile);
  const cacheFile = path.join(STATE_DIR, 'config-cache', `${path.basename(serviceDir)}-${configFile}-${key}.json`);
  let config: ServiceConfig;
  if (existsSync(cacheFile)) {
    config = JSON.parse(await readFile(cacheFile, 'utf8')) as ServiceConfig;
  } else {
    const bin = path.join(serviceDir, 'node_modules', '.bin', 'serverless');
    if (!existsSync(bin)) {
      throw new PlatformError(`The Serverless Framework is not installed in ${serviceDir}: run pnpm install first.`);
    }
    try {
      const { stdout } = await run(bin, ['print', '--config', configFile, '--stage', stage, '--format', 'json'], {
        cwd: serviceDir,
        maxBuffer: 32 * 1024 * 1024,
        env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
      });
      config = JSON.parse(stdout) as ServiceConfig;
    } catch (error) {
      const output = (error as { stderr?: string }).stderr ?? String(error);
      throw new PlatformError(`serverless print failed for ${path.basename(serviceDir)}/${configFile}: ${output.trim().split('\n').slice(-3).join(' ')}`);
    }
    await mkdir(path.dirname(cacheFile), { recursive: true });
    // Written aside and renamed into place: platforms starting in parallel never read half a file.
    const partial = `${cacheFile}.${process.pid}.tmp`;
    await writeFile(partial, JSON.stringify(config));
    await rename(partial, cacheFile);
  }
  return { name: config.service, dir: serviceDir, configFile, config };
};

/** Where the custom domain mounts the service: `/v1/catalog`. */
export const basePathOf = (service: ServiceDefinition): string =>
  `/${(service.config.custom?.customDomain?.basePath ?? service.name).replace(/^\/+|\/+$/g, '')}`;

/**
 * The service folders a stack calls on the stage's domain: every `*_URL` variable (provider's and
 * functions') of the form `https://<domain>/v<N>/<folder>/...`, e.g. every authorizer's JWKS_URL
 * (users) and orders' CATALOG_BASE_URL (catalog). `--only` starts these too, so a service runs on
 * its own with what it needs.
 */
export const servicesCalledBy = (definition: ServiceDefinition): string[] => {
  const domain = definition.config.custom?.customDomain?.domainName;
  if (!domain) return [];
  const environments = [definition.config.provider.environment ?? {}, ...Object.values(definition.config.functions).map((fn) => fn.environment ?? {})];
  const called = new Set<string>();
  for (const environment of environments) {
    for (const [key, value] of Object.entries(environment)) {
      if (!key.endsWith('_URL') || typeof value !== 'string') continue;
      const match = new RegExp(`^https://${domain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/v\\d+/([a-z0-9-]+)(?:/|$)`).exec(value);
      if (match?.[1]) called.add(match[1]);
    }
  }
  return [...called];
};
