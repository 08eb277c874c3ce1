#!/usr/bin/env node
// Throttling load script (run with `pnpm bench:throttle` at the repository root).
//
// Offers GET /v1/catalog/products/{id} to the local platform at a fixed rate above the route's
// configured stage throttle (the local stage's params in serverless.base.yml, read through the
// same @emporium/api-stage settings the CloudFormation stage is written from), with the stage
// cache off so that every admitted request runs the Lambda handler. Prints what was offered, what
// reached the backend (2xx), what the gateway refused (429 THROTTLED) and the bound the token
// bucket allows (burst + rate x duration), side by side with the ratio.
//
// Not a test: prints and exits 0; exit 1 when something failed to start or answered a 5xx.
import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundlePlatform, PACKAGE_ROOT } from '../bin/bundle-platform.mjs';

const WORKSPACE_ROOT = path.resolve(PACKAGE_ROOT, '..', '..');
const OUT_DIR = path.join(WORKSPACE_ROOT, '.emporium', 'bench');
const FRONT_DOOR_BENCH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'front-door.mjs');
const require = createRequire(path.join(PACKAGE_ROOT, 'package.json'));
const AUTOCANNON = path.join(path.dirname(require.resolve('autocannon/package.json')), 'autocannon.js');

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    factor: { type: 'string', default: '3' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(`Usage: pnpm bench:throttle [--duration <s>] [--factor <offered rate / configured rate>]`);
  process.exit(0);
}
const duration = Number(values.duration);
const factor = Number(values.factor);

const json = async (method, url, body, headers = {}) => {
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: body && JSON.stringify(body) });
  return { status: response.status, body: await response.json().catch(() => undefined) };
};

const main = async () => {
  await mkdir(OUT_DIR, { recursive: true });
  const esbuild = require('esbuild');
  const files = await bundlePlatform(esbuild, { 'bench-platform': 'src/platform.ts', 'bench-throttle-settings': 'bench/throttle-settings.ts' });
  await esbuild.stop();

  // The route's throttle, as the stage template and the local gateway both compute it.
  const { routeThrottle } = require(files['bench-throttle-settings']);
  const throttle = await routeThrottle('catalog', 'GET', '/products/{id}');

  const logFile = path.join(OUT_DIR, 'throttle-platform.log');
  const fd = openSync(logFile, 'w');
  const child = fork(FRONT_DOOR_BENCH, ['--platform-child', JSON.stringify({ cacheTtlSeconds: 0 })], { cwd: WORKSPACE_ROOT, stdio: ['ignore', fd, fd, 'ipc'] });
  closeSync(fd);
  try {
    const [message] = await once(child, 'message');
    if (message.type !== 'ready') throw new Error(`the platform did not start: ${message.message}\n${readFileSync(logFile, 'utf8').slice(-1500)}`);
    const origin = `http://127.0.0.1:${message.port}`;
    const keyed = { 'x-api-key': message.apiKey };
    const session = await json('POST', `${origin}/v1/users/sessions`, { email: 'admin@emporium.local', password: 'emporium-admin-local' }, keyed);
    const created = await json(
      'POST',
      `${origin}/v1/catalog/products`,
      { sku: `THROTTLE-${Date.now()}`, name: 'Throttle bench', price: { amount: 100, currency: 'EUR' }, category: 'bench', stock: 1 },
      { authorization: `Bearer ${session.body?.accessToken}` },
    );
    if (created.status !== 201) throw new Error(`creating the product: ${created.status} ${JSON.stringify(created.body)}`);
    // Let the bucket fill again after the set-up requests.
    await new Promise((resolve) => setTimeout(resolve, Math.ceil((throttle.burstLimit / throttle.rateLimit) * 1000) + 200));

    const offeredRate = Math.round(throttle.rateLimit * factor);
    const url = `${origin}/v1/catalog/products/${created.body.id}`;
    console.log(
      `GET /v1/catalog/products/{id}: stage throttle ${throttle.rateLimit} req/s, burst ${throttle.burstLimit} (local stage); offering ${offeredRate} req/s for ${duration} s, stage cache off`,
    );
    const load = spawn(
      process.execPath,
      [AUTOCANNON, '-c', '50', '-d', String(duration), '-R', String(offeredRate), '-H', `x-api-key=${message.apiKey}`, '-n', '-j', url],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    load.stdout.on('data', (chunk) => (out += chunk));
    await once(load, 'exit');
    const result = JSON.parse(out);
    const codes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]));
    const admitted = result['2xx'];
    const throttled = codes['429'] ?? 0;
    const serverErrors = Object.entries(codes)
      .filter(([code]) => code.startsWith('5'))
      .reduce((sum, [, count]) => sum + count, 0);
    const bound = throttle.burstLimit + throttle.rateLimit * duration;
    const rows = [
      ['offered and answered', admitted + result.non2xx, `${((admitted + result.non2xx) / duration).toFixed(1)} req/s`],
      ['reached the backend (2xx)', admitted, `${(admitted / duration).toFixed(1)} req/s`],
      ['refused by the gateway (429 THROTTLED)', throttled, ''],
      ['5xx', serverErrors, ''],
      ['token bucket bound (burst + rate x duration)', bound, `${(bound / duration).toFixed(1)} req/s`],
    ];
    for (const [label, count, rate] of rows) console.log(`  ${label.padEnd(46)} ${String(count).padStart(7)}   ${rate}`);
    console.log(`backend / bound: ${(admitted / bound).toFixed(2)} (at most 1.00 means the gateway held the backend to the configured rate)`);
    return serverErrors === 0 ? 0 : 1;
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
};

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench:throttle: ${error?.stack ?? error}`);
    process.exit(1);
  },
);
