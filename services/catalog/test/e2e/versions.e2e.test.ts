/**
 * Catalog v1 and v2 side by side through the front door (docs/adr/0015): one table, two API
 * versions, each answer checked against its own version's contract. v1 is deprecated (versions.yml)
 * and says so on every answer; v2 says nothing of the kind.
 */
import { api as v1Api } from '@emporium/catalog-contract/api';
import { api as v2Api } from '@emporium/catalog-contract/v2/api';
import { startPlatform } from '@emporium/local/launcher';
import type { RunningPlatform } from '@emporium/local/launcher';
import { contractRequest } from '@emporium/openapi/conformance';
import { adminToken, bearer, newCustomer } from '@emporium/testing/auth';
import { isProblem, sendByDefault } from '@emporium/testing/http';
import type { JsonResponse, RequestOptions } from '@emporium/testing/http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ulid } from 'ulid';
import { parse } from 'yaml';

jest.setTimeout(120_000);

const request = contractRequest([v1Api, v2Api]);
const VERSIONS = parse(readFileSync(path.resolve(__dirname, '..', '..', 'versions.yml'), 'utf8')) as Record<string, { deprecation?: string; sunset?: string }>;
const V1 = VERSIONS['catalog']!;

let platform: RunningPlatform;
let v1: string;
let v2: string;
let admin: Record<string, string>;
let sequence = 0;

const asAdmin = (url: string, options: RequestOptions = {}) => request(url, { ...options, headers: { ...admin, ...options.headers } });
const newSku = () => `VER-${Date.now()}-${(sequence += 1)}`;
const newProduct = (overrides: Record<string, unknown> = {}) => ({
  sku: newSku(),
  name: 'Versioned product',
  price: { amount: 1999, currency: 'EUR' },
  category: 'versions',
  stock: 3,
  ...overrides,
});

const expectDeprecated = (response: JsonResponse, successorPath: string) => {
  expect(response.headers.get('deprecation')).toBe(`@${Date.parse(V1.deprecation!) / 1000}`);
  expect(response.headers.get('sunset')).toBe(new Date(V1.sunset!).toUTCString());
  expect(response.headers.get('link')).toBe(`<${successorPath}>; rel="successor-version"`);
};
const expectCurrent = (response: JsonResponse) => {
  expect([response.headers.get('deprecation'), response.headers.get('sunset'), response.headers.get('link')]).toEqual([null, null, null]);
};

beforeAll(async () => {
  platform = await startPlatform();
  sendByDefault({ 'x-api-key': platform.apiKey });
  v1 = `${platform.url}/v1/catalog`;
  v2 = `${platform.url}/v2/catalog`;
  admin = bearer(await adminToken(platform.url));
});

afterAll(() => platform?.stop());

describe('one table, two versions', () => {
  it('a product created through v2 is read through v1 with its stock, and through v2 with its availability', async () => {
    const created = await asAdmin(`${v2}/products`, { method: 'POST', body: newProduct({ stock: 3 }) });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('stock');
    expect(created.body.availability).toBe('low_stock');
    expect(created.headers.get('location')).toBe(`/v2/catalog/products/${created.body.id}`);

    const throughV1 = await request(`${v1}/products/${created.body.id}`);
    expect(throughV1.status).toBe(200);
    expect(throughV1.body).toMatchObject({ id: created.body.id, sku: created.body.sku, stock: 3, version: 1 });
    expect(throughV1.body).not.toHaveProperty('availability');
    expect(throughV1.headers.get('etag')).toBe(created.headers.get('etag'));
  });

  it('a product created through v1 is listed through v2; a change through v1 is seen through v2 (and the reverse), one version counter', async () => {
    const created = await asAdmin(`${v1}/products`, { method: 'POST', body: newProduct({ stock: 40, category: `versions-${Date.now()}` }) });
    expect(created.status).toBe(201);
    const listed = await request(`${v2}/products?category=${created.body.category}`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: created.body.id, availability: 'in_stock' })]);
    expect(listed.body.items[0]).not.toHaveProperty('stock');

    const emptied = await asAdmin(`${v1}/products/${created.body.id}`, {
      method: 'PATCH',
      headers: { 'if-match': created.headers.get('etag')! },
      body: { stock: 0 },
    });
    expect(emptied.status).toBe(200);
    const seenByV2 = await asAdmin(`${v2}/products/${created.body.id}/stock`);
    expect(seenByV2.body).toEqual({ productId: created.body.id, stock: 0, version: 2 });

    // v2 changes it with the ETag v1 handed out: the same product, the same version.
    const renamed = await asAdmin(`${v2}/products/${created.body.id}`, {
      method: 'PATCH',
      headers: { 'if-match': emptied.headers.get('etag')! },
      body: { name: 'Renamed in v2' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Renamed in v2', availability: 'out_of_stock', version: 3 });
    const stock = await asAdmin(`${v1}/products/${created.body.id}/stock`);
    expect(stock.status).toBe(404); // v1 has no stock route: v1 stays as released
    const stale = await asAdmin(`${v1}/products/${created.body.id}`, { method: 'PATCH', headers: { 'if-match': '"2"' }, body: { name: 'stale' } });
    expect(stale.status).toBe(412);
  });

  it('stock reserved through v2 leaves v1 with less stock (reservations are shared too)', async () => {
    const created = await asAdmin(`${v1}/products`, { method: 'POST', body: newProduct({ stock: 10 }) });
    const reservationId = ulid();
    const reserved = await asAdmin(`${v2}/reservations`, { method: 'POST', body: { reservationId, lines: [{ productId: created.body.id, quantity: 4 }] } });
    expect(reserved.status).toBe(201);
    expect((await request(`${v1}/products/${created.body.id}`)).body.stock).toBe(6);
    expect((await asAdmin(`${v1}/reservations/${reservationId}`)).status).toBe(200);
  });

  it("the exact stock is an admin's: no token 401, a customer 403, in the envelope", async () => {
    const created = await asAdmin(`${v2}/products`, { method: 'POST', body: newProduct() });
    const anonymous = await request(`${v2}/products/${created.body.id}/stock`);
    expect(anonymous.status).toBe(401);
    expect(isProblem(anonymous)).toBe(true);
    const customer = await newCustomer(platform.url);
    const forbidden = await request(`${v2}/products/${created.body.id}/stock`, { headers: bearer(customer.token) });
    expect(forbidden.status).toBe(403);
    expect(isProblem(forbidden)).toBe(true);
  });
});

describe('deprecation of v1 (versions.yml)', () => {
  it('v1 answers carry Deprecation, Sunset and the same resource on v2 as successor-version: reads, writes and problems', async () => {
    const listing = await request(`${v1}/products?limit=1`);
    expectDeprecated(listing, '/v2/catalog/products');
    const created = await asAdmin(`${v1}/products`, { method: 'POST', body: newProduct() });
    expectDeprecated(created, '/v2/catalog/products');
    const missing = await request(`${v1}/products/01JF3Z8X6M4Q2W9RZK7T5B1C0X`);
    expect(missing.status).toBe(404);
    expect(isProblem(missing)).toBe(true);
    expectDeprecated(missing, '/v2/catalog/products/01JF3Z8X6M4Q2W9RZK7T5B1C0X');
    const document = await request(`${v1}/openapi.json`);
    expectDeprecated(document, '/v2/catalog/openapi.json');
  });

  it('lets a browser read them (CORS exposes Deprecation, Sunset and Link)', async () => {
    const listing = await request(`${v1}/products?limit=1`, { headers: { origin: 'https://shop.example.com' } });
    expect(listing.headers.get('access-control-expose-headers')).toEqual(expect.stringContaining('Deprecation, Sunset, Link'));
  });

  it("the gateway's own v1 answers carry them too, with v2's base path as successor (GatewayResponses are static): unknown route, no token, no API key", async () => {
    const unknown = await request(`${v1}/no-such-route`);
    expect(unknown.status).toBe(404);
    expectDeprecated(unknown, '/v2/catalog');
    const noToken = await request(`${v1}/products`, { method: 'POST', body: newProduct() });
    expect(noToken.status).toBe(401);
    expectDeprecated(noToken, '/v2/catalog');
    const noKey = await request(`${v1}/products?limit=1`, { headers: { 'x-api-key': '' } });
    expect(noKey.status).toBe(403);
    expectDeprecated(noKey, '/v2/catalog');
    expectCurrent(await request(`${v2}/no-such-route`));
  });

  it('v2 answers carry none of them', async () => {
    expectCurrent(await request(`${v2}/products?limit=1`));
    expectCurrent(await request(`${v2}/products/01JF3Z8X6M4Q2W9RZK7T5B1C0X`));
    expectCurrent(await request(`${v2}/openapi.json`));
  });
});

describe('documents', () => {
  it('each version serves its own OpenAPI document; v1 is the released one, unchanged', async () => {
    const released = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'openapi', 'released', 'v1.json'), 'utf8')) as unknown;
    expect((await request(`${v1}/openapi.json`)).body).toEqual(released);
    const current = await request(`${v2}/openapi.json`);
    expect(current.body.info.version).toBe('v2');
    expect(current.body.servers).toEqual([expect.objectContaining({ url: '/v2/catalog' })]);
  });
});
