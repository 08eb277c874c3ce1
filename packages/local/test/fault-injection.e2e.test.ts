/**
 * Fault injection as a developer uses it (docs/adr/0020): rules given to `pnpm start` (flag, file,
 * environment), changed at /_emporium/faults, and what a real service answers under them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningPlatform } from '../src/launcher';
import { startPlatform } from '../src/launcher';

jest.setTimeout(180_000);

const CATALOG_TABLE = 'catalog-local';
const LOCAL_ADMIN = { email: 'admin@emporium.local', password: 'emporium-admin-local' };

let platform: RunningPlatform;
let admin: Record<string, string>;
let folder: string;
let sequence = 0;

const call = async (url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
  const started = performance.now();
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', 'x-api-key': platform.apiKey, ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined, ms: performance.now() - started };
};

const product = (sku: string) => ({ sku, name: 'Fault test product', price: { amount: 990, currency: 'EUR' }, category: 'e2e-faults', stock: 4 });
const newSku = () => `FAULT-${Date.now()}-${(sequence += 1)}`;
const createProduct = (sku: string) => call(`${platform.url}/v1/catalog/products`, { method: 'POST', headers: admin, body: product(sku) });

beforeAll(async () => {
  // The rules come from a file here; they would break seeding (catalog's products are created with
  // TransactWriteItems), so the platform starting at all shows they apply only once it is up.
  folder = mkdtempSync(path.join(tmpdir(), 'emporium-faults-'));
  const file = path.join(folder, 'faults.json');
  writeFileSync(file, JSON.stringify({ rules: [{ table: CATALOG_TABLE, operation: 'TransactWriteItems', fault: 'InternalServerError', rate: 1 }] }));
  platform = await startPlatform(['--only', 'catalog,users', '--faults', file]);
  const session = await call(`${platform.url}/v1/users/sessions`, { method: 'POST', body: LOCAL_ADMIN });
  expect(session.status).toBe(200);
  admin = { authorization: `Bearer ${session.body.accessToken as string}` };
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('fault rules on the running platform', () => {
  it('applies the rules given at start once the platform is up (seeding is not subject to them)', async () => {
    expect(platform.output()).toMatch(/faults {5}1 DynamoDB fault rule in force: http:\/\/\S+\/_emporium\/faults/);
    expect(await platform.faults()).toEqual({
      rules: [{ table: CATALOG_TABLE, operation: 'TransactWriteItems', fault: 'InternalServerError', rate: 1, injected: 0, spent: false }],
      injected: 0,
    });
    // DynamoDB's 500, retried by the SDK (3 attempts), then the function's own 500 in the envelope.
    const failed = await createProduct(newSku());
    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-type')).toBe('application/problem+json');
    expect(failed.body.code).toBe('INTERNAL');
    expect((await platform.faults()).injected).toBe(3);
    await platform.clearFaults();
    expect((await createProduct(newSku())).status).toBe(201);
  });

  it('throughput exceeded on catalog’s table: 503 with Retry-After after the SDK’s retries, nothing written', async () => {
    await platform.setFaults([{ table: 'catalog-*', fault: 'ProvisionedThroughputExceeded', rate: 1 }]);
    const sku = newSku();
    const busy = await createProduct(sku);
    expect(busy.status).toBe(503);
    expect(busy.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    expect(busy.headers.get('retry-after')).toBe('1');
    expect((await platform.faults()).injected).toBe(3); // every attempt of the SDK was refused
    await platform.clearFaults();
    // Neither the product nor its SKU guard was written: the same SKU is free (409 SKU_TAKEN otherwise).
    const created = await createProduct(sku);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ sku, stock: 4 });
  });

  it('throughput exceeded fewer times than the SDK tries: its retries absorb it and the call succeeds', async () => {
    await platform.setFaults([{ table: CATALOG_TABLE, operation: 'TransactWriteItems', fault: 'ProvisionedThroughputExceeded', rate: 1, count: 2 }]);
    const created = await createProduct(newSku());
    expect(created.status).toBe(201);
    expect(await platform.faults()).toMatchObject({ injected: 2, rules: [{ spent: true }] });
    const stock = await call(`${platform.url}/v2/catalog/products/${created.body.id as string}/stock`, { headers: admin });
    expect(stock.body.stock).toBe(4);
  });

  it('latency slows the calls it matches, and only while it is set', async () => {
    const created = await createProduct(newSku());
    const stockUrl = `${platform.url}/v2/catalog/products/${created.body.id as string}/stock`; // uncached: reads the table
    const baseline = await call(stockUrl, { headers: admin });
    expect(baseline.status).toBe(200);
    await platform.setFaults([{ table: CATALOG_TABLE, operation: 'GetItem', fault: 'latency', latencyMs: 1200, rate: 1 }]);
    const slow = await call(stockUrl, { headers: admin });
    expect(slow.status).toBe(200);
    expect(slow.body).toEqual(baseline.body);
    expect(slow.ms).toBeGreaterThanOrEqual(1200);
    expect((await platform.faults()).injected).toBeGreaterThanOrEqual(1);
    await platform.clearFaults();
    expect((await call(stockUrl, { headers: admin })).ms).toBeLessThan(1200);
  });

  it('refuses invalid rules at /_emporium/faults with 400 in the envelope and keeps those in force', async () => {
    await platform.setFaults([{ table: CATALOG_TABLE, operation: 'GetItem', fault: 'Throttling', rate: 0 }]);
    const refused = await call(`${platform.url}/_emporium/faults`, {
      method: 'PUT',
      body: [{ table: 'orders table', fault: 'TransactionConflict', operation: 'Scan', rate: -1 }],
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'INVALID_FAULT_RULES', status: 400, instance: '/_emporium/faults' });
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.0.rate', 'body.0.table', 'body.0.operation']);
    expect((await platform.faults()).rules).toEqual([{ table: CATALOG_TABLE, operation: 'GetItem', fault: 'Throttling', rate: 0, injected: 0, spent: false }]);
    await platform.clearFaults();
  });

  it('refuses invalid rules from the flag or the environment before starting anything', async () => {
    await expect(startPlatform(['--faults', '[{"fault":"TransactionConflict","rate":1,"operation":"Query"}]'])).rejects.toThrow(
      /--faults: rules\.0\.operation: DynamoDB raises a transaction conflict only on/,
    );
    process.env.EMPORIUM_FAULTS = '{"rules": [{"fault": "Throttling"}]}';
    try {
      await expect(startPlatform()).rejects.toThrow(/EMPORIUM_FAULTS: rules\.0\.rate: must be a number from 0 to 1/);
    } finally {
      delete process.env.EMPORIUM_FAULTS;
    }
  });
});
