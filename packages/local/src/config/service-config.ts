import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { STATE_DIR, WORKSPACE_ROOT } from '../paths';
import { PlatformError } from '../platform-error';

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
  events?: { http?: HttpEventConfig }[];
}

/** The parts of a service's resolved serverless.yml the local platform uses. */
export interface ServiceConfig {
  service: string;
  provider: { stage: string; timeout?: number; environment?: Record<string, unknown>; region?: string };
  custom?: {
    customDomain?: { basePath?: string; domainName?: string };
    apiStage?: { throttling?: unknown; caching?: unknown };
  };
  functions: Record<string, FunctionConfig>;
  resources?: { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
}

export interface ServiceDefinition {
  name: string;
  dir: string;
  config: ServiceConfig;
}

/** Every folder under services/ that has a serverless.yml. */
export const discoverServices = async (): Promise<string[]> => {
  const root = path.join(WORKSPACE_ROOT, 'services');
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && existsSync(path.join(root, entry.name, 'serverless.yml')))
    .map((entry) => path.join(root, entry.name))
    .sort();
};

/**
 * The printed configuration's cache key: the stage and every file it is resolved from
 * (serverless.yml and each file it includes with ${file(...)}, followed through includes, such as
 * serverless.base.yml, the generated openapi/gateway.json and serverless.gateway-responses.json).
 */
const cacheKey = async (serviceDir: string, stage: string): Promise<string> => {
  const hash = createHash('sha256').update(stage);
  const seen = new Set<string>();
  const visit = async (file: string): Promise<void> => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const content = await readFile(file, 'utf8');
    hash.update(file).update(content);
    for (const [, included = ''] of content.matchAll(/\$\{file\(([^)]+)\)/g)) await visit(path.resolve(path.dirname(file), included.trim()));
  };
  await visit(path.join(serviceDir, 'serverless.yml'));
  return hash.digest('hex').slice(0, 16);
};

/**
 * The service's configuration exactly as the Serverless Framework resolves it for `stage`
 * (`serverless print`: variables, params and ${file()} includes applied), so routes, environment
 * and tables come from the one serverless.yml. Cached by content hash: printing loads every plugin.
 */
export const loadServiceConfig = async (serviceDir: string, stage: string): Promise<ServiceDefinition> => {
  const key = await cacheKey(serviceDir, stage);
  const cacheFile = path.join(STATE_DIR, 'config-cache', `${path.basename(serviceDir)}-${key}.json`);
  let config: ServiceConfig;
  if (existsSync(cacheFile)) {
    config = JSON.parse(await readFile(cacheFile, 'utf8')) as ServiceConfig;
  } else {
    const bin = path.join(serviceDir, 'node_modules', '.bin', 'serverless');
    if (!existsSync(bin)) {
      throw new PlatformError(`The Serverless Framework is not installed in ${serviceDir}: run pnpm install first.`);
    }
    try {
      const { stdout } = await run(bin, ['print', '--stage', stage, '--format', 'json'], {
        cwd: serviceDir,
        maxBuffer: 32 * 1024 * 1024,
        env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
      });
      config = JSON.parse(stdout) as ServiceConfig;
    } catch (error) {
      const output = (error as { stderr?: string }).stderr ?? String(error);
      throw new PlatformError(`serverless print failed for ${path.basename(serviceDir)}: ${output.trim().split('\n').slice(-3).join(' ')}`);
    }
    await mkdir(path.dirname(cacheFile), { recursive: true });
    // Written aside and renamed into place: platforms starting in parallel never read half a file.
    const partial = `${cacheFile}.${process.pid}.tmp`;
    await writeFile(partial, JSON.stringify(config));
    await rename(partial, cacheFile);
  }
  return { name: config.service, dir: serviceDir, config };
};

/** Where the custom domain mounts the service: `/v1/catalog`. */
export const basePathOf = (service: ServiceDefinition): string =>
  `/${(service.config.custom?.customDomain?.basePath ?? service.name).replace(/^\/+|\/+$/g, '')}`;
