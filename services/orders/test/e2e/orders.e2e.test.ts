import { adminToken, bearer, newCustomer } from '@emporium/testing/auth';
import { api as catalogApi } from '@emporium/catalog-contract/api';
import { contractRequest } from '@emporium/openapi/conformance';
import { api as ordersApi } from '@emporium/orders-contract/api';
import { isProblem, sendByDefault } from '@emporium/testing/http';
import type { RequestOptions } from '@emporium/testing/http';
import { startPlatform } from '@emporium/local/launcher';
import type { RunningPlatform } from '@emporium/local/launcher';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

jest.setTimeout(180_000);

/**
 * Orders reach catalog through this proxy (`--env orders:CATALOG_BASE_URL=<proxy>/v2/catalog`), so a
 * test can make catalog unreachable (the proxy stops listening: connections are refused) or slow for
 * orders alone. In `pass` mode it forwards as is.
 */
type ProxyMode = 'pass' | 'hang-reservations';
let proxyMode: ProxyMode = 'pass';
let upstream = '';
let proxyPort = 0;
const proxy = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length')) as Record<string, string>;
    const hang = proxyMode === 'hang-reservations' && req.method === 'POST' && req.url === '/v2/catalog/reservations';
    void fetch(`${upstream}${req.url ?? ''}`, {
      method: req.method ?? 'GET',
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    })
      .then(async (answer) => {
        const body = Buffer.from(await answer.arrayBuffer());
        if (hang) return; // catalog did reserve; orders never hears about it (times out)
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(body);
      })
      .catch(() => res.writeHead(502).end());
  });
});

/** Every answer from an orders or catalog route is checked against its contract (status, body, headers, codes). */
const request = contractRequest([ordersApi, catalogApi]);

let platform: RunningPlatform;
let api: string;
let catalog: string;
let admin: Record<string, string>;
let sequence = 0;

const asAdmin = (url: string, options: RequestOptions = {}) => request(url, { ...options, headers: { ...admin, ...options.headers } });

const createProduct = async (overrides: Record<string, unknown> = {}) => {
  const response = await asAdmin(`${catalog}/products`, {
    method: 'POST',
    body: {
      sku: `ORD-${Date.now()}-${(sequence += 1)}`,
      name: 'Order test product',
      price: { amount: 1250, currency: 'EUR' },
      category: 'e2e-orders',
      stock: 10,
      ...overrides,
    },
  });
  expect(response.status).toBe(201);
  return response.body as { id: string; name: string; price: { amount: number; currency: string } };
};

/** Stock as catalog's table holds it: catalog v2's admin read, which the stage cache never keeps. */
const stockOf = async (id: string): Promise<number> => (await asAdmin(`${platform.url}/v2/catalog/products/${id}/stock`)).body.stock as number;

const eur = (amount: number) => ({ amount, currency: 'EUR' });

let keys = 0;
const newKey = () => `e2e-${Date.now()}-${(keys += 1)}`;
const placeOrder = (token: string, body: unknown, key: string | undefined = newKey()) =>
  request(api, { method: 'POST', body, headers: { ...bearer(token), ...(key ? { 'idempotency-key': key } : {}) } });

beforeAll(async () => {
  proxy.listen(0, '127.0.0.1');
  await new Promise((resolve) => proxy.once('listening', resolve));
  proxyPort = (proxy.address() as AddressInfo).port;
  const proxyUrl = `http://127.0.0.1:${proxyPort}`;
  platform = await startPlatform(['--env', `orders:CATALOG_BASE_URL=${proxyUrl}/v2/catalog`]);
  // Keyed routes need an app's API key: these tests call as the first-party web app.
  sendByDefault({ 'x-api-key': platform.apiKey });
  upstream = platform.url;
  api = `${platform.url}/v1/orders`;
  catalog = `${platform.url}/v1/catalog`;
  admin = bearer(await adminToken(platform.url));
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
});

beforeEach(() => {
  proxyMode = 'pass';
});

describe('orders through the front door', () => {
  it('places an order: catalog prices and names, stock lowered by the quantities, 201 with Location', async () => {
    const lamp = await createProduct({ price: { amount: 1999, currency: 'EUR' }, stock: 10 });
    const desk = await createProduct({ price: { amount: 54900, currency: 'EUR' }, stock: 3 });
    const customer = await newCustomer(platform.url);
    const response = await placeOrder(customer.token, {
      lines: [
        { productId: lamp.id, quantity: 3 },
        { productId: desk.id, quantity: 1 },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      userId: customer.id,
      status: 'PENDING',
      total: eur(3 * 1999 + 54900),
      lines: [
        { productId: lamp.id, quantity: 3, name: lamp.name, unitPrice: eur(1999), lineTotal: eur(5997) },
        { productId: desk.id, quantity: 1, name: desk.name, unitPrice: eur(54900), lineTotal: eur(54900) },
      ],
    });
    expect(response.body).not.toHaveProperty('currency');
    expect(response.headers.get('location')).toBe(`/v1/orders/${response.body.id}`);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(await stockOf(lamp.id)).toBe(7);
    expect(await stockOf(desk.id)).toBe(2);
    const read = await request(`${api}/${response.body.id}`, { headers: bearer(customer.token) });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(response.body);
  });

  it("prices at the price of the moment, not at the stage cache's: a price change and an order at once", async () => {
    const product = await createProduct({ price: eur(1000), stock: 10 });
    const url = `${catalog}/products/${product.id}`;
    // The public product read is cached at the stage (300 s in prod): this read fills the cache.
    expect((await request(url)).body.price).toEqual(eur(1000));
    const changed = await asAdmin(url, { method: 'PATCH', body: { price: eur(1500) }, headers: { 'if-match': '"1"' } });
    expect(changed.status).toBe(200);
    const customer = await newCustomer(platform.url);
    const response = await placeOrder(customer.token, { lines: [{ productId: product.id, quantity: 2 }] });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ total: eur(3000), lines: [expect.objectContaining({ unitPrice: eur(1500), lineTotal: eur(3000) })] });
    // The cached answer is still the old price, as API Gateway's would be until its TTL ends:
    // orders must not (and does not) price from it.
    expect((await request(url)).body.price).toEqual(eur(1000));
  });

  it('20 concurrent POSTs with one Idempotency-Key: one order, one reservation, stock lowered once', async () => {
    const product = await createProduct({ stock: 50 });
    const customer = await newCustomer(platform.url);
    const key = newKey();
    const body = { lines: [{ productId: product.id, quantity: 2 }] };
    const results = await Promise.all(Array.from({ length: 20 }, () => placeOrder(customer.token, body, key)));
    const ok = results.filter((r) => r.status === 201 || r.status === 200);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.every((r) => [200, 201, 409].includes(r.status))).toBe(true);
    for (const busy of results.filter((r) => r.status === 409)) {
      expect(busy.body.code).toBe('REQUEST_IN_PROGRESS');
      expect(busy.headers.get('retry-after')).toMatch(/^\d+$/);
    }
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
    const replay = await placeOrder(customer.token, body, key);
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(ok[0]!.body.id);
    expect(await stockOf(product.id)).toBe(48);
    const list = await request(api, { headers: bearer(customer.token) });
    expect(list.body.items).toHaveLength(1);

    const reused = await placeOrder(customer.token, { lines: [{ productId: product.id, quantity: 3 }] }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('two customers race for the last unit: one 201, one 409 INSUFFICIENT_STOCK (the code catalog gave), stock never below zero', async () => {
    const product = await createProduct({ stock: 1 });
    const [a, b] = await Promise.all([newCustomer(platform.url), newCustomer(platform.url)]);
    const body = { lines: [{ productId: product.id, quantity: 1 }] };
    const results = await Promise.all([placeOrder(a.token, body), placeOrder(b.token, body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const lost = results.find((r) => r.status === 409)!;
    expect(isProblem(lost)).toBe(true);
    expect(lost.body.code).toBe('INSUFFICIENT_STOCK');
    expect(lost.body.errors).toEqual([expect.objectContaining({ path: 'body.lines.0.quantity' })]);
    expect(await stockOf(product.id)).toBe(0);
  });

  it('cancel restores the stock exactly once, also under two concurrent cancels', async () => {
    const product = await createProduct({ stock: 5 });
    const customer = await newCustomer(platform.url);
    const placed = await placeOrder(customer.token, { lines: [{ productId: product.id, quantity: 4 }] });
    expect(placed.status).toBe(201);
    expect(await stockOf(product.id)).toBe(1);
    const cancel = () => request(`${api}/${placed.body.id}/cancel`, { method: 'POST', headers: bearer(customer.token) });
    const [first, second] = await Promise.all([cancel(), cancel()]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.status).toBe('CANCELLED');
    expect(await stockOf(product.id)).toBe(5);
    const again = await cancel();
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'CANCELLED', stockReleased: true });
    expect(await stockOf(product.id)).toBe(5);
  });

  it('honours If-Match on cancel: a stale version is 412 and the order stays as it is', async () => {
    const product = await createProduct({ stock: 5 });
    const customer = await newCustomer(platform.url);
    const placed = await placeOrder(customer.token, { lines: [{ productId: product.id, quantity: 1 }] });
    const url = `${api}/${placed.body.id}/cancel`;
    const stale = await request(url, { method: 'POST', headers: { ...bearer(customer.token), 'if-match': '"9"' } });
    expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 412, code: 'PRECONDITION_FAILED' });
    expect((await request(`${api}/${placed.body.id}`, { headers: bearer(customer.token) })).body.status).toBe('PENDING');
    const current = await request(url, { method: 'POST', headers: { ...bearer(customer.token), 'if-match': '"1"' } });
    expect(current.status).toBe(200);
    expect(current.body.status).toBe('CANCELLED');
    expect(await stockOf(product.id)).toBe(5);
  });

  it('admin advances PENDING -> CONFIRMED -> SHIPPED; invalid moves and cancelling a shipped order are 409', async () => {
    const product = await createProduct();
    const customer = await newCustomer(platform.url);
    const placed = await placeOrder(customer.token, { lines: [{ productId: product.id, quantity: 1 }] });
    const setStatus = (status: string, headers = admin) => request(`${api}/${placed.body.id}/status`, { method: 'POST', body: { status }, headers });
    expect((await setStatus('CONFIRMED', bearer(customer.token))).status).toBe(403);
    expect((await setStatus('SHIPPED')).body.code).toBe('INVALID_TRANSITION');
    expect((await setStatus('CONFIRMED')).body.status).toBe('CONFIRMED');
    expect((await setStatus('SHIPPED')).body.status).toBe('SHIPPED');
    const cancel = await request(`${api}/${placed.body.id}/cancel`, { method: 'POST', headers: bearer(customer.token) });
    expect(cancel.status).toBe(409);
    expect(cancel.body.code).toBe('ORDER_NOT_CANCELLABLE');
    expect((await request(`${api}/${placed.body.id}`, { headers: admin })).body.status).toBe('SHIPPED');
  });

  it("hides another customer's order (404) and lists only the caller's, newest first, with a cursor", async () => {
    const product = await createProduct({ stock: 20 });
    const [owner, other] = await Promise.all([newCustomer(platform.url), newCustomer(platform.url)]);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await placeOrder(owner.token, { lines: [{ productId: product.id, quantity: 1 }] })).body.id as string);
    await placeOrder(other.token, { lines: [{ productId: product.id, quantity: 1 }] });

    const peek = await request(`${api}/${ids[0]}`, { headers: bearer(other.token) });
    expect(peek.status).toBe(404);
    expect(peek.body.code).toBe('ORDER_NOT_FOUND');
    expect((await request(`${api}/${ids[0]}/cancel`, { method: 'POST', headers: bearer(other.token) })).status).toBe(404);
    expect((await request(`${api}/${ids[0]}`, { headers: admin })).status).toBe(200);

    const first = await request(`${api}?limit=2`, { headers: bearer(owner.token) });
    const second = await request(`${api}?limit=2&cursor=${first.body.nextCursor}`, { headers: bearer(owner.token) });
    expect([...first.body.items, ...second.body.items].map((o: { id: string }) => o.id)).toEqual([...ids].reverse());
    expect(second.body.nextCursor).toBeNull();
    expect(second.body.items).toHaveLength(1);
    expect(first.headers.get('cache-control')).toBe('private, no-store');
    const stolen = await request(`${api}?limit=2&cursor=${first.body.nextCursor}`, { headers: bearer(other.token) });
    expect(stolen.status).toBe(400);
    const others = await request(api, { headers: bearer(other.token) });
    expect(others.body.items).toHaveLength(1);
  });

  it('rejects bodies with system fields, a missing Idempotency-Key, unknown products and no token', async () => {
    const product = await createProduct();
    const customer = await newCustomer(platform.url);
    const line = { productId: product.id, quantity: 1 };
    for (const extra of [{ price: 1 }, { total: 0 }, { status: 'SHIPPED' }, { userId: 'someone' }]) {
      // Refused by the gateway's model (additionalProperties: false) before the function runs.
      const response = await placeOrder(customer.token, { lines: [line], ...extra });
      expect(response.status).toBe(400);
      expect(isProblem(response)).toBe(true);
      expect(response.body.detail).toContain(`["${Object.keys(extra)[0]}"]`);
    }
    const lineExtra = await placeOrder(customer.token, { lines: [{ ...line, unitPrice: 1 }] });
    expect(lineExtra.status).toBe(400);
    const noKey = await placeOrder(customer.token, { lines: [line] }, '');
    expect(noKey.status).toBe(400);
    expect(noKey.body.detail).toBe('Missing required request parameters: [Idempotency-Key]');
    const badKey = await placeOrder(customer.token, { lines: [line] }, 'not a key!');
    expect(badKey.status).toBe(400);
    expect(badKey.body.errors).toEqual([expect.objectContaining({ path: 'header.Idempotency-Key' })]);
    expect(badKey.body.detail).toMatch(/^The Idempotency-Key header: /);
    const unknown = await placeOrder(customer.token, { lines: [{ productId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', quantity: 1 }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('PRODUCT_UNAVAILABLE');
    const anonymous = await request(api, { method: 'POST', body: { lines: [line] } });
    expect(anonymous.status).toBe(401);
    expect(await stockOf(product.id)).toBe(10);
  });

  it('catalog unreachable: 503 CATALOG_UNAVAILABLE fast, nothing reserved, and the key can be retried', async () => {
    const product = await createProduct({ stock: 4 });
    const customer = await newCustomer(platform.url);
    const key = newKey();
    const body = { lines: [{ productId: product.id, quantity: 2 }] };
    // Catalog's address refuses connections: orders knows its reservation never reached catalog.
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
    const started = Date.now();
    const response = await placeOrder(customer.token, body, key);
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('CATALOG_UNAVAILABLE');
    expect(response.headers.get('retry-after')).toBe('5');
    expect(Date.now() - started).toBeLessThan(15_000);
    proxy.listen(proxyPort, '127.0.0.1');
    await new Promise((resolve) => proxy.once('listening', resolve));
    expect(await stockOf(product.id)).toBe(4);
    const retried = await placeOrder(customer.token, body, key);
    expect(retried.status).toBe(201);
    expect(await stockOf(product.id)).toBe(2);
  });

  it('catalog slow on the reservation: 503 within the function timeout, and the reservation is released', async () => {
    const product = await createProduct({ stock: 4 });
    const customer = await newCustomer(platform.url);
    proxyMode = 'hang-reservations';
    const started = Date.now();
    const response = await placeOrder(customer.token, { lines: [{ productId: product.id, quantity: 3 }] });
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('CATALOG_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await stockOf(product.id)).toBe(4);
  });
});
