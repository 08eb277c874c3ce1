/**
 * One request id follows an order placement across services: the caller's X-Request-Id comes back
 * on the answer, and every log line of orders, catalog and users for that placement carries it as
 * `correlation_id` (orders forwards it on its calls). Every answer also carries the gateway's own
 * id (X-Amzn-RequestId), cached and gateway-made answers included.
 */
import { api as catalogApi } from '@emporium/catalog-contract/api';
import { startPlatform } from '@emporium/local/launcher';
import type { RunningPlatform } from '@emporium/local/launcher';
import { contractRequest } from '@emporium/openapi/conformance';
import { api as ordersApi } from '@emporium/orders-contract/api';
import { adminToken, bearer, newCustomer } from '@emporium/testing/auth';
import { isProblem, sendByDefault } from '@emporium/testing/http';

jest.setTimeout(180_000);

const request = contractRequest([ordersApi, catalogApi]);
let platform: RunningPlatform;

/** The platform's log lines (Powertools JSON) that carry this correlation id. */
const linesOf = (requestId: string) =>
  platform
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return {};
      }
    })
    .filter((line) => line['correlation_id'] === requestId);

beforeAll(async () => {
  // INFO: the one line per request every function writes (the local stage logs WARN and above).
  const info = ['orders', 'catalog', 'catalog-v2', 'users'].flatMap((service) => ['--env', `${service}:POWERTOOLS_LOG_LEVEL=INFO`]);
  platform = await startPlatform(info);
  sendByDefault({ 'x-api-key': platform.apiKey });
}, 180_000);

afterAll(() => platform?.stop());

it("follows one order placement across orders, catalog and users by the caller's X-Request-Id", async () => {
  const admin = bearer(await adminToken(platform.url));
  const product = await request(`${platform.url}/v1/catalog/products`, {
    method: 'POST',
    headers: admin,
    body: { sku: `CORR-${Date.now()}`, name: 'Traced lamp', price: { amount: 1500, currency: 'EUR' }, category: 'e2e-corr', stock: 5 },
  });
  const customer = await newCustomer(platform.url);
  const requestId = `checkout-${Date.now()}`;
  const placed = await request(`${platform.url}/v1/orders`, {
    method: 'POST',
    headers: { ...bearer(customer.token), 'idempotency-key': `corr-${Date.now()}`, 'x-request-id': requestId },
    body: { lines: [{ productId: product.body.id, quantity: 1 }] },
  });
  expect(placed.status).toBe(201);
  expect(placed.headers.get('x-request-id')).toBe(requestId);
  expect(placed.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);

  const lines = linesOf(requestId);
  // orders' own line, catalog (v2: its stack catalog-v2) reserving and committing, users' service token: one id.
  expect([...new Set(lines.map((line) => line['service']))].sort()).toEqual(['catalog-v2', 'orders', 'users']);
  expect(lines).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ service: 'orders', message: 'request', route: '/', status: 201 }),
      expect.objectContaining({ service: 'catalog-v2', message: 'request', route: '/reservations', status: 201 }),
      expect.objectContaining({ service: 'catalog-v2', message: 'request', route: '/reservations/{id}/commit', status: 200 }),
    ]),
  );
});

it("puts the request id in a function's problem and on its answer; the gateway's own answers echo the caller's", async () => {
  const customer = await newCustomer(platform.url);
  const missing = await request(`${platform.url}/v1/orders/01JF3Z8X6M4Q2W9RZK7T5B1C0X`, { headers: { ...bearer(customer.token), 'x-request-id': 'lookup-1' } });
  expect(missing.status).toBe(404);
  expect(missing.body).toMatchObject({ code: 'ORDER_NOT_FOUND', requestId: 'lookup-1' });
  expect(missing.headers.get('x-request-id')).toBe('lookup-1');
  expect(missing.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);

  const keyless = await request(`${platform.url}/v1/catalog/products`, { headers: { 'x-api-key': '', 'x-request-id': 'no-key-1' } });
  expect(keyless.status).toBe(403);
  expect(isProblem(keyless)).toBe(true);
  expect(keyless.headers.get('x-request-id')).toBe('no-key-1');
  expect(keyless.body.requestId).toBe(keyless.headers.get('x-amzn-requestid'));

  const unauthorised = await request(`${platform.url}/v1/orders`, { headers: { 'x-request-id': 'orders-1' } });
  expect(unauthorised.status).toBe(401);
  expect(unauthorised.headers.get('x-request-id')).toBe('orders-1');
});

it("gives a cached answer the call's own gateway id, never another caller's X-Request-Id", async () => {
  const first = await request(`${platform.url}/v1/catalog/products?limit=2`, { headers: { 'x-request-id': 'first-caller' } });
  const second = await request(`${platform.url}/v1/catalog/products?limit=2`, { headers: { 'x-request-id': 'second-caller' } });
  expect(second.headers.get('x-cache')).toBe('Hit from gateway');
  expect([first.headers.get('x-request-id'), second.headers.get('x-request-id')]).toEqual([null, null]);
  expect(second.headers.get('x-amzn-requestid')).not.toBe(first.headers.get('x-amzn-requestid'));
});
