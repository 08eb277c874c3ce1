import { api as catalogApi } from '@emporium/catalog-contract/api';
import { contractRequest } from '@emporium/openapi/conformance';
import { adminToken, bearer, newCustomer } from '@emporium/testing/auth';
import { isProblem, sendByDefault } from '@emporium/testing/http';
import type { RequestOptions } from '@emporium/testing/http';
import { startPlatform } from '@emporium/local/launcher';
import type { RunningPlatform } from '@emporium/local/launcher';

jest.setTimeout(120_000);

/** Every answer from a catalog route is checked against catalog's contract (status, body, headers, codes). */
const request = contractRequest([catalogApi]);

let platform: RunningPlatform;
let api: string;
let admin: Record<string, string>;
let sequence = 0;

/** A request as the seeded local admin. */
const asAdmin = (url: string, options: RequestOptions = {}) => request(url, { ...options, headers: { ...admin, ...options.headers } });

const newSku = () => `E2E-${Date.now()}-${(sequence += 1)}`;

const createProduct = async (overrides: Record<string, unknown> = {}) => {
  const response = await asAdmin(`${api}/products`, {
    method: 'POST',
    body: { sku: newSku(), name: 'Test product', price: { amount: 2500, currency: 'EUR' }, category: 'e2e', stock: 10, ...overrides },
  });
  expect(response.status).toBe(201);
  return response.body as { id: string; sku: string; version: number; stock: number };
};

/**
 * Stock as the table holds it: v2's admin read, which the stage cache never keeps (v1's product
 * read is cached for its TTL, after writes too, as in API Gateway).
 */
const stockOf = async (id: string): Promise<number> => (await asAdmin(`${platform.url}/v2/catalog/products/${id}/stock`)).body.stock as number;

beforeAll(async () => {
  platform = await startPlatform();
  // Keyed routes need an app's API key: these tests call as the first-party web app.
  sendByDefault({ 'x-api-key': platform.apiKey });
  api = `${platform.url}/v1/catalog`;
  admin = bearer(await adminToken(platform.url));
});

afterAll(() => platform?.stop());

describe('catalog through the front door', () => {
  it('serves the seeded products at the custom-domain path', async () => {
    const response = await request(`${api}/products?limit=100`);
    expect(response.status).toBe(200);
    expect(response.body.items.map((p: { sku: string }) => p.sku)).toEqual(expect.arrayContaining(['DESK-OAK-140', 'HEADSET-ANC']));
  });

  it('pages through every product with the cursor, ends with nextCursor null and no empty page, and rejects a tampered cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await request(`${api}/products?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      expect(page.body.items.length).toBeGreaterThan(0);
      expect(page.body).toHaveProperty('nextCursor');
      seen.push(...page.body.items.map((p: { id: string }) => p.id));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(10);

    const first = await request(`${api}/products?limit=1`);
    const token = first.body.nextCursor as string;
    const tampered = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    const bad = await request(`${api}/products?limit=1&cursor=${tampered}`);
    expect(bad.status).toBe(400);
    expect(isProblem(bad)).toBe(true);
    const otherQuery = await request(`${api}/products?limit=1&category=furniture&cursor=${token}`);
    expect(otherQuery.status).toBe(400);
  });

  it('filters by category', async () => {
    const response = await request(`${api}/products?category=lighting`);
    expect(response.body.items.length).toBeGreaterThan(0);
    expect(response.body.items.every((p: { category: string }) => p.category === 'lighting')).toBe(true);
  });

  it('creates a product with an ETag and Location, and enforces SKU uniqueness under a race', async () => {
    const sku = newSku();
    const body = { sku, name: 'Race', price: { amount: 100, currency: 'USD' }, category: 'e2e', stock: 1 };
    const results = await Promise.all(Array.from({ length: 8 }, () => asAdmin(`${api}/products`, { method: 'POST', body })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const created = results.find((r) => r.status === 201);
    expect(created?.headers.get('etag')).toBe('"1"');
    expect(created?.headers.get('location')).toBe(`/v1/catalog/products/${created?.body.id}`);
    expect(results.find((r) => r.status === 409)?.body.code).toBe('SKU_TAKEN');
  });

  it('lets exactly one of two concurrent PATCHes with the same version win', async () => {
    const product = await createProduct();
    const patch = (name: string) => asAdmin(`${api}/products/${product.id}`, { method: 'PATCH', body: { name }, headers: { 'if-match': '"1"' } });
    const [a, b] = await Promise.all([patch('Alpha'), patch('Beta')]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const winner = a.status === 200 ? 'Alpha' : 'Beta';
    const current = await request(`${api}/products/${product.id}`);
    expect(current.body).toMatchObject({ name: winner, version: 2 });
    expect(current.headers.get('etag')).toBe('"2"');
  });

  it('requires If-Match on PATCH and changes nothing without it', async () => {
    const product = await createProduct();
    const response = await asAdmin(`${api}/products/${product.id}`, { method: 'PATCH', body: { name: 'Blind write' } });
    expect(response.status).toBe(428);
    expect((await request(`${api}/products/${product.id}`)).body.name).toBe('Test product');
  });

  it('archives with DELETE and If-Match: gone from listings, still readable; a repeated DELETE answers the archived product', async () => {
    const product = await createProduct({ category: 'e2e-archive' });
    const url = `${api}/products/${product.id}`;
    expect((await asAdmin(url, { method: 'DELETE' })).status).toBe(428);
    expect((await asAdmin(url, { method: 'DELETE', headers: { 'if-match': '"7"' } })).status).toBe(412);
    const archived = await asAdmin(url, { method: 'DELETE', headers: { 'if-match': '"1"' } });
    expect(archived.status).toBe(200);
    expect(archived.body.status).toBe('archived');
    expect(archived.headers.get('etag')).toBe('"2"');
    expect((await asAdmin(url, { method: 'DELETE', headers: { 'if-match': '"1"' } })).body).toMatchObject({ status: 'archived', version: 2 });
    expect((await request(`${api}/products?category=e2e-archive`)).body.items).toEqual([]);
    expect((await request(`${api}/products/${product.id}`)).body.status).toBe('archived');
  });

  it('answers 304 without a body to If-None-Match with the current ETag, and the cached 304 never reaches another client', async () => {
    const product = await createProduct();
    const url = `${api}/products/${product.id}`;
    const first = await request(url);
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const revalidated = await request(url, { headers: { 'if-none-match': '"1"' } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe('');
    expect(revalidated.headers.get('etag')).toBe('"1"');
    // If-None-Match is part of the cache key: a client without it still gets the product.
    const plain = await request(url);
    expect(plain.status).toBe(200);
    expect(plain.body.id).toBe(product.id);
    expect((await request(url, { headers: { 'if-none-match': '"0"' } })).status).toBe(200);
  });

  it('refuses a body that fails the route model at the gateway, before the function, naming the field', async () => {
    const response = await asAdmin(`${api}/products`, {
      method: 'POST',
      body: { sku: newSku(), name: 'x', price: { amount: '12', currency: 'EUR' }, category: 'e2e', stock: 1 },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.detail).toContain('/price/amount');
    // The function would list field errors; the gateway (as API Gateway's validator) gives one string.
    expect(response.body.errors).toBeUndefined();
  });

  it('caches GET responses at the gateway for their TTL, a write included (as API Gateway: no flush on write)', async () => {
    const product = await createProduct();
    const url = `${api}/products/${product.id}`;
    expect((await request(url)).headers.get('x-cache')).toBe('Miss from gateway');
    expect((await request(url)).headers.get('x-cache')).toBe('Hit from gateway');
    const changed = await asAdmin(url, { method: 'PATCH', body: { stock: 7 }, headers: { 'if-match': '"1"' } });
    expect(changed.body.stock).toBe(7);
    // The cached answer is served until it expires (Cache-Control says how long); the table has 7.
    const after = await request(url);
    expect(after.headers.get('x-cache')).toBe('Hit from gateway');
    expect(after.body.stock).toBe(10);
    expect(after.headers.get('cache-control')).toBe('public, max-age=30');
    expect(await stockOf(product.id)).toBe(7);
  });
});

describe('stock reservations through the front door', () => {
  const reserve = (reservationId: string, lines: { productId: string; quantity: number }[]) =>
    asAdmin(`${api}/reservations`, { method: 'POST', body: { reservationId, lines } });

  it('never oversells when many callers race for the last units', async () => {
    const product = await createProduct({ stock: 3 });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => reserve(`race-${product.id}-${i}`, [{ productId: product.id, quantity: 1 }])));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    expect(results.find((r) => r.status === 409)?.body.code).toBe('INSUFFICIENT_STOCK');
    expect(await stockOf(product.id)).toBe(0);
  });

  it('changes no stock when one line of a multi-line reservation fails', async () => {
    const plenty = await createProduct({ stock: 10 });
    const scarce = await createProduct({ stock: 1 });
    const response = await reserve(`multi-${plenty.id}`, [
      { productId: plenty.id, quantity: 4 },
      { productId: scarce.id, quantity: 2 },
    ]);
    expect(response.status).toBe(409);
    expect(response.body.errors).toEqual([{ path: 'body.lines.1.quantity', message: 'Only 1 in stock', code: 'insufficient_stock' }]);
    expect(await stockOf(plenty.id)).toBe(10);
    expect(await stockOf(scarce.id)).toBe(1);
  });

  it('is idempotent per reservation id and releases exactly once, even concurrently', async () => {
    const product = await createProduct({ stock: 5 });
    const id = `idem-${product.id}`;
    const lines = [{ productId: product.id, quantity: 2 }];
    const attempts = await Promise.all(Array.from({ length: 5 }, () => reserve(id, lines)));
    expect(attempts.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(await stockOf(product.id)).toBe(3);
    expect((await reserve(id, [{ productId: product.id, quantity: 1 }])).status).toBe(422);

    const releases = await Promise.all(Array.from({ length: 4 }, () => asAdmin(`${api}/reservations/${id}/release`, { method: 'POST' })));
    expect(releases.every((r) => r.status === 200 && r.body.status === 'released')).toBe(true);
    expect(await stockOf(product.id)).toBe(5);
  });
});

describe('late reservations', () => {
  it('releasing an id never reserved blocks a reservation that arrives later under it', async () => {
    const product = await createProduct({ stock: 2 });
    const id = `late-${product.id}`;
    const released = await asAdmin(`${api}/reservations/${id}/release`, { method: 'POST' });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'released', lines: [] });
    const late = await asAdmin(`${api}/reservations`, { method: 'POST', body: { reservationId: id, lines: [{ productId: product.id, quantity: 1 }] } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('RESERVATION_RELEASED');
    expect(await stockOf(product.id)).toBe(2);
  });
});

describe('access to catalog writes', () => {
  const product = { sku: 'AUTH-1', name: 'x', price: { amount: 1, currency: 'EUR' }, category: 'e2e', stock: 1 };

  it('answers 401 without a token, with a garbage token and with a token signed by someone else', async () => {
    for (const authorization of [undefined, 'Bearer garbage', 'Basic YWRtaW46YWRtaW4=', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.']) {
      const response = await request(`${api}/products`, { method: 'POST', body: product, headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(401);
      expect(isProblem(response)).toBe(true);
    }
  });

  it('answers 403 to a signed-in customer and changes nothing', async () => {
    const customer = await newCustomer(platform.url);
    const response = await request(`${api}/products`, { method: 'POST', body: { ...product, sku: newSku() }, headers: bearer(customer.token) });
    expect(response.status).toBe(403);
    expect(isProblem(response)).toBe(true);
    const reserve = await request(`${api}/reservations`, {
      method: 'POST',
      body: { reservationId: 'x', lines: [{ productId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', quantity: 1 }] },
      headers: bearer(customer.token),
    });
    expect(reserve.status).toBe(403);
  });

  it('lets an admin from the users service create a product', async () => {
    const response = await asAdmin(`${api}/products`, { method: 'POST', body: { ...product, sku: newSku() } });
    expect(response.status).toBe(201);
  });

  it('keeps reads public', async () => {
    expect((await request(`${api}/products`)).status).toBe(200);
  });
});

describe('bad input gets a 4xx problem, never a 500', () => {
  const cases: [string, string, Record<string, unknown>, number][] = [
    ['malformed JSON', '/products', { method: 'POST', rawBody: '{"sku": ' }, 400],
    ['wrong types', '/products', { method: 'POST', body: { sku: 1, name: [], price: 'free', category: 5, stock: '1' } }, 400],
    ['missing fields', '/products', { method: 'POST', body: { name: 'x' } }, 400],
    [
      'unknown fields',
      '/products',
      { method: 'POST', body: { sku: 'ABC', name: 'x', price: { amount: 1, currency: 'EUR' }, category: 'a', stock: 1, admin: true } },
      400,
    ],
    ['an empty body', '/products', { method: 'POST' }, 400],
    [
      'an oversize body',
      '/products',
      { method: 'POST', body: { sku: 'ABC', name: 'x'.repeat(70_000), price: { amount: 1, currency: 'EUR' }, category: 'a', stock: 1 } },
      413,
    ],
    [
      'an unknown currency',
      '/products',
      { method: 'POST', body: { sku: 'ABC', name: 'x', price: { amount: 1, currency: 'EUX' }, category: 'a', stock: 1 } },
      400,
    ],
    ['a non-JSON content type', '/products', { method: 'POST', rawBody: 'sku=1', headers: { 'content-type': 'text/plain' } }, 415],
    ['a bad product id', '/products/not-a-ulid', {}, 400],
    ['an unknown product id', '/products/01ARZ3NDEKTSV4RRFFQ69G5FAV', {}, 404],
    ['a bad cursor', '/products?cursor=abc', {}, 400],
    ['a page size over the cap', '/products?limit=1000', {}, 400],
    ['a PATCH with a bad ETag', '/products/01ARZ3NDEKTSV4RRFFQ69G5FAV', { method: 'PATCH', body: { name: 'x' }, headers: { 'if-match': 'abc' } }, 400],
    ['a PATCH of a missing product', '/products/01ARZ3NDEKTSV4RRFFQ69G5FAV', { method: 'PATCH', body: { name: 'x' }, headers: { 'if-match': '"1"' } }, 404],
    ['a reservation with no lines', '/reservations', { method: 'POST', body: { reservationId: 'x', lines: [] } }, 400],
    [
      'a reservation with a product twice',
      '/reservations',
      {
        method: 'POST',
        body: {
          reservationId: 'dup',
          lines: [
            { productId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', quantity: 1 },
            { productId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', quantity: 1 },
          ],
        },
      },
      400,
    ],
    [
      'a reservation of an unknown product',
      '/reservations',
      { method: 'POST', body: { reservationId: 'ghost', lines: [{ productId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', quantity: 1 }] } },
      422,
    ],
    [
      'a zero quantity',
      '/reservations',
      { method: 'POST', body: { reservationId: 'zero', lines: [{ productId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', quantity: 0 }] } },
      400,
    ],
    ['an unknown route', '/nowhere', {}, 404],
    ['a path with broken percent-encoding', '/products/%E0%A4%A', {}, 400],
    ['a wrong method', '/products', { method: 'PUT', body: {} }, 405],
    ['a DELETE without If-Match', '/products/01ARZ3NDEKTSV4RRFFQ69G5FAV', { method: 'DELETE' }, 428],
  ];

  it.each([
    ['a NUL in the name', 'name', '"Oak\\u0000desk"'],
    ['an escape sequence in the name', 'name', '"\\u001b[31mOak"'],
    ['a lone surrogate in the name', 'name', '"Oak \\ud83d desk"'],
    ['a bell in the description', 'description', '"Solid oak\\u0007"'],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_, field, value) => {
    const sku = newSku();
    const product = { sku, name: '"Oak desk"', description: '"Solid oak,\\r\\noiled.\\tTwo lines are fine."', [field]: value };
    const rawBody = `{"sku":"${sku}","name":${product.name},"description":${product.description},"price":{"amount":100,"currency":"EUR"},"category":"e2e","stock":1}`;
    const refused = await asAdmin(`${api}/products`, { method: 'POST', rawBody, headers: { 'content-type': 'application/json' } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ path: `body.${field}`, message: expect.stringContaining('without control characters or invalid Unicode') as unknown }),
    ]);
    // Nothing was written: the SKU is still free.
    expect((await createProduct({ sku, description: 'Solid oak,\r\noiled.' })).sku).toBe(sku);
  });

  it.each(cases)('%s', async (_, path, options, status) => {
    const response = await asAdmin(`${api}${path}`, options);
    expect(response.status).toBe(status);
    expect(isProblem(response)).toBe(true);
  });

  it('ignores unknown query parameters on the cached listing (they are not part of its cache key)', async () => {
    const response = await request(`${api}/products?limit=13&color=red`);
    expect(response.status).toBe(200);
  });

  it('answers an unknown service path in the same envelope', async () => {
    const response = await request(`${platform.url}/v9/catalog/products`);
    expect(response.status).toBe(404);
    expect(isProblem(response)).toBe(true);
  });

  it('answers a CORS preflight for a route', async () => {
    const response = await fetch(`${api}/products/01ARZ3NDEKTSV4RRFFQ69G5FAV`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toContain('PATCH');
  });
});
