#!/usr/bin/env node
// `pnpm bench:functions`: the size and cold init of every function of every service, against a lean
// floor built in the same run (docs/adr/0022).
//
// - The floor: a handler of a few lines doing one GetItem with the same AWS SDK and the same esbuild
//   settings as every function.
// - The settings: `custom.esbuild` of each stack as `serverless print` resolves it (serverless.base.yml's),
//   without serverless-esbuild's own keys (src/runtime/packaging-options.cjs): the build packaging makes.
// - Bytes: the bundle as it goes into the function's zip.
// - Cold init, like a Lambda INIT: a fresh Node process loads the bundle and serves its first request
//   against the local engine (dynalite, in its own process); the process times require + first
//   answer. Median of --runs runs after --warmup discarded ones (30 after 2); every run of a
//   function follows a run of the floor, and its ratio is against those floor runs (load moves both).
// - The shared handler wrapper (@emporium/common/http/handler) against a bare handler doing the same
//   work (validate the path parameter, answer JSON), warm, in one process.
//
// - `--why <function>`: what that function holds beyond the floor, by package and by file (the two
//   metafiles compared), with the bytes the budget allows; `--runs 0`: bytes only.
//
//   pnpm bench:functions [--runs 30] [--warmup 2] [--only catalog,users] [--why getProduct [--files 40]] [--json]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundlePlatform, PACKAGE_ROOT } from '../bin/bundle-platform.mjs';

const SELF = fileURLToPath(import.meta.url);
const WORKSPACE_ROOT = path.resolve(PACKAGE_ROOT, '..', '..');
const require = createRequire(path.join(PACKAGE_ROOT, 'package.json'));
/** The issue's budget: every function at most this many times the floor, in bytes and in cold init. */
const BUDGET = 1.3;
const A_ULID = '01JF3Z8X6M4Q2W9RZK7T5B1C0D';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// ---------------------------------------------------------------------------------------------
// Child modes: one cold start, or the wrapper's warm cost. Results go back over IPC.
// ---------------------------------------------------------------------------------------------

const lambdaContext = (name) => ({
  functionName: name,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:eu-west-1:000000000000:function:${name}`,
  memoryLimitInMB: '512',
  awsRequestId: 'bench-request',
  logGroupName: `/aws/lambda/${name}`,
  logStreamName: 'bench',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 10_000,
  done() {},
  fail() {},
  succeed() {},
});

/** One cold start: require the bundle (INIT), then serve the first request; both timed in here. */
const coldStart = async () => {
  const { bundle, exportName, event, name } = JSON.parse(process.env.EMPORIUM_BENCH_COLD);
  const started = performance.now();
  const handler = require(bundle)[exportName];
  const loaded = performance.now();
  let status;
  try {
    const answer = await handler(event, lambdaContext(name));
    status = answer?.statusCode ?? answer?.policyDocument?.Statement?.[0]?.Effect ?? 'ok';
  } catch (error) {
    status = error?.message === 'Unauthorized' ? 'Unauthorized' : `threw ${error?.name ?? 'error'}`;
  }
  const answered = performance.now();
  process.send({ initMs: loaded - started, coldMs: answered - started, status }, () => process.exit(0));
};

/** The wrapper against a bare handler doing the same work, warm, alternating rounds to share the noise. */
const wrapperCost = async () => {
  const { bundle, iterations } = JSON.parse(process.env.EMPORIUM_BENCH_WRAPPER);
  const { wrapped, bare, event } = require(bundle);
  const context = lambdaContext('wrapper-bench');
  const time = async (handler, n) => {
    const started = performance.now();
    for (let i = 0; i < n; i += 1) await handler(event, context);
    return ((performance.now() - started) * 1000) / n; // µs per invocation
  };
  const first = [await wrapped(event, context), await bare(event, context)];
  if (first.some((answer) => answer.statusCode !== 200)) throw new Error(`wrapper bench: ${JSON.stringify(first)}`);
  await time(wrapped, 2000);
  await time(bare, 2000);
  const rounds = { wrapped: [], bare: [] };
  for (let round = 0; round < 15; round += 1) {
    rounds.wrapped.push(await time(wrapped, iterations));
    rounds.bare.push(await time(bare, iterations));
  }
  process.send({ wrappedUs: median(rounds.wrapped), bareUs: median(rounds.bare) }, () => process.exit(0));
};

if (process.env.EMPORIUM_BENCH_COLD) {
  await coldStart();
} else if (process.env.EMPORIUM_BENCH_WRAPPER) {
  await wrapperCost();
} else {
  await main();
}

// ---------------------------------------------------------------------------------------------
// The benchmark.
// ---------------------------------------------------------------------------------------------

async function main() {
  const { values: args } = parseArgs({
    options: {
      runs: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '2' },
      only: { type: 'string' },
      why: { type: 'string' },
      files: { type: 'string', default: '40' },
      json: { type: 'boolean', default: false },
      'wrapper-iterations': { type: 'string', default: '2000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (args.help) {
    console.log(
      'pnpm bench:functions [--runs 30 (0: bytes only)] [--warmup 2] [--only catalog,users] [--why <function> [--files 40]] [--json] [--wrapper-iterations 2000]',
    );
    return;
  }
  const runs = Number(args.runs);
  const warmup = Number(args.warmup);
  const only = args.only?.split(',').map((name) => name.trim());
  const esbuild = require('esbuild');
  const { esbuildOptionsOf, baseCustomEsbuild, bundleContentPlugins } = require('./src/runtime/packaging-options.cjs');

  const lib = await bundlePlatform(esbuild, {
    'bench-functions-config': 'src/config/service-config.ts',
    'bench-functions-engine': 'src/engine/engine.ts',
    'bench-functions-tables': 'src/engine/tables.ts',
    'bench-functions-secrets': 'src/config/local-secrets.ts',
  });
  const { discoverServices, discoverStacks, loadServiceConfig } = require(lib['bench-functions-config']);
  const { startEngine } = require(lib['bench-functions-engine']);
  const { tablesOf, ensureTables, engineClient } = require(lib['bench-functions-tables']);
  const { localSecret } = require(lib['bench-functions-secrets']);

  const work = mkdtempSync(path.join(os.tmpdir(), 'emporium-bench-functions-'));
  const step = (text) => process.stderr.write(`${text}\n`);
  // Every option of the packaging build, plus a metafile to say what a bundle holds. esbuild writes
  // the packaging build's external map beside each bundle; the bytes counted are the bundle's.
  const buildOne = async (options, entry, outfile, absWorkingDir) => {
    const result = await esbuild.build({
      ...options,
      plugins: bundleContentPlugins(WORKSPACE_ROOT),
      entryPoints: [entry],
      outfile,
      absWorkingDir,
      metafile: true,
      logLevel: 'error',
    });
    return { bytes: statSync(outfile).size, metafile: result.metafile };
  };

  step('reading each stack (serverless print, cached in .emporium/config-cache)...');
  const dirs = (await discoverServices()).filter((dir) => !only || only.includes(path.basename(dir)));
  const stacks = await Promise.all((await discoverStacks(dirs)).map(({ dir, configFile }) => loadServiceConfig(dir, 'local', configFile)));

  // The floor, with the base file's settings; every stack must build with the same ones.
  const baseOptions = esbuildOptionsOf(baseCustomEsbuild(WORKSPACE_ROOT));
  for (const stack of stacks) {
    const own = JSON.stringify(esbuildOptionsOf(stack.config.custom?.esbuild));
    if (own !== JSON.stringify(baseOptions)) throw new Error(`${stack.name}: custom.esbuild differs from serverless.base.yml's: ${own}`);
  }
  const catalog = stacks.find((stack) => stack.name === 'catalog') ?? (await loadServiceConfig(path.join(WORKSPACE_ROOT, 'services', 'catalog'), 'local'));
  const floorTable = tablesOf(catalog)[0].input;
  const keyNames = floorTable.KeySchema.map((key) => key.AttributeName);
  const floorSource = path.join(catalog.dir, '.bench-floor.ts');
  writeFileSync(
    floorSource,
    [
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      "import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';",
      'const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT }));',
      'export const handler = async (event: { pathParameters?: { id?: string } }) => {',
      `  const { Item } = await db.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { ${keyNames.map((key) => `${key}: \`PRODUCT#\${event.pathParameters?.id}\``).join(', ')} } }));`,
      "  return Item ? { statusCode: 200, body: JSON.stringify(Item) } : { statusCode: 404, body: '' };",
      '};',
      '',
    ].join('\n'),
  );

  step('building the floor and every function with the packaging settings...');
  const functions = [];
  try {
    const floorBuild = await buildOne(baseOptions, floorSource, path.join(work, 'floor.js'), catalog.dir);
    functions.push({
      stack: 'floor',
      name: 'getItem (floor)',
      ...floorBuild,
      file: path.join(work, 'floor.js'),
      exportName: 'handler',
      service: catalog,
      fn: { handler: 'x.handler', events: [] },
      floor: true,
    });
    for (const stack of stacks) {
      const options = esbuildOptionsOf(stack.config.custom?.esbuild);
      for (const [name, fn] of Object.entries(stack.config.functions)) {
        const dot = fn.handler.lastIndexOf('.');
        const entry = path.join(stack.dir, `${fn.handler.slice(0, dot)}.ts`);
        const file = path.join(work, stack.name, `${name}.js`);
        functions.push({
          stack: stack.name,
          name,
          ...(await buildOne(options, entry, file, stack.dir)),
          file,
          exportName: fn.handler.slice(dot + 1),
          service: stack,
          fn,
        });
      }
    }
  } finally {
    rmSync(floorSource, { force: true });
  }

  if (args.why) {
    // What the function holds beyond the floor, by package and by file (esbuild's metafiles): the
    // bytes a change can win back.
    const target = functions.find((fn) => fn.name === args.why || `${fn.stack}.${fn.name}` === args.why);
    if (!target) throw new Error(`--why ${args.why}: no such function`);
    const inputsOf = (fn) => {
      const output = Object.values(fn.metafile.outputs).find((out) => out.entryPoint);
      // One key per file whatever the folder it was built from: the path from node_modules/ on, or from the repository.
      return new Map(
        Object.entries(output.inputs).map(([input, { bytesInOutput }]) => {
          const at = input.lastIndexOf('node_modules/');
          const key =
            at >= 0 ? input.slice(at + 13).replace(/^\.pnpm\/[^/]+\/node_modules\//, '') : path.relative(WORKSPACE_ROOT, path.resolve(fn.service.dir, input));
          return [key, bytesInOutput];
        }),
      );
    };
    const ownerOf = (file) => {
      const parts = file.split('/');
      if (!file.includes('node_modules') && !parts[0].startsWith('@') && ['services', 'packages'].includes(parts[0])) return parts.slice(0, 3).join('/');
      return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    };
    const floorInputs = inputsOf(functions.find((fn) => fn.floor));
    const beyond = [...inputsOf(target)].map(([file, bytes]) => [file, bytes - (floorInputs.get(file) ?? 0)]).filter(([, bytes]) => bytes !== 0);
    const byOwner = new Map();
    for (const [file, bytes] of beyond) byOwner.set(ownerOf(file), (byOwner.get(ownerOf(file)) ?? 0) + bytes);
    const floor = functions.find((fn) => fn.floor);
    const budget = Math.floor(floor.bytes * BUDGET) - floor.bytes;
    console.log(
      `${target.stack}.${target.name}: ${target.bytes.toLocaleString('en-US')} bytes, ${(target.bytes - floor.bytes).toLocaleString('en-US')} beyond the floor (the budget allows ${budget.toLocaleString('en-US')}); by package:`,
    );
    for (const [owner, bytes] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${String(bytes).padStart(9)}  ${owner}`);
    console.log('largest files beyond the floor:');
    for (const [file, bytes] of beyond.sort((a, b) => b[1] - a[1]).slice(0, Number(args.files))) console.log(`  ${String(bytes).padStart(9)}  ${file}`);
    return;
  }

  if (runs === 0) {
    // Bytes only (--runs 0): no engine, no cold starts, no wrapper; a quick look while trimming bundles.
    const floor = functions.find((fn) => fn.floor);
    for (const fn of functions)
      console.log(
        `${fn.floor ? fn.name : `${fn.stack}.${fn.name}`}\t${fn.bytes}\t${(fn.bytes / floor.bytes).toFixed(3)}${fn.bytes / floor.bytes > BUDGET ? ' !' : ''}`,
      );
    rmSync(work, { recursive: true, force: true });
    return;
  }

  step('starting the engine and the tables...');
  const engine = await startEngine({ port: 0 });
  try {
    const client = engineClient(engine.endpoint);
    await ensureTables(
      client,
      stacks.flatMap((stack) => tablesOf(stack)),
    );
    if (!stacks.includes(catalog)) await ensureTables(client, tablesOf(catalog));

    const envOf = async (service, name, fn) => {
      const declared = { ...service.config.provider.environment, ...fn.environment };
      const env = Object.fromEntries(Object.entries(declared).map(([key, value]) => [key, String(value)]));
      for (const [key, parameter] of Object.entries(env))
        if (key.endsWith('_PARAMETER')) env[key.slice(0, -'_PARAMETER'.length)] = await localSecret(parameter);
      const region = service.config.provider.region ?? 'eu-west-1';
      return {
        PATH: process.env.PATH,
        ...env,
        AWS_REGION: region,
        AWS_DEFAULT_REGION: region,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_LAMBDA_FUNCTION_NAME: `${service.name}-local-${name}`,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize ?? 512),
        DYNAMODB_ENDPOINT: engine.endpoint,
        TZ: 'UTC',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      };
    };
    // The first request: the function's route with its parameters filled (an admin's call); a
    // schedule's event; an authorizer's token. What it answered is printed beside the time.
    const firstEventOf = (fn) => {
      const http = fn.events?.find((event) => event.http)?.http;
      if (http) {
        const filled = http.path.replace(/\{(\w+)\+?\}/g, A_ULID);
        const pathParameters = Object.fromEntries([...http.path.matchAll(/\{(\w+)\+?\}/g)].map(([, name]) => [name, A_ULID]));
        const method = http.method.toUpperCase();
        const base = fn.environment?.API_BASE_PATH ?? '';
        return {
          resource: http.path,
          path: `${base}${filled}`,
          httpMethod: method,
          headers: { 'content-type': 'application/json', 'if-match': '"1"', 'idempotency-key': 'bench-1' },
          multiValueHeaders: {},
          queryStringParameters: null,
          multiValueQueryStringParameters: null,
          pathParameters: Object.keys(pathParameters).length ? pathParameters : null,
          stageVariables: null,
          requestContext: {
            requestId: 'bench-request',
            resourcePath: http.path,
            httpMethod: method,
            path: `/local${filled}`,
            stage: 'local',
            identity: { sourceIp: '127.0.0.1' },
            authorizer: { principalId: A_ULID, role: 'admin' },
          },
          body: ['POST', 'PUT', 'PATCH'].includes(method) ? '{}' : null,
          isBase64Encoded: false,
        };
      }
      if (fn.events?.some((event) => event.schedule))
        return { source: 'aws.events', 'detail-type': 'Scheduled Event', time: new Date().toISOString(), detail: {} };
      return { type: 'TOKEN', authorizationToken: 'Bearer not-a-token', methodArn: 'arn:aws:execute-api:eu-west-1:000000000000:api/local/GET/products' };
    };

    const coldRun = (fn, env, event) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [SELF], {
          env: { ...env, EMPORIUM_BENCH_COLD: JSON.stringify({ bundle: fn.file, exportName: fn.exportName, event, name: env.AWS_LAMBDA_FUNCTION_NAME }) },
          stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        });
        let stderr = '';
        let result;
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('message', (message) => (result = message));
        child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`${fn.stack}.${fn.name}: exited ${code}: ${stderr.slice(-500)}`))));
      });

    // Each function's runs alternate with runs of the floor, and its ratio is taken against the
    // floor runs made beside its own: a machine whose load changes during the benchmark (a shared
    // one) moves both sides alike. The runs go round the functions (one run of each, then the
    // next), so a burst of load lasting seconds falls on a run or two of many functions, not on
    // every run of one (which moved a single function's ratio by 0.2 when they ran in a block).
    step(`cold init: ${functions.length - 1} functions x (${warmup} discarded + ${runs}) fresh processes, each beside as many of the floor, round by round...`);
    const floorFn = functions.find((fn) => fn.floor);
    const floorEnv = { ...(await envOf(catalog, 'floor', { environment: {} })), TABLE_NAME: floorTable.TableName };
    const floorEvent = { pathParameters: { id: A_ULID } };
    const measured = [];
    for (const fn of functions.filter((candidate) => !candidate.floor)) {
      measured.push({ fn, env: await envOf(fn.service, fn.name, fn.fn), event: firstEventOf(fn.fn), samples: [], besideFloor: [] });
    }
    for (let run = 0; run < warmup + runs; run += 1) {
      for (const entry of measured) {
        const floorSample = await coldRun(floorFn, floorEnv, floorEvent);
        const sample = await coldRun(entry.fn, entry.env, entry.event);
        if (run < warmup) continue;
        entry.samples.push(sample);
        entry.besideFloor.push(floorSample);
      }
    }
    const floorSamples = measured.flatMap((entry) => entry.besideFloor);
    for (const { fn, samples, besideFloor } of measured) {
      fn.coldMs = median(samples.map((sample) => sample.coldMs));
      fn.initMs = median(samples.map((sample) => sample.initMs));
      fn.coldRatio = fn.coldMs / median(besideFloor.map((sample) => sample.coldMs));
      fn.status = samples[0].status;
    }
    floorFn.coldMs = median(floorSamples.map((sample) => sample.coldMs));
    floorFn.initMs = median(floorSamples.map((sample) => sample.initMs));
    floorFn.coldRatio = 1;
    floorFn.status = (await coldRun(floorFn, floorEnv, floorEvent)).status;
  } finally {
    await engine.stop();
  }

  step('the shared handler wrapper against a bare handler, warm...');
  const wrapperFile = path.join(work, 'wrapper.js');
  await esbuild.build({
    ...baseOptions,
    plugins: bundleContentPlugins(WORKSPACE_ROOT),
    entryPoints: [path.join(WORKSPACE_ROOT, 'packages', 'common', 'src', 'http', 'handler.bench.ts')],
    outfile: wrapperFile,
    logLevel: 'error',
  });
  const wrapperRun = (overrides) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [SELF], {
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'eu-west-1',
          AWS_LAMBDA_FUNCTION_NAME: 'wrapper-bench',
          POWERTOOLS_SERVICE_NAME: 'bench',
          POWERTOOLS_METRICS_NAMESPACE: 'Emporium',
          HTTP_CACHE_MAX_AGE: '60',
          ...overrides,
          EMPORIUM_BENCH_WRAPPER: JSON.stringify({ bundle: wrapperFile, iterations: Number(args['wrapper-iterations']) }),
        },
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let stderr = '';
      let result;
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('message', (message) => (result = message));
      child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`wrapper bench exited ${code}: ${stderr.slice(-500)}`))));
    });
  // As in AWS (an INFO line and the EMF metrics of every request, to a stdout nobody reads here),
  // and as the local stage runs it (WARN, metrics off).
  const wrapper = {
    aws: await wrapperRun({ POWERTOOLS_LOG_LEVEL: 'INFO', POWERTOOLS_METRICS_DISABLED: 'false' }),
    local: await wrapperRun({ POWERTOOLS_LOG_LEVEL: 'WARN', POWERTOOLS_METRICS_DISABLED: 'true' }),
  };
  rmSync(work, { recursive: true, force: true });

  const floor = functions.find((fn) => fn.floor);
  const rows = functions.map((fn) => ({
    function: fn.floor ? fn.name : `${fn.stack}.${fn.name}`,
    bytes: fn.bytes,
    bytesRatio: fn.bytes / floor.bytes,
    initMs: fn.initMs,
    coldMs: fn.coldMs,
    coldRatio: fn.coldRatio,
    firstAnswer: fn.status,
  }));
  if (args.json) {
    console.log(JSON.stringify({ runs, warmup, budget: BUDGET, rows, wrapper }, null, 2));
    return;
  }
  const mark = (ratio) => (ratio <= BUDGET ? ' ' : '!');
  console.log(
    `\nFunction size and cold init (Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}; median of ${runs} fresh processes after ${warmup} discarded, each beside a run of the floor; budget ${BUDGET}x the floor)`,
  );
  console.log('| function | bytes | / floor | require ms | cold init ms | / floor (runs beside it) | first answer |');
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const row of rows) {
    console.log(
      `| ${row.function} | ${row.bytes.toLocaleString('en-US')} | ${row.bytesRatio.toFixed(2)}${mark(row.bytesRatio)} | ${row.initMs.toFixed(1)} | ${row.coldMs.toFixed(1)} | ${row.coldRatio.toFixed(2)}${mark(row.coldRatio)} | ${row.firstAnswer} |`,
    );
  }
  const over = rows.filter((row) => row.bytesRatio > BUDGET || row.coldRatio > BUDGET);
  const worst = (key) => rows.reduce((a, b) => (b[key] > a[key] ? b : a));
  console.log(
    `\n${rows.length - 1} functions; largest ${worst('bytesRatio').function} ${worst('bytesRatio').bytesRatio.toFixed(2)}x the floor's bytes, slowest ${worst('coldRatio').function} ${worst('coldRatio').coldRatio.toFixed(2)}x its cold init; ${over.length === 0 ? 'all within' : `${over.length} over`} ${BUDGET}x (! marks them)`,
  );
  for (const [setting, { wrappedUs, bareUs }] of Object.entries(wrapper)) {
    console.log(
      `handler wrapper, warm (${setting === 'aws' ? 'as in AWS: INFO line + EMF metrics per request' : 'local stage: WARN, metrics off'}): ${(wrappedUs / 1000).toFixed(4)} ms wrapped, ${(bareUs / 1000).toFixed(4)} ms bare, +${((wrappedUs - bareUs) / 1000).toFixed(4)} ms per invocation (limit 0.1)`,
    );
  }
}
