import path from 'node:path';
import { parseArgs } from 'node:util';
import { localSecretFile } from './config/local-secrets';
import { STATE_DIR } from './paths';
import type { Platform } from './platform';
import { startEngineWithTables } from './engine/engine-only';
import { startPlatform } from './platform';
import type { FaultRule } from './engine/faults';
import { readFaultRules } from './engine/faults';
import { PlatformError } from './platform-error';

const USAGE = `Usage: pnpm start [options]
  --port <n>        front door port (default 3000)
  --db-port <n>     DynamoDB engine port (default 8000; 0 = any free port)
  --apigw-port <n>  API Gateway management API port (API keys, usage plans; default any free port)
  --persist [dir]   keep the database on disk (default dir .emporium/data); in memory otherwise
  --no-seed         no sample data (seed/requests.json); the local admin is still made
  --no-cache        disable the local stage cache
  --no-throttle     no stage throttling nor per-client rate limits (for benchmarks of the
                    handler path; AWS always throttles)
  --only <a,b>      start only these services
  --workers <n>     worker threads the functions run on (default EMPORIUM_WORKERS, else one
                    per core, at most 2; 0 = the platform's own thread; docs/adr/0023)
  --access-log      print one line per request
  --console-path <p> where the local console is served (default /_emporium): routes, live
                    metrics, recent requests and their log lines, API keys (docs/adr/0019)
  --no-console      no console (nothing recorded, the functions' log lines not captured)
  --env svc:VAR=val override one service's environment variable (repeatable)
  --faults <json|file>  DynamoDB fault rules, e.g. '[{"table":"orders-*","operation":"TransactWriteItems",
                    "fault":"TransactionConflict","rate":0.5}]' (or env EMPORIUM_FAULTS); in force once
                    the platform is up; change them at /_emporium/faults (docs/adr/0020)
  --engine-only     only the DynamoDB engine with the tables (for a service run alone under
                    \`serverless offline\`: DYNAMODB_ENDPOINT=<printed url> pnpm dev)
  --help`;

const parse = () =>
  parseArgs({
    options: {
      port: { type: 'string', default: '3000' },
      'db-port': { type: 'string', default: '8000' },
      'apigw-port': { type: 'string', default: '0' },
      persist: { type: 'boolean', default: false },
      'no-seed': { type: 'boolean', default: false },
      'no-cache': { type: 'boolean', default: false },
      'no-throttle': { type: 'boolean', default: false },
      only: { type: 'string' },
      workers: { type: 'string' },
      'access-log': { type: 'boolean', default: false },
      'console-path': { type: 'string', default: '/_emporium' },
      'no-console': { type: 'boolean', default: false },
      'engine-only': { type: 'boolean', default: false },
      env: { type: 'string', multiple: true },
      faults: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    // `pnpm start -- --port 4000` passes the `--` through; it is not an end-of-options marker here.
    args: process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === '--')),
  });

const portOf = (value: string, flag: string): number => {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PlatformError(`${flag} must be a port number, got "${value}".`);
  return port;
};

const workersOf = (value: string): number => {
  const workers = Number(value);
  if (value.trim() === '' || !Number.isInteger(workers) || workers < 0) throw new PlatformError(`--workers must be a whole number (0: none), got "${value}".`);
  return workers;
};

/** `--env orders:CATALOG_BASE_URL=http://...` -> { orders: { CATALOG_BASE_URL: 'http://...' } } */
const envOverrides = (pairs: string[]): Record<string, Record<string, string>> => {
  const overrides: Record<string, Record<string, string>> = {};
  for (const pair of pairs) {
    const match = /^([a-z0-9-]+):([A-Z_][A-Z0-9_]*)=(.*)$/.exec(pair);
    if (!match) throw new PlatformError(`--env takes service:VARIABLE=value, got "${pair}".`);
    const [, service = '', name = '', value = ''] = match;
    (overrides[service] ??= {})[name] = value;
  }
  return overrides;
};

const describe = (platform: Platform, dataDir: string | undefined, faults: readonly FaultRule[]): string =>
  [
    '',
    `Emporium is running: ${platform.url}`,
    ...platform.services.map((s) => `  ${s.name.padEnd(10)} ${s.url}  (${s.routes.length} functions, table ${s.tables.join(', ')})`),
    `  database   ${platform.engineEndpoint}  (dynalite, ${dataDir ? `on disk in ${dataDir}` : 'in memory'})`,
    ...(platform.apiKeys
      ? [
          `  API keys   ${platform.apiKeys.endpoint}  (API Gateway management API: keys, usage plans, usage)`,
          `  web app    its API key (send as x-api-key): ${path.relative(process.cwd(), localSecretFile('/emporium/local/api-keys/web'))}`,
        ]
      : []),
    `  seed data  ${platform.seeded.created} created, ${platform.seeded.existing} already there`,
    ...platform.schedules.list.map(
      (schedule) =>
        `  schedule   ${schedule.service}.${schedule.functionName} every ${schedule.expression}  (run now: POST ${platform.url}/_emporium/schedules/${schedule.service}/${schedule.functionName})`,
    ),
    ...(faults.length > 0
      ? [`  faults     ${faults.length} DynamoDB fault rule${faults.length === 1 ? '' : 's'} in force: ${platform.url}/_emporium/faults`]
      : []),
    ...platform.seeded.notes.map((note) => `  ${note}`),
    '',
    `  API docs   ${platform.url}/docs  (every service's OpenAPI document, with "Try it out")`,
    ...(platform.console ? [`  console    ${platform.console.url}  (routes, live metrics, recent requests and their logs, API keys)`] : []),
    '',
    `Try: curl ${platform.url}/v1/catalog/products -H "x-api-key: $(cat ${path.relative(process.cwd(), localSecretFile('/emporium/local/api-keys/web'))})"`,
    'Ctrl-C stops everything.',
    '',
  ].join('\n');

export const main = async (): Promise<void> => {
  // The SDK's notice about Node 20 support ending in 2027 is known (docs/adr); keep the console readable.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { values, positionals } = parse();
  if (values.help) {
    console.log(USAGE);
    return;
  }
  // `--persist some/dir` arrives as a flag plus a positional.
  const dataDir = values.persist ? path.resolve(positionals[0] ?? path.join(STATE_DIR, 'data')) : undefined;
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : undefined;
  const faultsOption = values.faults ?? process.env.EMPORIUM_FAULTS;
  const faults = faultsOption ? await readFaultRules(faultsOption, values.faults ? '--faults' : 'EMPORIUM_FAULTS') : [];
  if (values['engine-only']) {
    const engine = await startEngineWithTables({ port: portOf(values['db-port'], '--db-port'), dataDir, faults, ...(only ? { services: only } : {}) });
    console.log(`DynamoDB engine: ${engine.endpoint} (tables: ${Object.values(engine.tables).flat().join(', ')})`);
    console.log(`Run a service alone: cd services/<name> && DYNAMODB_ENDPOINT=${engine.endpoint} pnpm dev`);
    onStop(() => engine.stop());
    return;
  }
  const platform = await startPlatform({
    port: portOf(values.port, '--port'),
    dbPort: portOf(values['db-port'], '--db-port'),
    apiGatewayPort: portOf(values['apigw-port'], '--apigw-port'),
    dataDir,
    seed: !values['no-seed'],
    accessLog: values['access-log'],
    ...(values['no-cache'] ? { cacheTtlSeconds: 0 } : {}),
    ...(values['no-throttle'] ? { throttle: false } : {}),
    console: values['no-console'] ? false : { path: values['console-path'] },
    ...(only ? { only } : {}),
    ...(values.workers !== undefined ? { workers: workersOf(values.workers) } : {}),
    env: envOverrides(values.env ?? []),
    faults,
    // What the start is doing, as it goes: the first start prints and bundles everything.
    progress: (step) => console.log(`  ${step.name.padEnd(13)} ${(step.ms / 1000).toFixed(1).padStart(5)} s  ${step.detail}`),
  });
  console.log(describe(platform, dataDir, faults));
  onStop(() => platform.stop());
};

/** Ctrl-C (or SIGTERM) runs `stop` once, then exits. */
const onStop = (stop: () => Promise<void>): void => {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping...`);
    stop()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
};

main().catch((error: unknown) => {
  if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || (error as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const unknownOption = /^Unknown option '([^']+)'/.exec((error as Error).message)?.[1];
    const what = unknownOption ? `unknown option ${unknownOption}` : (error as Error).message.split('\n')[0]!.replace(/\.$/, '');
    console.error(`emporium: ${what}. Run pnpm start --help for the options.`);
  } else if (error instanceof PlatformError) {
    console.error(`emporium: ${(error as Error).message}`);
  } else {
    console.error('emporium: failed to start:', error);
  }
  process.exit(1);
});
