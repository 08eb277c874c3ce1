/**
 * Orders on catalog v2 (its serverless.yml's CATALOG_BASE_URL, docs/adr/0015 and 0021): here
 * through a proxy (`--env`) that records the paths orders calls, so the test sees which version
 * answered and that orders prices from the reservation (a priced hold it commits), never from a
 * product read.
 */
import { api as catalogV2Api } from '@emporium/catalog-contract/v2/api';
import { startPlatform } from '@emporium/local/launcher';
import type { RunningPlatform } from '@emporium/local/launcher';
import { contractRequest } from '@emporium/openapi/conformance';
import { api as ordersApi } from '@emporium/orders-contract/api';
import { adminToken, bearer, newCustomer } from '@emporium/testing/auth';
import { sendByDefault } from '@emporium/testing/http';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

jest.setTimeout(180_000);

const request = contractRequest([ordersApi, catalogV2Api]);

let upstream = '';
const called: string[] = [];
const proxy = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    called.push(`${req.method ?? ''} ${req.url ?? ''}`);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length')) as Record<string, string>;
    void fetch(`${upstream}${req.url ?? ''}`, { method: req.method ?? 'GET', headers, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined })
      .then(async (answer) => {
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch(() => res.writeHead(502).end());
  });
});

let platform: RunningPlatform;
let admin: Record<string, string>;

beforeAll(async () => {
  proxy.listen(0, '127.0.0.1');
  await new Promise((resolve) => proxy.once('listening', resolve));
  platform = await startPlatform(['--env', `orders:CATALOG_BASE_URL=http://127.0.0.1:${(proxy.address() as AddressInfo).port}/v2/catalog`]);
  upstream = platform.url;
  sendByDefault({ 'x-api-key': platform.apiKey });
  admin = bearer(await adminToken(platform.url));
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
});

it('places and cancels an order against catalog v2: v2 reserves at its price, orders commits the hold, then releases it', async () => {
  const catalog = `${platform.url}/v2/catalog`;
  const product = await request(`${catalog}/products`, {
    method: 'POST',
    headers: admin,
    body: { sku: `ORDV2-${Date.now()}`, name: 'Lamp on v2', price: { amount: 3100, currency: 'EUR' }, category: 'e2e-orders-v2', stock: 8 },
  });
  expect(product.status).toBe(201);
  const customer = await newCustomer(platform.url);

  const placed = await request(`${platform.url}/v1/orders`, {
    method: 'POST',
    headers: { ...bearer(customer.token), 'idempotency-key': `v2-${Date.now()}` },
    body: { lines: [{ productId: product.body.id, quantity: 3 }] },
  });
  expect(placed.status).toBe(201);
  expect(placed.body.lines).toEqual([
    expect.objectContaining({ productId: product.body.id, name: 'Lamp on v2', unitPrice: { amount: 3100, currency: 'EUR' } }),
  ]);
  expect((await request(`${catalog}/products/${product.body.id}/stock`, { headers: admin })).body.stock).toBe(5);

  const cancelled = await request(`${platform.url}/v1/orders/${placed.body.id}/cancel`, { method: 'POST', headers: bearer(customer.token) });
  expect(cancelled.status).toBe(200);
  expect((await request(`${catalog}/products/${product.body.id}/stock`, { headers: admin })).body.stock).toBe(8);

  expect(called).toEqual([
    'POST /v2/catalog/reservations',
    `POST /v2/catalog/reservations/${placed.body.id as string}/commit`,
    `POST /v2/catalog/reservations/${placed.body.id as string}/release`,
  ]);
});
