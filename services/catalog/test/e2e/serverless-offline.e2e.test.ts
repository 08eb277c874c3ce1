/**
 * The README's `serverless offline` workflow (docs/adr/0024), run as a developer with no AWS account
 * would: the local platform for what catalog calls (`pnpm start --only catalog`: the engine with
 * catalog's table, the users service that issues tokens), and catalog alone under
 * `serverless offline start --stage local` (`pnpm dev`) with no AWS_* variable and an empty HOME
 * (no ~/.aws). Reads and writes reach the local engine, the authorizer accepts a token from the
 * local users service, and serverless-offline's own answers come in the problem+json envelope.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { adminToken, bearer, newCustomer } from '@emporium/testing/auth';
import { isProblem, request, sendByDefault } from '@emporium/testing/http';
import type { JsonResponse } from '@emporium/testing/http';
import { startPlatform } from '@emporium/local/launcher';
import type { RunningPlatform } from '@emporium/local/launcher';
import { parse } from 'yaml';

jest.setTimeout(240_000);

const SERVICE_DIR = path.resolve(__dirname, '../..');
/** v1 of catalog is deprecated (versions.yml): the gateway's own answers say so, as in AWS (ADR 15). */
const V1 = (parse(readFileSync(path.join(SERVICE_DIR, 'versions.yml'), 'utf8')) as Record<string, { deprecation: string; sunset: string }>)['catalog']!;
const expectDeprecated = (response: JsonResponse) =>
  expect([response.headers.get('deprecation'), response.headers.get('sunset'), response.headers.get('link')]).toEqual([
    `@${Date.parse(V1.deprecation) / 1000}`,
    new Date(V1.sunset).toUTCString(),
    '</v2/catalog>; rel="successor-version"',
  ]);
const STARTUP_MS = 180_000;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

interface Offline {
  url: string;
  /** The API key serverless-offline prints ("Key with token") for the keyed routes. */
  apiKey: string;
  child: ChildProcess;
  output: () => string;
}

/** `serverless offline start --stage local` in services/catalog, in a process group of its own. */
const startOffline = async (env: NodeJS.ProcessEnv, httpPort: number, lambdaPort: number): Promise<Offline> => {
  const child = spawn(
    path.join(SERVICE_DIR, 'node_modules', '.bin', 'serverless'),
    ['offline', 'start', '--stage', 'local', '--host', '127.0.0.1', '--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort)],
    { cwd: SERVICE_DIR, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serverless offline did not start in ${STARTUP_MS} ms:\n${output}`)), STARTUP_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Server ready: http/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serverless offline exited with code ${String(code)}:\n${output}`));
    });
  });
  const apiKey = /Key with token: '([^']+)'/.exec(output)?.[1];
  if (!apiKey) throw new Error(`serverless offline printed no API key:\n${output}`);
  return { url: `http://127.0.0.1:${httpPort}/v1/catalog`, apiKey, child, output: () => output };
};

/** Ctrl-C to the whole process group (serverless, its workers), then SIGKILL if it lingers. */
const stopGroup = async (child: ChildProcess | undefined): Promise<void> => {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  signal('SIGINT');
  const timer = setTimeout(() => signal('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
};

let platform: RunningPlatform | undefined;
let offline: Offline | undefined;
let home: string;
let admin: Record<string, string>;

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'emporium-no-aws-'));
  const [frontDoorPort, dbPort, httpPort, lambdaPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  // No AWS credentials anywhere: no AWS_* variable, a HOME without ~/.aws.
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
  Object.assign(env, {
    HOME: home,
    // The platform's front door and engine (the README's workflow uses their default ports).
    EMPORIUM_FRONT_DOOR_URL: `http://127.0.0.1:${frontDoorPort}`,
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${dbPort}`,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
  });
  // Both at once: serverless offline bundles while the platform starts.
  const [started, offlineStarted] = await Promise.allSettled([
    startPlatform(['--only', 'catalog', '--port', String(frontDoorPort), '--db-port', String(dbPort), '--no-console']),
    startOffline(env, httpPort, lambdaPort),
  ]);
  if (started.status === 'fulfilled') platform = started.value;
  if (offlineStarted.status === 'fulfilled') offline = offlineStarted.value;
  if (started.status === 'rejected') throw started.reason;
  if (offlineStarted.status === 'rejected') throw offlineStarted.reason;
  // Tokens come from the platform's users service (its sign-in is a keyed route: the web app's key).
  sendByDefault({ 'x-api-key': platform!.apiKey });
  admin = bearer(await adminToken(platform!.url));
  sendByDefault({});
});

afterAll(async () => {
  await Promise.all([stopGroup(offline?.child), platform?.stop()]);
  if (home) await rm(home, { recursive: true, force: true });
});

const keyed = () => ({ 'x-api-key': offline!.apiKey });

const expectEnvelope = (response: JsonResponse, status: number, code: string) => {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expect(isProblem(response)).toBe(true);
};

describe('catalog under serverless offline, with no AWS credentials', () => {
  it('ran with no credentials: no AWS_* variable reached it and its HOME has no ~/.aws', async () => {
    expect(offline!.child.spawnargs).toContain('offline');
    expect(await readdir(home)).not.toContain('.aws');
    expect(offline!.output()).toMatch(/Local wiring \(docs\/adr\/0024\)/);
  });

  it('reads from the local engine: a keyed public listing answers 200 with the seeded products', async () => {
    const response = await request(`${offline!.url}/products?limit=100`, { headers: keyed() });
    expect(response.status).toBe(200);
    expect(response.body.items.map((p: { sku: string }) => p.sku)).toEqual(expect.arrayContaining(['DESK-OAK-140']));
  });

  it('accepts a token from the local users service on a protected write: 201, then readable', async () => {
    const sku = `OFFLINE-${Date.now()}`;
    const created = await request(`${offline!.url}/products`, {
      method: 'POST',
      headers: admin,
      body: { sku, name: 'Made under serverless offline', price: { amount: 1999, currency: 'EUR' }, category: 'offline', stock: 4 },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const read = await request(`${offline!.url}/products/${created.body.id as string}`, { headers: keyed() });
    expect({ status: read.status, sku: read.body.sku }).toEqual({ status: 200, sku });
  });

  it('answers a protected route without a token 401 in the envelope, with WWW-Authenticate', async () => {
    const response = await request(`${offline!.url}/products`, { method: 'POST', body: { sku: 'NO-TOKEN' } });
    expectEnvelope(response, 401, 'UNAUTHORIZED');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.body.instance).toBe('/v1/catalog/products');
    expectDeprecated(response);
  });

  it('answers a token the users service did not sign 401 in the envelope', async () => {
    const forged = `${admin['authorization']!.slice('Bearer '.length, -8)}AAAAAAAA`;
    const response = await request(`${offline!.url}/products`, { method: 'POST', headers: bearer(forged), body: { sku: 'FORGED' } });
    expectEnvelope(response, 401, 'UNAUTHORIZED');
  });

  it('answers a customer on an admin route 403 in the envelope', async () => {
    const customer = await (async () => {
      sendByDefault({ 'x-api-key': platform!.apiKey });
      try {
        return await newCustomer(platform!.url);
      } finally {
        sendByDefault({});
      }
    })();
    const response = await request(`${offline!.url}/products`, {
      method: 'POST',
      headers: bearer(customer.token),
      body: { sku: `CUSTOMER-${Date.now()}`, name: 'Nope', price: { amount: 1, currency: 'EUR' }, category: 'offline', stock: 1 },
    });
    expectEnvelope(response, 403, 'FORBIDDEN');
  });

  it('answers bad input 400 in the envelope, naming the fields', async () => {
    const response = await request(`${offline!.url}/products`, { method: 'POST', headers: admin, body: { sku: 'x' } });
    expectEnvelope(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.sku', 'body.name']));
  });

  it('answers a keyed route without its API key 403 INVALID_API_KEY and an unknown route 404 ROUTE_NOT_FOUND, in the envelope', async () => {
    const noKey = await request(`${offline!.url}/products`);
    expectEnvelope(noKey, 403, 'INVALID_API_KEY');
    expectDeprecated(noKey);
    const unknown = await request(`${offline!.url}/no-such-route`, { headers: keyed() });
    expectEnvelope(unknown, 404, 'ROUTE_NOT_FOUND');
    expectDeprecated(unknown);
  });
});
