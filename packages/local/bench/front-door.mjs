#!/usr/bin/env node
// Front-door benchmark (run with `pnpm bench` at the repository root).
//
// GET /v1/catalog/products/{id} at N concurrent connections against
//   A. plain `serverless offline --stage local` in services/catalog (its default worker-thread mode),
//      against the platform's DynamoDB engine (started alone, with catalog's table);
//   B. the local platform (every service, `startPlatform`), (i) with the stage cache off, so every
//      request runs the Lambda handler and reads the engine, and (ii) with the stage cache on.
//      Both without the stage's throttling (it would cap the rate measured here at the route's
//      configured rate: that is bench/throttle.mjs's subject), as serverless offline has none.
//   C. the platform's start as `pnpm start` runs it (`node packages/local/bin/emporium-local.mjs`):
//      cold, on an empty bundle cache (every function bundled; the configuration cache is kept), and
//      warm, right after, with nothing changed; time from spawn to "Emporium is running", with the
//      steps the start prints. The cache is a folder of its own (EMPORIUM_BUNDLE_DIR), so platforms
//      running from .emporium/bundles are not disturbed.
// Every server runs in its own process tree and autocannon in another process, so the load
// generator never shares a server's event loop. Peak RSS is the whole process tree of the side
// under test (VmRSS of every process, summed, sampled every 250 ms from ready to end of run).
//
// Not a test: prints a table and the ratio against the targets and exits 0; exit 1 only when
// something failed to start or to answer. Numbers also go to .emporium/bench/front-door.json.
import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BUNDLE_DIR, bundlePlatform, PACKAGE_ROOT } from '../bin/bundle-platform.mjs';

const SELF = fileURLToPath(import.meta.url);
const WORKSPACE_ROOT = path.resolve(PACKAGE_ROOT, '..', '..');
const OUT_DIR = path.join(WORKSPACE_ROOT, '.emporium', 'bench');
const SERVICE = 'catalog';
const SERVICE_DIR = path.join(WORKSPACE_ROOT, 'services', SERVICE);
const BASE_PATH = `/v1/${SERVICE}`;
const TARGETS = { ratio: 4, p99Ms: 150, rssMb: 600, warmStartS: 5 };
const CLI = path.join(PACKAGE_ROOT, 'bin', 'emporium-local.mjs');
const require = createRequire(path.join(PACKAGE_ROOT, 'package.json'));

const USAGE = `Usage: pnpm bench [options]
  --duration <s>      measured run per side, seconds (default 15)
  --connections <n>   concurrent connections (default 50)
  --skip-offline      skip the serverless offline baseline (quick run; no ratio)
  --workers <n>       the platform's invocation worker threads (default: its own default; 0: none)
  --skip-start        skip timing the platform's cold and warm start
  --start-only        only time the platform's cold and warm start
  --help`;

const QUIET_ENV = {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  SLS_TELEMETRY_DISABLED: '1',
  SLS_NOTIFICATIONS_MODE: 'off',
};

class BenchError extends Error {}

// ---------------------------------------------------------------------------------------------
// Platform child: `front-door.mjs --platform-child '<options json>'` runs startPlatform() in its
// own process and reports its URL over IPC; SIGTERM (or losing the parent) stops it.

const platformChild = async (options) => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  try {
    const { startPlatform } = require(path.join(BUNDLE_DIR, 'bench-platform.cjs'));
    const platform = await startPlatform({ port: 0, dbPort: 0, ...options });
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      platform.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    process.on('disconnect', stop);
    const ready = {
      type: 'ready',
      port: platform.port,
      engineEndpoint: platform.engineEndpoint,
      services: platform.services.map((s) => s.name),
      seeded: platform.seeded,
      apiKey: platform.apiKeys?.webApp,
    };
    // Without an IPC channel (started by hand, e.g. to profile it), say it on stdout.
    if (process.send) process.send(ready);
    else console.log(JSON.stringify(ready));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (process.send) process.send({ type: 'error', message });
    else console.error(message);
    process.exit(1);
  }
};

// ---------------------------------------------------------------------------------------------
// Process trees and memory (Linux /proc).

const readProcs = () => {
  const procs = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // comm may contain spaces and parentheses: the fields after the last ')' are fixed.
      const close = stat.lastIndexOf(')');
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      procs.set(Number(entry), { ppid, comm: stat.slice(stat.indexOf('(') + 1, close) });
    } catch {
      // the process exited while we looked
    }
  }
  return procs;
};

const treeOf = (root, procs = readProcs()) => {
  const children = new Map();
  for (const [pid, { ppid }] of procs) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const tree = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift();
    if (!procs.has(pid)) continue;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
};

const rssKbOf = (pid) => {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
};

const describeProc = (pid, comm) => {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const script = cmd.slice(1).find((arg) => !arg.startsWith('-'));
    return script ? `${path.basename(cmd[0])} ${path.basename(script)}` : path.basename(cmd[0] ?? comm);
  } catch {
    return comm;
  }
};

/** Samples the summed VmRSS of the process tree under `root` every 250 ms until stopped. */
const sampleTreeRss = (root) => {
  let peakKb = 0;
  let peakBreakdown = [];
  let lastTree = [root];
  const sample = () => {
    const procs = readProcs();
    lastTree = treeOf(root, procs);
    const parts = lastTree.map((pid) => ({ pid, kb: rssKbOf(pid) }));
    const total = parts.reduce((sum, p) => sum + p.kb, 0);
    if (total > peakKb) {
      peakKb = total;
      peakBreakdown = parts.map((p) => ({ pid: p.pid, process: describeProc(p.pid, procs.get(p.pid)?.comm ?? '?'), rssMb: round(p.kb / 1024) }));
    }
  };
  sample();
  const timer = setInterval(sample, 250).unref();
  return {
    pids: () => lastTree,
    stop: () => {
      clearInterval(timer);
      sample();
      return { peakRssMb: round(peakKb / 1024), peakBreakdown };
    },
  };
};

/** CPU time of a process and of its reaped children, in clock ticks (USER_HZ, 100 on Linux). */
const cpuTicksOf = (pid) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return { self: f[11] + f[12], children: f[13] + f[14] };
  } catch {
    return { self: 0, children: 0 };
  }
};

const machineBusyTicks = () => {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return f.slice(0, 8).reduce((a, b) => a + b, 0) - f[3] - f[4];
};

/**
 * Where the machine's CPU went during a run, in % of one core: each process of the tree under
 * test, autocannon (a reaped child of this process) and everything else on the machine, so a run
 * disturbed by other work is visible.
 */
const cpuAccount = (treePids) => {
  const procs = readProcs();
  const pids = treePids();
  const start = {
    at: process.hrtime.bigint(),
    tree: new Map(pids.map((pid) => [pid, cpuTicksOf(pid).self])),
    self: cpuTicksOf(process.pid),
    busy: machineBusyTicks(),
  };
  return () => {
    const seconds = Number(process.hrtime.bigint() - start.at) / 1e9;
    const pct = (ticks) => round(ticks / seconds, 0); // 100 ticks per second = 100 % of a core
    const tree = [...start.tree].map(([pid, ticks]) => ({
      pid,
      process: describeProc(pid, procs.get(pid)?.comm ?? '?'),
      ticks: Math.max(0, cpuTicksOf(pid).self - ticks),
    }));
    const self = cpuTicksOf(process.pid);
    const autocannonTicks = self.children - start.self.children;
    const benchTicks = self.self - start.self.self;
    const treeTicks = tree.reduce((sum, p) => sum + p.ticks, 0);
    const otherTicks = Math.max(0, machineBusyTicks() - start.busy - treeTicks - autocannonTicks - benchTicks);
    return {
      server: tree.filter((p) => p.ticks > 0).map((p) => ({ pid: p.pid, process: p.process, pct: pct(p.ticks) })),
      serverPct: pct(treeTicks),
      autocannonPct: pct(autocannonTicks),
      benchPct: pct(benchTicks),
      otherPct: pct(otherTicks),
      capacityPct: os.cpus().length * 100,
    };
  };
};

const isAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Signals `child`, waits for it, then SIGKILLs whatever of its tree is left (by pid). */
const stopTree = async (child, signal, pidsOfTree) => {
  const pids = pidsOfTree();
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill(signal);
    const timeout = sleep(15_000).then(() => 'timeout');
    if ((await Promise.race([exited, timeout])) === 'timeout') child.kill('SIGKILL');
    await exited;
  }
  // Grandchildren (esbuild's service, the engine) normally exit with their parent; give them a moment.
  for (let i = 0; i < 20 && pids.some(isAlive); i++) await sleep(100);
  for (const pid of pids.filter(isAlive)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
};

// ---------------------------------------------------------------------------------------------
// HTTP helpers and load.

const round = (n, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const request = async (method, url, body, headers = {}) => {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
};

/**
 * Creates the benchmark's product through the service's own API (as an admin: `headers` carry the
 * credentials each side understands) and checks it reads back.
 */
const prepareProduct = async (origin, label, headers) => {
  const sku = `BENCH-${Date.now().toString(36).toUpperCase()}-${Math.floor(Math.random() * 1e6)}`;
  const created = await request(
    'POST',
    `${origin}${BASE_PATH}/products`,
    {
      sku,
      name: 'Benchmark product',
      description: 'Created by packages/local/bench/front-door.mjs.',
      price: { amount: 1999, currency: 'EUR' },
      category: 'bench',
      stock: 100,
    },
    headers,
  );
  if (created.status !== 201 || typeof created.json?.id !== 'string') {
    throw new BenchError(`${label}: POST ${BASE_PATH}/products -> ${created.status} ${created.text.slice(0, 300)}`);
  }
  const url = `${origin}${BASE_PATH}/products/${created.json.id}`;
  const read = await request('GET', url, undefined, headers);
  if (read.status !== 200 || read.json?.id !== created.json.id || read.json?.sku !== sku) {
    throw new BenchError(`${label}: GET ${url} -> ${read.status} ${read.text.slice(0, 300)}`);
  }
  const again = await request('GET', url, undefined, headers);
  return { url, id: created.json.id, xCache: again.headers.get('x-cache') };
};

const AUTOCANNON = path.join(path.dirname(require.resolve('autocannon/package.json')), 'autocannon.js');

/** The autocannon process running now, if any (stopped on Ctrl-C with the servers). */
let loadGenerator;

/** One autocannon run in its own process; resolves to its JSON result. */
const autocannon = async (url, { connections, duration, timeout = 30, headers = {} }) => {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]);
  const child = (loadGenerator = spawn(
    process.execPath,
    [AUTOCANNON, '-c', String(connections), '-d', String(duration), '-t', String(timeout), ...headerArgs, '-n', '-j', url],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  ));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  loadGenerator = undefined;
  if (code !== 0) throw new BenchError(`autocannon exited with ${code}: ${stderr.trim().slice(-500)}`);
  try {
    return JSON.parse(stdout);
  } catch {
    throw new BenchError(`autocannon printed no JSON: ${stdout.slice(0, 300)} ${stderr.slice(-300)}`);
  }
};

/**
 * Warm-up, the same for every side: ramps the connections up in steps (so a server that starts a
 * worker per concurrent request, as serverless offline does, starts a few at a time rather than
 * all at once and past its 10 s Lambda timeout), then holds the full load.
 */
const warmUp = async (url, connections, log, headers) => {
  const steps = [...new Set([1, 2, 5, 10, 20, 30, 40, connections].filter((c) => c <= connections))];
  for (const c of steps) {
    const r = await autocannon(url, { connections: c, duration: c === connections ? 5 : 3, headers });
    log(
      `    warm-up ${String(c).padStart(3)} connections: ${Math.round(r.requests.average)} req/s, ${r['2xx']} ok, ${r.non2xx} non-2xx, ${r.errors + r.timeouts} errors`,
    );
  }
};

const summarize = (r) => ({
  reqPerSec: round(r.requests.average),
  requests: r.requests.total,
  ok: r['2xx'],
  latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, average: round(r.latency.average, 2) },
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
  statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count])),
});

/** Warm-up, then the measured run, with the process tree's RSS sampled throughout. */
const measure = async ({ url, headers = {}, rootPid, connections, duration, log, sampler }) => {
  await warmUp(url, connections, log, headers);
  // The machine's CPU use while the server idles: anything well above 0 is other work that will
  // compete with the run.
  const before = machineBusyTicks();
  await sleep(2000);
  const backgroundPct = round((machineBusyTicks() - before) / 2, 0);
  log(`    measuring ${duration} s at ${connections} connections (machine busy ${backgroundPct}% of a core just before, server idle)...`);
  const account = cpuAccount(sampler.pids);
  const result = summarize(await autocannon(url, { connections, duration, timeout: 10, headers }));
  const cpu = account();
  const rss = sampler.stop();
  log(`    ${result.reqPerSec} req/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, peak RSS ${rss.peakRssMb} MB (pid ${rootPid} tree)`);
  log(`    peak RSS by process: ${rss.peakBreakdown.map((p) => `${p.process} ${p.rssMb}`).join(', ')}`);
  log(
    `    CPU, % of one core (${cpu.capacityPct} available): ${cpu.server.map((p) => `${p.process} ${p.pct}`).join(', ')}; autocannon ${cpu.autocannonPct}; other processes ${cpu.otherPct}`,
  );
  return { ...result, ...rss, cpu: { ...cpu, backgroundBeforePct: backgroundPct } };
};

// ---------------------------------------------------------------------------------------------
// Side A: serverless offline.

const waitForLog = async (file, pattern, child, timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    if (pattern.test(readFileSync(file, 'utf8'))) return true;
    await sleep(250);
  }
  return false;
};

const logTail = (file, lines = 15) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trimEnd()
        .split('\n')
        .slice(-lines)
        .map((l) => `      | ${l}`)
        .join('\n')
    : '';

const runOffline = async ({ connections, duration, log, cleanups, bundles }) => {
  log('A. serverless offline (default worker-thread mode)');
  const { startEngineWithTables } = bundles.engineOnly;
  const engine = await startEngineWithTables({ services: [SERVICE] });
  const stopEngine = () => engine.stop();
  cleanups.push(stopEngine);
  const enginePid = [...readProcs()].find(([pid, p]) => p.ppid === process.pid && /engine-child\.cjs/.test(describeProc(pid, p.comm)))?.[0];
  log(`    engine ${engine.endpoint} (tables: ${Object.values(engine.tables).flat().join(', ')})`);

  const httpPort = await freePort();
  const lambdaPort = await freePort();
  const bin = path.join(SERVICE_DIR, 'node_modules', '.bin', 'serverless');
  if (!existsSync(bin)) throw new BenchError(`${bin} is missing: run pnpm install first.`);
  const logFile = path.join(OUT_DIR, 'serverless-offline.log');
  const fd = openSync(logFile, 'w');
  // serverless-offline hands a handler only the AWS_* variables of its own environment plus the
  // provider/function environment of serverless.yml; --localEnvironment passes the rest too, which
  // is how DYNAMODB_ENDPOINT reaches the handlers (serverless.yml does not set it).
  // --noAuth: serverless offline cannot reach the users service's JWKS here; the product is created
  // as an admin through its documented `sls-offline-authorizer-override` header. The measured GET
  // is a public route either way.
  const args = [
    'offline',
    '--stage',
    'local',
    '--host',
    '127.0.0.1',
    '--httpPort',
    String(httpPort),
    '--lambdaPort',
    String(lambdaPort),
    '--localEnvironment',
    '--noAuth',
  ];
  log(`    $ (cd services/${SERVICE} && serverless ${args.join(' ')})   DYNAMODB_ENDPOINT=${engine.endpoint}`);
  const child = spawn(bin, args, {
    cwd: SERVICE_DIR,
    env: { ...process.env, ...QUIET_ENV, DYNAMODB_ENDPOINT: engine.endpoint, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const started = Date.now();
  let tree = () => [child.pid];
  const stop = () => stopTree(child, 'SIGINT', tree);
  cleanups.push(stop);
  if (!(await waitForLog(logFile, /Server ready:/, child, 180_000))) {
    throw new BenchError(`serverless offline did not start (log: ${path.relative(WORKSPACE_ROOT, logFile)}):\n${logTail(logFile)}`);
  }
  log(`    ready on :${httpPort} after ${round((Date.now() - started) / 1000)} s (pid ${child.pid}; log ${path.relative(WORKSPACE_ROOT, logFile)})`);
  const sampler = sampleTreeRss(child.pid);
  tree = sampler.pids;
  const engineSampler = enginePid ? sampleTreeRss(enginePid) : undefined;
  const product = await prepareProduct(`http://127.0.0.1:${httpPort}`, 'serverless offline', {
    'sls-offline-authorizer-override': JSON.stringify({ principalId: 'bench', role: 'admin' }),
  });
  log(`    GET ${new URL(product.url).pathname} -> 200`);
  const result = await measure({ url: product.url, rootPid: child.pid, connections, duration, log, sampler });
  const engineRss = engineSampler?.stop();
  const lambdaTimeouts = (readFileSync(logFile, 'utf8').match(/\[504\] - Lambda timeout/g) ?? []).length;
  await stop();
  cleanups.splice(cleanups.indexOf(stop), 1);
  await stopEngine();
  cleanups.splice(cleanups.indexOf(stopEngine), 1);
  return { ...result, engineRssMb: engineRss?.peakRssMb, lambdaTimeoutsInLog: lambdaTimeouts };
};

// ---------------------------------------------------------------------------------------------
// Side B: the platform.

const runPlatform = async ({ label, slug, options, connections, duration, log, cleanups }) => {
  log(`B. ${label}`);
  const logFile = path.join(OUT_DIR, `platform-${slug}.log`);
  const fd = openSync(logFile, 'w');
  const child = fork(SELF, ['--platform-child', JSON.stringify(options)], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, ...QUIET_ENV },
    stdio: ['ignore', fd, fd, 'ipc'],
  });
  closeSync(fd);
  const started = Date.now();
  let tree = () => [child.pid];
  const stop = () => stopTree(child, 'SIGTERM', tree);
  cleanups.push(stop);
  const message = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ type: 'error', message: 'no answer within 180 s' }), 180_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ type: 'error', message: `exited with code ${code}` });
    });
  });
  if (message.type !== 'ready') {
    throw new BenchError(`the platform did not start: ${message.message} (log: ${path.relative(WORKSPACE_ROOT, logFile)})\n${logTail(logFile)}`);
  }
  log(
    `    ready on :${message.port} after ${round((Date.now() - started) / 1000)} s (pid ${child.pid}, ${message.services.length} services: ${message.services.join(', ')}; startPlatform(${JSON.stringify({ port: 0, dbPort: 0, ...options })}))`,
  );
  const sampler = sampleTreeRss(child.pid);
  tree = sampler.pids;
  const origin = `http://127.0.0.1:${message.port}`;
  // The platform runs the real authorizer: sign in as the admin the users service seeds locally.
  const session = await request(
    'POST',
    `${origin}/v1/users/sessions`,
    { email: 'admin@emporium.local', password: 'emporium-admin-local' },
    { 'x-api-key': message.apiKey },
  );
  if (session.status !== 200) throw new BenchError(`${label}: admin sign-in -> ${session.status} ${session.text.slice(0, 300)}`);
  // The product read is a keyed route: the platform's first-party web app key (serverless offline
  // runs with --noAuth, which turns its key check off too).
  const keyed = { 'x-api-key': message.apiKey };
  const product = await prepareProduct(origin, label, { authorization: `Bearer ${session.json.accessToken}`, ...keyed });
  const expectCache = options.cacheTtlSeconds !== 0;
  if (expectCache !== (product.xCache === 'Hit from gateway')) {
    throw new BenchError(`${label}: the second GET said x-cache: ${product.xCache ?? '(none)'}; the stage cache is not in the expected state.`);
  }
  log(`    GET ${new URL(product.url).pathname} -> 200${product.xCache ? ` (x-cache: ${product.xCache})` : ' (no x-cache: handler runs every time)'}`);
  const result = await measure({ url: product.url, headers: keyed, rootPid: child.pid, connections, duration, log, sampler });
  await stop();
  cleanups.splice(cleanups.indexOf(stop), 1);
  return result;
};

// ---------------------------------------------------------------------------------------------
// C. Start: cold (empty bundle cache) and warm (nothing changed).

const STEP_LINE = /^\s{2}(configuration|engine|tables|bundles|functions|seed)\s+(\d+(?:\.\d+)?) s\s+(.*)$/;

/** Spawns the CLI as `pnpm start` does, resolves when it says it is running, then stops it with Ctrl-C. */
const timeStart = async ({ label, bundleDir, log, cleanups }) => {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [CLI, '--port', '0', '--db-port', '0'], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, ...QUIET_ENV, EMPORIUM_BUNDLE_DIR: bundleDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => stopTree(child, 'SIGINT', () => treeOf(child.pid));
  cleanups.push(stop);
  let output = '';
  const readyMs = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new BenchError(`${label} start: not running after 300 s:\n${output.slice(-2000)}`)), 300_000);
    const onData = (chunk) => {
      output += chunk;
      if (/Emporium is running: http/.test(output)) {
        clearTimeout(timer);
        resolve(Number(process.hrtime.bigint() - started) / 1e6);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new BenchError(`${label} start: the platform exited with code ${code}:\n${output.slice(-2000)}`));
    });
  });
  const steps = output.split('\n').flatMap((line) => {
    const match = STEP_LINE.exec(line);
    return match ? [{ name: match[1], s: Number(match[2]), detail: match[3].trim() }] : [];
  });
  await stop();
  cleanups.splice(cleanups.indexOf(stop), 1);
  const seconds = round(readyMs / 1000, 2);
  log(
    `    ${label.padEnd(5)} ${seconds.toFixed(1).padStart(5)} s to "Emporium is running"   ${steps.map((step) => `${step.name} ${step.s.toFixed(1)}`).join(', ')}`,
  );
  return { seconds, steps };
};

const runStart = async ({ log, cleanups }) => {
  log(`C. start: node ${path.relative(WORKSPACE_ROOT, CLI)} --port 0 --db-port 0, from spawn to "Emporium is running"`);
  log('    cold: empty bundle cache (every function bundled; configuration cache kept); warm: again, nothing changed');
  const bundleDir = path.join(OUT_DIR, `start-bundles-${process.pid}`);
  await rm(bundleDir, { recursive: true, force: true });
  const removeDir = () => rm(bundleDir, { recursive: true, force: true });
  cleanups.push(removeDir);
  try {
    const cold = await timeStart({ label: 'cold', bundleDir, log, cleanups });
    const warm = await timeStart({ label: 'warm', bundleDir, log, cleanups });
    return { cold, warm };
  } finally {
    await removeDir();
    cleanups.splice(cleanups.indexOf(removeDir), 1);
  }
};

// ---------------------------------------------------------------------------------------------

const bundle = async () => {
  const esbuild = require('esbuild');
  const files = await bundlePlatform(esbuild, { 'bench-platform': 'src/platform.ts', 'bench-engine-only': 'src/engine/engine-only.ts' });
  await esbuild.stop();
  return { engineOnly: require(files['bench-engine-only']) };
};

const table = (rows) => {
  const header = ['side', 'req/s', 'p50 ms', 'p99 ms', 'errors/non-2xx', 'peak RSS MB'];
  const lines = rows.map((r) => [
    r.side,
    r.reqPerSec.toFixed(1),
    String(r.latencyMs.p50),
    String(r.latencyMs.p99),
    `${r.errors + r.timeouts}/${r.non2xx}`,
    r.peakRssMb.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('   '), ...lines.map(format)].join('\n');
};

const main = async () => {
  let values;
  try {
    // `pnpm bench -- --duration 5` hands the script a leading `--`.
    const args = process.argv.slice(2);
    ({ values } = parseArgs({
      args: args[0] === '--' ? args.slice(1) : args,
      options: {
        duration: { type: 'string', default: '15' },
        connections: { type: 'string', default: '50' },
        'skip-offline': { type: 'boolean', default: false },
        workers: { type: 'string' },
        'skip-start': { type: 'boolean', default: false },
        'start-only': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    console.error(`bench: ${error.message}\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (!(duration > 0) || !Number.isInteger(connections) || connections < 1 || (workers !== undefined && !(Number.isInteger(workers) && workers >= 0))) {
    console.error(`bench: --duration must be a positive number of seconds, --connections a positive integer, --workers a whole number.\n${USAGE}`);
    return 1;
  }
  const platformOptions = workers === undefined ? {} : { workers };
  const startOnly = values['start-only'];
  if (process.platform !== 'linux') {
    console.error('bench: RSS sampling reads /proc; run this on Linux.');
    return 1;
  }

  // The SDK's notice about Node 20 (see src/cli.ts) would otherwise print when the engine helper loads.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let interrupted = false;
  // After Ctrl-C the run in progress fails as its servers go: say nothing more.
  const log = (line) => {
    if (!interrupted) console.log(line);
  };
  const cleanups = [];
  const cleanup = async () => {
    loadGenerator?.kill('SIGKILL');
    for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
  };
  const onSignal = (signal) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping...`);
    cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  await mkdir(OUT_DIR, { recursive: true });
  const cpus = os.cpus();
  log(
    startOnly
      ? "Start benchmark: the platform's cold and warm start"
      : `Front-door benchmark: GET ${BASE_PATH}/products/{id}, ${connections} connections, ${duration} s per side after a warm-up${workers === undefined ? '' : `; platform with ${workers} invocation workers`}`,
  );
  log(`${cpus.length} cores (${cpus[0]?.model.trim() ?? '?'}), ${round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}\n`);

  const sides = {};
  let start;
  try {
    const bundles = startOnly ? undefined : await bundle();
    if (!startOnly && !values['skip-offline']) {
      sides.offline = { side: 'serverless offline (worker threads)', ...(await runOffline({ connections, duration, log, cleanups, bundles })) };
      log('');
    }
    if (!startOnly) {
      sides.platformNoCache = {
        side: 'platform, stage cache off',
        ...(await runPlatform({
          label: 'platform, stage cache off (every request runs the handler)',
          slug: 'no-cache',
          options: { ...platformOptions, cacheTtlSeconds: 0, throttle: false },
          connections,
          duration,
          log,
          cleanups,
        })),
      };
      log('');
      sides.platformCache = {
        side: 'platform, stage cache on',
        ...(await runPlatform({
          label: 'platform, stage cache on (default TTL, for information)',
          slug: 'cache',
          options: { ...platformOptions, throttle: false },
          connections,
          duration,
          log,
          cleanups,
        })),
      };
    }
    if (startOnly || !values['skip-start']) {
      if (!startOnly) log('');
      start = await runStart({ log, cleanups });
    }
  } catch (error) {
    if (!interrupted) console.error(`\nbench: ${error instanceof BenchError ? error.message : (error?.stack ?? error)}`);
    await cleanup();
    return 1;
  }
  await cleanup();

  const verdict = (ok) => (ok === undefined ? 'n/a' : ok ? 'MET' : 'NOT MET');
  const checks = {};
  const noCache = sides.platformNoCache;
  const ratio = sides.offline && noCache ? noCache.reqPerSec / Math.max(sides.offline.reqPerSec, 0.1) : undefined;
  if (noCache) {
    checks.ratio = {
      target: `>= ${TARGETS.ratio}x`,
      value: ratio === undefined ? null : round(ratio, 2),
      met: ratio === undefined ? undefined : ratio >= TARGETS.ratio,
    };
    checks.p99 = { target: `< ${TARGETS.p99Ms} ms`, value: noCache.latencyMs.p99, met: noCache.latencyMs.p99 < TARGETS.p99Ms };
    checks.rss = { target: `< ${TARGETS.rssMb} MB`, value: noCache.peakRssMb, met: noCache.peakRssMb < TARGETS.rssMb };

    log(`\nResults (${connections} connections, ${duration} s, GET ${BASE_PATH}/products/{id}; RSS = whole process tree)\n`);
    log(table(Object.values(sides)));
    if (sides.offline?.engineRssMb !== undefined)
      log(`(serverless offline's RSS excludes the engine it reads from: ${sides.offline.engineRssMb} MB peak; the platform's includes its engine)`);
    // Kernel work for our own traffic is charged to our processes, so CPU outside the server, autocannon
    // and this script during a run is other work on the machine competing for the cores.
    const disturbed = Object.values(sides).filter((s) => s.cpu.otherPct >= 20);
    if (disturbed.length > 0) {
      log(
        `WARNING: the machine was not idle: other processes used ${disturbed.map((s) => `${s.cpu.otherPct}% of a core during "${s.side}"`).join(', ')}; the numbers are noisy: run again on an idle machine.`,
      );
    }
    log('');
    log(
      ratio === undefined
        ? 'ratio (platform, no cache / serverless offline): n/a (--skip-offline)'
        : `ratio (platform, no cache / serverless offline): ${ratio.toFixed(1)}x`,
    );
    log(
      `  throughput   ${checks.ratio.target.padEnd(10)} ${(ratio === undefined ? 'n/a' : `${ratio.toFixed(1)}x`).padStart(9)}   ${verdict(checks.ratio.met)}`,
    );
    log(`  p99          ${checks.p99.target.padEnd(10)} ${`${noCache.latencyMs.p99} ms`.padStart(9)}   ${verdict(checks.p99.met)}`);
    log(`  peak RSS     ${checks.rss.target.padEnd(10)} ${`${noCache.peakRssMb} MB`.padStart(9)}   ${verdict(checks.rss.met)}`);
    // The platform as a developer runs it caches this GET at the gateway, as API Gateway does in AWS;
    // serverless offline cannot cache. Shown separately: the handler-path ratio above is the honest one.
    const cached = sides.platformCache;
    const cachedRatio = sides.offline ? cached.reqPerSec / Math.max(sides.offline.reqPerSec, 0.1) : undefined;
    if (cachedRatio !== undefined) {
      log(
        `ratio (platform default, stage cache on / serverless offline): ${cachedRatio.toFixed(1)}x, p99 ${cached.latencyMs.p99} ms, peak RSS ${cached.peakRssMb} MB`,
      );
    }
  }
  if (start) {
    checks.warmStart = { target: `<= ${TARGETS.warmStartS} s`, value: start.warm.seconds, met: start.warm.seconds <= TARGETS.warmStartS };
    log(
      `${noCache ? '' : '\n'}start (spawn to "Emporium is running"): cold ${start.cold.seconds.toFixed(1)} s (bundles ${start.cold.steps.find((step) => step.name === 'bundles')?.s.toFixed(1) ?? '?'} s), warm ${start.warm.seconds.toFixed(1)} s`,
    );
    log(`  warm start   ${checks.warmStart.target.padEnd(10)} ${`${start.warm.seconds.toFixed(1)} s`.padStart(9)}   ${verdict(checks.warmStart.met)}`);
  }

  const file = path.join(OUT_DIR, startOnly ? 'start.json' : 'front-door.json');
  await writeFile(
    file,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: { cores: cpus.length, cpu: cpus[0]?.model.trim(), memoryGb: round(os.totalmem() / 2 ** 30), node: process.version },
        options: { connections, duration, skipOffline: values['skip-offline'], workers: workers ?? 'default', route: `GET ${BASE_PATH}/products/{id}` },
        sides,
        ratio: checks.ratio?.value ?? null,
        ratioWithStageCache: sides.offline && sides.platformCache ? round(sides.platformCache.reqPerSec / Math.max(sides.offline.reqPerSec, 0.1), 2) : null,
        start: start ?? null,
        targets: Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, { ...v, met: v.met ?? null }])),
      },
      null,
      2,
    )}\n`,
  );
  log(`\nNumbers: ${path.relative(WORKSPACE_ROOT, file)}; logs in ${path.relative(WORKSPACE_ROOT, OUT_DIR)}/`);
  return 0;
};

if (process.argv[2] === '--platform-child') {
  await platformChild(JSON.parse(process.argv[3] ?? '{}'));
} else {
  process.exitCode = await main();
}
