import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Role } from '@emporium/common/auth/context';
import { signAccessToken, signingKeySchema } from '@emporium/common/auth/tokens';
import type { FunctionBundle } from './runtime/bundler';
import { bundleService, removeLegacyBuilds, SEED_BUNDLE, stopBundler } from './runtime/bundler';
import type { Engine } from './engine/engine';
import { startEngine } from './engine/engine';
import type { FrontDoor, MountedService } from './gateway/front-door';
import { startFrontDoor } from './gateway/front-door';
import { GatewayAuthorizer } from './gateway/authorizer';
import type { LocalFunction } from './runtime/lambda-runtime';
import { loadFunction } from './runtime/lambda-runtime';
import { defaultPoolSize, WorkerPool } from './runtime/worker-pool';
import type { LocalSchedule, ScheduledRun } from './runtime/scheduler';
import { LocalScheduler, schedulesOf } from './runtime/scheduler';
import { PlatformError } from './platform-error';
import { localSecret } from './config/local-secrets';
import type { ParametersExtension } from './runtime/parameters-extension';
import { hasParametersExtension, startParametersExtension } from './runtime/parameters-extension';
import { compileRoute, Router } from './gateway/router';
import type { FunctionConfig, ServiceDefinition } from './config/service-config';
import { basePathOf, discoverServices, discoverStacks, loadServiceConfig, servicesCalledBy } from './config/service-config';
import { StageCache } from './gateway/stage-cache';
import { ApiKeyStore } from './api-management/store';
import type { ManagementApi } from './api-management/management-api';
import { startManagementApi } from './api-management/management-api';
import { loadApiManagement } from './config/platform-stack';
import { methodSettingsOf, resourcePath, stageSettingsOf } from '@emporium/api-stage/settings';
import { newModelChecker, RequestValidator } from './gateway/request-validator';
import type { PortalDocument } from './docs/portal';
import type { TableDefinition } from './engine/tables';
import { engineClient, ensureTables, tablesOf } from './engine/tables';
import type { FaultControl, FaultRule } from './engine/faults';
import { consolePathOf, createConsole, DEFAULT_CONSOLE_PATH } from './console/console';
import { deprecationOf, gatewayDeprecationHeaders } from '@emporium/common/http/versions';
import { LogCapture } from './console/log-capture';

export interface PlatformOptions {
  port?: number;
  host?: string;
  dbPort?: number;
  /** Keep the engine's data in this folder across restarts; in memory when undefined. */
  dataDir?: string;
  /** false: no sample data (seed/requests.json); seed hooks (the local admin) run anyway. */
  seed?: boolean;
  stage?: string;
  accessLog?: boolean;
  /** Stage cache TTL override in seconds (0 disables the cache); default: the stage's setting. */
  cacheTtlSeconds?: number;
  /** false: no throttling of any kind: stage, usage plan, per-client (benchmarks of the handler path only). */
  throttle?: boolean;
  /** Port of the API Gateway management API (API keys, usage plans); default any free port. */
  apiGatewayPort?: number;
  /** Only these services (folder names); default: every service. */
  only?: string[];
  /** false: scheduled functions (`schedule` events) run only when asked (Platform.schedules.run); default: on their rate. */
  schedules?: boolean;
  /** Environment overrides per service, e.g. { orders: { CATALOG_BASE_URL: 'http://127.0.0.1:9' } }. */
  env?: Record<string, Record<string, string>>;
  /** Fault rules of the engine (docs/adr/0020), in force once the platform is up (not while it creates tables and seeds). */
  faults?: FaultRule[];
  /** The local console (docs/adr/0019) at `path` (default /_emporium); false: none, and no recording nor log capture. */
  console?: false | { path?: string };
  /**
   * Worker threads that run the functions' invocations (docs/adr/0023), started as load needs them;
   * default EMPORIUM_WORKERS, else one per core, at most 2. 0: every function runs in the platform's
   * own thread (e.g. to step through a handler in a debugger).
   */
  workers?: number;
  /** Told as each step of the start is done, with how long it took (the CLI prints it). */
  progress?: (step: StartStep) => void;
}

export interface StartStep {
  name: 'configuration' | 'engine' | 'tables' | 'bundles' | 'functions' | 'seed';
  ms: number;
  detail: string;
}

export interface RunningService {
  name: string;
  basePath: string;
  url: string;
  routes: string[];
  /** The tables it uses: its own, or (a later API version's stack) its service's (TABLE_NAME). */
  tables: string[];
}

export interface Platform {
  url: string;
  port: number;
  engineEndpoint: string;
  services: RunningService[];
  seeded: { created: number; existing: number; notes: string[] };
  /** API keys: the management API's endpoint and the first-party web app's key (undefined without a platform stack). */
  apiKeys?: { endpoint: string; webApp?: string };
  /** The engine's fault rules (docs/adr/0020): set, clear, read with counters; also at /_emporium/faults. */
  faults: FaultControl;
  /** The local console's page (undefined when turned off). */
  console?: { url: string };
  /** Functions with `schedule` events, run on their rate once the platform is up; `run` invokes one now. */
  schedules: { list: readonly (LocalSchedule & { service: string })[]; run(service: string, functionName: string): Promise<ScheduledRun> };
  stop(): Promise<void>;
}

/** The first-party web app's key in the platform stack (platform/serverless.yml: WebAppApiKey). */
const webAppKeyName = (stage: string) => `emporium-${stage}-web`;

const DEFAULT_CORS_HEADERS = ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token', 'X-Amz-User-Agent', 'X-Amzn-Trace-Id'];

/** What the platform wires into every function locally. */
interface LocalWiring {
  engine: Engine;
  /** The front door's URL: stands in for the stage's custom domain in every variable. */
  frontDoorUrl: string;
  /** Per-service variable overrides (`--env orders:CATALOG_BASE_URL=...`), applied last. */
  overrides: Record<string, Record<string, string>>;
  /** The API Gateway management API, where the SDK's API Gateway client goes. */
  apiGatewayEndpoint?: string;
  /** The console's capture of the functions' log lines (it may raise their log level to INFO). */
  logCapture?: LogCapture;
  /** The worker threads invocations run on (undefined: the platform's own thread). */
  pool?: WorkerPool;
  /** The emulated AWS Parameters and Secrets Lambda Extension, for the functions that have its layer. */
  parametersExtension: ParametersExtension;
}

/**
 * A function's environment as Lambda would see it: provider + function variables, with `*_URL`
 * variables on the stage's domain (`https://api.local.example.com/...`) pointing at the front door, plus local wiring.
 * A function with the AWS Parameters and Secrets Lambda Extension's layer reads its `<NAME>_PARAMETER`
 * secrets through the emulated extension, as in AWS: it gets the emulator's port and its own session
 * token, never the secrets themselves. A function without the layer gets neither (in AWS nothing
 * would answer on localhost:2773).
 */
const functionEnv = async (service: ServiceDefinition, name: string, fn: FunctionConfig, wiring: LocalWiring): Promise<Record<string, string>> => {
  const declared = { ...service.config.provider.environment, ...fn.environment };
  const domain = service.config.custom?.customDomain?.domainName;
  // URLs (`*_URL`) of the stage's domain lead to the front door; identifiers such as the token
  // issuer keep the domain's name. Overrides too: `--env orders:CATALOG_BASE_URL=https://<domain>/v2/catalog`.
  const local = (key: string, text: string) =>
    domain !== undefined && key.endsWith('_URL') && text.startsWith(`https://${domain}`) ? wiring.frontDoorUrl + text.slice(`https://${domain}`.length) : text;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(declared)) {
    if (value !== null && typeof value === 'object') {
      throw new PlatformError(`${service.name}.${name}: environment ${key} is a CloudFormation expression; use a plain value (see serverless.base.yml).`);
    }
    env[key] = local(key, String(value));
  }
  const parameters = Object.entries(env).flatMap(([key, parameter]) => (key.endsWith('_PARAMETER') ? [parameter] : []));
  // The parameters exist before the function runs, as in AWS (created before the first deploy):
  // generated into .emporium/keys on first start, where tests and tools read them too.
  for (const parameter of parameters) await localSecret(parameter);
  const extension = hasParametersExtension(fn.layers)
    ? wiring.parametersExtension.session(`${service.name}-${service.config.provider.stage}-${name}`, parameters)
    : {};
  const overrides = Object.fromEntries(Object.entries(wiring.overrides[service.name] ?? {}).map(([key, value]) => [key, local(key, value)]));
  const region = service.config.provider.region ?? 'eu-west-1';
  return {
    ...env,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_LAMBDA_FUNCTION_NAME: `${service.name}-${service.config.provider.stage}-${name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize ?? 512),
    AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
    DYNAMODB_ENDPOINT: wiring.engine.endpoint,
    // The SDK's own per-service endpoint setting: @aws-sdk/client-api-gateway calls the local
    // management API with no code of the function knowing.
    ...(wiring.apiGatewayEndpoint ? { AWS_ENDPOINT_URL_API_GATEWAY: wiring.apiGatewayEndpoint } : {}),
    TZ: 'UTC',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extension,
    ...overrides,
  };
};

interface Mounted {
  service: MountedService;
  seed?: LocalFunction;
  schedules: { schedule: LocalSchedule; fn: LocalFunction; region: string }[];
}

const mountService = async (service: ServiceDefinition, wiring: LocalWiring, bundles: FunctionBundle[]): Promise<Mounted> => {
  // The stage as the CloudFormation template has it (throttles, stage cache, per-client rules).
  const stage = stageSettingsOf(service.config);
  const models = newModelChecker();
  const region = service.config.provider.region ?? 'eu-west-1';
  const functions = new Map<string, LocalFunction>();
  const authorizerTtl = new Map<string, number>();
  const routes = [];
  let corsHeaders = DEFAULT_CORS_HEADERS;
  let seed: LocalFunction | undefined;
  const schedules: Mounted['schedules'] = [];
  for (const bundle of bundles) {
    const fn: FunctionConfig = service.config.functions[bundle.name] ?? { handler: `seed/seed.${bundle.exportName}` };
    const local = loadFunction(
      {
        bundle,
        env: await functionEnv(service, bundle.name, fn, wiring).then((env) => wiring.logCapture?.functionEnvironment(env) ?? env),
        timeoutSeconds: bundle.name === SEED_BUNDLE ? 60 : (fn.timeout ?? service.config.provider.timeout ?? 6),
        memorySize: fn.memorySize ?? 512,
        region,
      },
      wiring.pool,
    );
    if (bundle.name === SEED_BUNDLE) {
      seed = local;
      continue;
    }
    functions.set(bundle.name, local);
    for (const schedule of schedulesOf(bundle.name, fn.events ?? [], service.name)) schedules.push({ schedule, fn: local, region });
    for (const event of fn.events ?? []) {
      if (!event.http) continue;
      const method = event.http.method.toUpperCase();
      const resource = resourcePath(event.http.path);
      const validator = RequestValidator.of(event.http, models);
      const settings = methodSettingsOf(stage, method, resource);
      if (!settings) throw new PlatformError(`${service.name}: no stage settings for ${method} ${resource}`);
      routes.push(
        compileRoute({
          service: service.name,
          functionName: bundle.name,
          method,
          resource,
          http: event.http,
          stage: settings,
          ...(validator ? { validator } : {}),
        }),
      );
      const cors = event.http.cors;
      if (cors && typeof cors === 'object' && Array.isArray(cors['headers'])) corsHeaders = cors['headers'] as string[];
      const authorizer = event.http.authorizer as { name?: string; resultTtlInSeconds?: number } | string | undefined;
      if (authorizer) {
        const name = typeof authorizer === 'string' ? authorizer : (authorizer.name ?? '');
        authorizerTtl.set(name, typeof authorizer === 'string' ? 300 : (authorizer.resultTtlInSeconds ?? 300));
      }
    }
  }
  const authorizers = new Map<string, GatewayAuthorizer>();
  for (const [name, ttl] of authorizerTtl) {
    const fn = functions.get(name);
    if (fn) authorizers.set(name, new GatewayAuthorizer(fn, ttl));
  }
  return {
    service: {
      name: service.name,
      region,
      basePath: basePathOf(service),
      router: new Router(routes),
      functions,
      corsHeaders,
      authorizers,
      clientRateRules: stage.clientRateRules,
      gatewayHeaders: gatewayHeadersOf(service),
    },
    ...(seed ? { seed } : {}),
    schedules,
  };
};

/**
 * The static headers of a stack's gateway answers, as @emporium/api-stage puts them on its
 * GatewayResponses: a deprecated version's (provider.environment, from versions.yml), in lower case.
 */
const gatewayHeadersOf = (service: ServiceDefinition): Record<string, string> => {
  const environment = Object.fromEntries(Object.entries(service.config.provider.environment ?? {}).map(([name, value]) => [name, String(value)]));
  const deprecation = deprecationOf(environment);
  return deprecation ? Object.fromEntries(Object.entries(gatewayDeprecationHeaders(deprecation)).map(([name, value]) => [name.toLowerCase(), value])) : {};
};

const tablesUsedBy = (name: string, tables: readonly TableDefinition[], definitions: readonly ServiceDefinition[]): string[] => {
  const own = tables.filter((t) => t.service === name).map((t) => t.input.TableName ?? t.logicalId);
  const shared = definitions.find((definition) => definition.name === name)?.config.provider.environment?.['TABLE_NAME'];
  return own.length > 0 || typeof shared !== 'string' ? own : [shared];
};

/** Every mounted API that serves its OpenAPI document (the shared getOpenApiDocument route). */
const portalDocuments = (services: readonly MountedService[]): PortalDocument[] =>
  services
    .filter((service) => service.router.match('GET', '/openapi.json').match)
    .map((service) => {
      const [version = '', ...name] = service.basePath.replace(/^\//, '').split('/');
      return { name: `${name.join('/') || service.name} ${version}`.trim(), url: `${service.basePath}/openapi.json` };
    });

interface SeedRequest {
  method: string;
  path: string;
  body?: unknown;
  /** Send the request as this role, with a token the platform signs with the local key. */
  as?: Role;
}

/** A short-lived token for seed requests, signed with the local key like the users service does. */
const seedToken = async (service: ServiceDefinition, role: Role): Promise<string> => {
  const env = service.config.provider.environment ?? {};
  const signingKey = await localSecret(`/emporium/${service.config.provider.stage}/jwt-signing-key`);
  return signAccessToken({ sub: 'local-seed', role }, signingKeySchema.parse(JSON.parse(signingKey)), {
    issuer: String(env['AUTH_ISSUER']),
    audience: String(env['AUTH_AUDIENCE']),
    ttlSeconds: 300,
  });
};

/**
 * Seeds every service: first its seed hook (seed/seed.ts, run like a function of the service, for
 * what the API cannot create, e.g. the local admin), then its seed/requests.json sent through the
 * front door, so seed data passes the same validation as any request.
 */
const seedServices = async (services: ServiceDefinition[], hooks: Map<string, LocalFunction>, baseUrl: string, apiKey: string | undefined, data: boolean) => {
  const seeded = { created: 0, existing: 0, notes: [] as string[] };
  // The hooks make what the platform needs to be usable at all (the local admin): always.
  for (const service of services) {
    const hook = hooks.get(service.name);
    if (hook) seeded.notes.push(...((await hook.invoke({})) as string[]));
  }
  if (!data) return seeded;
  // A service folder's seed requests go to its first stack (serverless.yml): once, on the data all
  // its API versions share.
  for (const service of services.filter((definition) => definition.configFile === 'serverless.yml')) {
    const file = path.join(service.dir, 'seed', 'requests.json');
    if (!existsSync(file)) continue;
    const requests = JSON.parse(await readFile(file, 'utf8')) as SeedRequest[];
    for (const request of requests) {
      const token = request.as ? await seedToken(service, request.as) : undefined;
      const response = await fetch(`${baseUrl}${basePathOf(service)}${request.path}`, {
        method: request.method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(apiKey ? { 'x-api-key': apiKey } : {}) },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
      if (response.status === 409) seeded.existing += 1;
      else if (response.ok) seeded.created += 1;
      else throw new PlatformError(`Seeding ${service.name} failed: ${request.method} ${request.path} -> ${response.status} ${await response.text()}`);
    }
  }
  return seeded;
};

/**
 * Starts the local platform: the embedded engine, every service's tables (from its own
 * serverless.yml), every function (from its esbuild bundle), and the front door.
 */
export const startPlatform = async (options: PlatformOptions = {}): Promise<Platform> => {
  const stage = options.stage ?? 'local';
  let stepStarted = Date.now();
  const done = (name: StartStep['name'], detail: string) => {
    const now = Date.now();
    options.progress?.({ name, ms: now - stepStarted, detail });
    stepStarted = now;
  };
  const consolePath = options.console === false ? undefined : consolePathOf(options.console?.path ?? DEFAULT_CONSOLE_PATH);
  const workers = options.workers ?? (process.env['EMPORIUM_WORKERS'] ? Number(process.env['EMPORIUM_WORKERS']) : defaultPoolSize());
  if (!Number.isInteger(workers) || workers < 0)
    throw new PlatformError(
      `The invocation workers (EMPORIUM_WORKERS) must be a whole number (0: none), not ${String(options.workers ?? process.env['EMPORIUM_WORKERS'])}.`,
    );
  const found = await discoverServices();
  const unknown = (options.only ?? []).filter((name) => !found.some((dir) => path.basename(dir) === name));
  if (unknown.length > 0) {
    throw new PlatformError(
      `--only: no service named ${unknown.map((name) => `"${name}"`).join(', ')} under services/ (there are: ${found.map((dir) => path.basename(dir)).join(', ')}).`,
    );
  }
  const dirs = found.filter((dir) => !options.only || options.only.includes(path.basename(dir)));
  if (dirs.length === 0) throw new PlatformError('No services found under services/.');
  const load = async (folders: string[]) =>
    Promise.all((await discoverStacks(folders)).map(({ dir, configFile }) => loadServiceConfig(dir, stage, configFile)));
  const definitions = await load(dirs);
  // `--only catalog` also starts what catalog calls (users, for its authorizer's signing keys), and so on.
  const neededBy: string[] = [];
  for (;;) {
    const needed = found.filter((dir) => !dirs.includes(dir) && definitions.some((definition) => servicesCalledBy(definition).includes(path.basename(dir))));
    if (needed.length === 0) break;
    neededBy.push(...needed.map((dir) => path.basename(dir)));
    dirs.push(...needed);
    definitions.push(...(await load(needed)));
  }
  done(
    'configuration',
    `${definitions.length} stacks (${definitions.map((d) => d.name).join(', ')})${neededBy.length > 0 ? `; also started, as they are called: ${neededBy.join(', ')}` : ''}`,
  );
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => undefined);
  };
  try {
    const engine = await startEngine({ port: options.dbPort ?? 0, dataDir: options.dataDir });
    stops.push(() => engine.stop());
    done('engine', `dynalite at ${engine.endpoint}`);
    const client = engineClient(engine.endpoint);
    const tables = definitions.flatMap(tablesOf);
    await ensureTables(client, tables);
    client.destroy();
    done('tables', tables.map((table) => table.input.TableName ?? table.logicalId).join(', '));
    // API keys and usage plans: the platform stack's, enforced by the front door, managed through
    // the management API; run-time keys persist with the engine's data.
    const management = await loadApiManagement(stage, definitions);
    let apiKeys: ApiKeyStore | undefined;
    let managementApi: ManagementApi | undefined;
    let webAppKey: string | undefined;
    if (management) {
      apiKeys = new ApiKeyStore({ plans: management.plans, ...(options.dataDir ? { file: path.join(options.dataDir, 'apigateway.json') } : {}) });
      for (const key of management.keys) {
        const created = apiKeys.ensureConfiguredKey(key, key.planName);
        if (key.name === webAppKeyName(stage)) webAppKey = created.value;
      }
      const store = apiKeys;
      stops.push(() => store.save());
      managementApi = await startManagementApi(store, { host: options.host ?? '127.0.0.1', port: options.apiGatewayPort ?? 0 });
      const api = managementApi;
      stops.push(() => api.close());
    }
    // The front door listens first: functions need its URL (the authorizer fetches the JWKS through it).
    // Until a service is mounted, its routes answer 503 SERVICE_STARTING (not 404).
    const services: MountedService[] = [];
    const configuredBasePaths = definitions.map(basePathOf);
    const cache = new StageCache(options.cacheTtlSeconds);
    // The local console (docs/adr/0019): what the front door answered, and the functions' log
    // lines by correlation id (the streams are looked at, and put back on stop).
    const logCapture = consolePath ? new LogCapture() : undefined;
    if (logCapture) {
      const restore = [logCapture.tee(process.stdout), logCapture.tee(process.stderr)];
      stops.push(() => {
        restore.forEach((put) => put());
        return Promise.resolve();
      });
    }
    const localConsole = consolePath
      ? createConsole({ path: consolePath, stage, services, cache, apiKeys: () => apiKeys, ...(logCapture ? { capture: logCapture } : {}) })
      : undefined;
    const scheduler = new LocalScheduler();
    let schedulerReady = false;
    const frontDoor: FrontDoor = await startFrontDoor({
      schedules: () => (schedulerReady ? scheduler : undefined),
      port: options.port ?? 3000,
      host: options.host ?? '127.0.0.1',
      stage,
      services,
      cache,
      throttle: options.throttle ?? true,
      apiKeys: () => apiKeys,
      portalApiKey: () => webAppKey,
      accessLog: options.accessLog ?? false,
      documents: () => portalDocuments(services),
      starting: () => configuredBasePaths.filter((basePath) => !services.some((service) => service.basePath === basePath)),
      faults: () => engine.faults,
      ...(localConsole ? { console: localConsole } : {}),
    });
    stops.push(() => frontDoor.close());
    // Invocations run on a small pool of worker threads (docs/adr/0023), started on first use.
    const pool = workers > 0 ? new WorkerPool({ size: workers }) : undefined;
    if (pool) stops.push(() => pool.close());
    // The AWS Parameters and Secrets Lambda Extension, for the functions that have its layer.
    const parametersExtension = await startParametersExtension({ stage, region: definitions[0]?.config.provider.region ?? 'eu-west-1' });
    stops.push(() => parametersExtension.close());
    const wiring: LocalWiring = {
      engine,
      parametersExtension,
      frontDoorUrl: frontDoor.url,
      overrides: options.env ?? {},
      ...(managementApi ? { apiGatewayEndpoint: managementApi.url } : {}),
      ...(logCapture ? { logCapture } : {}),
      ...(pool ? { pool } : {}),
    };
    await removeLegacyBuilds();
    const built = await Promise.all(definitions.map((definition) => bundleService(definition)));
    await stopBundler();
    const rebuilt = definitions.filter((_, index) => !built[index]!.cached).map((definition) => definition.name);
    done(
      'bundles',
      `${built.reduce((sum, b) => sum + b.bundles.length, 0)} functions; ${rebuilt.length === 0 ? 'all unchanged since the last start' : `built: ${rebuilt.join(', ')}`}`,
    );
    const mounted = await Promise.all(definitions.map((definition, index) => mountService(definition, wiring, built[index]!.bundles)));
    done('functions', `${mounted.reduce((sum, m) => sum + m.service.functions.size, 0)} mounted behind the front door`);
    services.push(...mounted.map((m) => m.service));
    const hooks = new Map(mounted.flatMap((m) => (m.seed ? [[m.service.name, m.seed] as const] : [])));
    const seeded = await seedServices(definitions, hooks, frontDoor.url, webAppKey, options.seed !== false);
    done(
      'seed',
      options.seed === false ? 'sample data skipped (--no-seed); the local admin is there' : `${seeded.created} created, ${seeded.existing} already there`,
    );
    if (options.faults?.length) await engine.faults.set(options.faults);
    // Scheduled functions (EventBridge rules in AWS) run on their rate from here on.
    for (const entry of mounted.flatMap((m) => m.schedules)) scheduler.add(entry.schedule, entry.fn, entry.region);
    if (options.schedules !== false) scheduler.start();
    stops.push(() => {
      scheduler.stop();
      return Promise.resolve();
    });
    schedulerReady = true;
    return {
      url: frontDoor.url,
      port: frontDoor.port,
      engineEndpoint: engine.endpoint,
      seeded,
      faults: engine.faults,
      ...(localConsole ? { console: { url: `${frontDoor.url}${localConsole.path}` } } : {}),
      ...(managementApi ? { apiKeys: { endpoint: managementApi.url, ...(webAppKey ? { webApp: webAppKey } : {}) } } : {}),
      services: services.map((service) => ({
        name: service.name,
        basePath: service.basePath,
        url: `${frontDoor.url}${service.basePath}`,
        routes: [...service.functions.keys()],
        tables: tablesUsedBy(service.name, tables, definitions),
      })),
      schedules: { list: scheduler.schedules, run: (service, functionName) => scheduler.run(service, functionName) },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
