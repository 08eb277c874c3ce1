/**
 * Catalog's Lambda handlers with the real composition root (container.ts) against the local engine:
 * what each route answers, as API Gateway would invoke it once the authorizer has run (the
 * authorizer context is given; the front door and the authorizer itself are tested elsewhere).
 * Every answer goes through invokeRoute, so each call is also checked against the route's contract.
 */
import { routes } from '@emporium/catalog-contract/routes';
import { startLocalDynamo } from '@emporium/local/local-dynamo';
import type { LocalDynamo } from '@emporium/local/local-dynamo';
import { invokeRoute } from '@emporium/openapi/conformance';
import path from 'node:path';
import { monotonicFactory } from 'ulid';
import { handler as archiveProduct } from '../../src/handlers/archive-product';
import { handler as createProduct } from '../../src/handlers/create-product';
import { handler as getOpenApiDocument } from '../../src/handlers/get-open-api-document';
import { handler as getProduct } from '../../src/handlers/get-product';
import { handler as getReservation } from '../../src/handlers/get-reservation';
import { handler as listProducts } from '../../src/handlers/list-products';
import { handler as releaseReservation } from '../../src/handlers/release-reservation';
import { handler as reserveStock } from '../../src/handlers/reserve-stock';
import { handler as updateProduct } from '../../src/handlers/update-product';

jest.setTimeout(60_000);

const ulid = monotonicFactory();
const BASE = '/v1/catalog';

let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startLocalDynamo(path.resolve(__dirname, '..', '..'));
  // What the function environments hold (provider + function environment).
  Object.assign(process.env, {
    TABLE_NAME: dynamo.tables['Table'],
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    HTTP_CACHE_MAX_AGE: '300',
    CURSOR_SIGNING_KEY: 'catalog-handlers-cursor-key',
  });
});

afterAll(() => dynamo?.stop());

type Caller = { authorizer: Record<string, string> } | Record<string, never>;
const as = (role: string, principalId = '01ARZ3NDEKTSV4RRFFQ69G5FAV'): Caller => ({ authorizer: { principalId, role } });
const ADMIN = as('admin');
const SERVICE = as('service', 'orders');
const CUSTOMER = as('customer');
const ANONYMOUS: Caller = {};

let sequence = 0;
const unique = () => `${Date.now().toString(36)}-${(sequence += 1)}`;
const aCategory = () => `cat-${unique()}`;
const aReservationId = () => `res-${unique()}`;
const productBody = (overrides: Record<string, unknown> = {}) => ({
  sku: `sku-${unique()}`,
  name: ' Oak desk ',
  price: { amount: 24900, currency: 'EUR' },
  category: 'furniture',
  stock: 5,
  ...overrides,
});

const productPath = (id: string) => `${BASE}/products/${id}`;
const create = (body: unknown, caller: Caller = ADMIN) => invokeRoute(routes.createProduct, createProduct, { path: `${BASE}/products`, body, ...caller });
const created = async (overrides: Record<string, unknown> = {}) => {
  const response = await create(productBody(overrides));
  expect(response.statusCode).toBe(201);
  return response.json as { id: string; version: number; stock: number; sku: string };
};
const read = (id: string, headers: Record<string, string> = {}) =>
  invokeRoute(routes.getProduct, getProduct, { path: productPath(id), pathParameters: { id }, headers });
const list = (query: Record<string, string>) => invokeRoute(routes.listProducts, listProducts, { path: `${BASE}/products`, query });
const patch = (id: string, body: unknown, headers: Record<string, string> = {}, caller: Caller = ADMIN) =>
  invokeRoute(routes.updateProduct, updateProduct, { path: productPath(id), pathParameters: { id }, body, headers, ...caller });
const archive = (id: string, headers: Record<string, string> = {}, caller: Caller = ADMIN) =>
  invokeRoute(routes.archiveProduct, archiveProduct, { path: productPath(id), pathParameters: { id }, headers, ...caller });
const reserve = (body: unknown, caller: Caller = SERVICE) => invokeRoute(routes.reserveStock, reserveStock, { path: `${BASE}/reservations`, body, ...caller });
const readReservation = (id: string, caller: Caller = SERVICE) =>
  invokeRoute(routes.getReservation, getReservation, { path: `${BASE}/reservations/${id}`, pathParameters: { id }, ...caller });
const release = (id: string, caller: Caller = SERVICE) =>
  invokeRoute(routes.releaseReservation, releaseReservation, { path: `${BASE}/reservations/${id}/release`, pathParameters: { id }, ...caller });
const stockOf = async (id: string) => (await read(id)).json.stock as number;
const problemOf = (response: { statusCode: number; json: { code?: string } }) => ({ status: response.statusCode, code: response.json?.code });

describe('POST /products (createProduct)', () => {
  it('creates a product for an admin: 201, the normalised product at version 1, ETag "1" and Location of the new product', async () => {
    const body = productBody();
    const response = await create(body);
    expect(response.statusCode).toBe(201);
    expect(response.json).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      sku: body.sku.toUpperCase(),
      name: 'Oak desk',
      description: '',
      price: { amount: 24900, currency: 'EUR' },
      category: 'furniture',
      stock: 5,
      status: 'active',
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(response.headers.etag).toBe('"1"');
    expect(response.headers.location).toBe(`${BASE}/products/${response.json.id}`);
  });

  it('answers 409 SKU_TAKEN for a second product with the same SKU, in any case', async () => {
    const first = await created();
    const second = await create(productBody({ sku: first.sku.toLowerCase() }));
    expect(problemOf(second)).toEqual({ status: 409, code: 'SKU_TAKEN' });
  });

  it('is forbidden to customers (403 FORBIDDEN) and needs a caller (401 UNAUTHORIZED)', async () => {
    expect(problemOf(await create(productBody(), CUSTOMER))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(problemOf(await create(productBody(), ANONYMOUS))).toEqual({ status: 401, code: 'UNAUTHORIZED' });
  });

  it('refuses an invalid body with 400 VALIDATION_FAILED naming every invalid field', async () => {
    const response = await create(productBody({ price: { amount: 19.99, currency: 'EUR' }, category: 'Home Office', stock: -1, status: 'active' }));
    expect(problemOf(response)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    const paths = (response.json.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['body.category', 'body.price.amount', 'body.status', 'body.stock']);
    expect(response.json.errors).toContainEqual({ path: 'body.status', message: 'Unknown field', code: 'unrecognized_key' });
  });
});

describe('GET /products/{id} (getProduct)', () => {
  it('answers 200 with the product, its ETag and a public Cache-Control of the stage TTL', async () => {
    const product = await created();
    const response = await read(product.id);
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual(product);
    expect(response.headers.etag).toBe('"1"');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
  });

  it('answers 304 without a body for a current If-None-Match and 200 for a stale one', async () => {
    const product = await created();
    const current = await read(product.id, { 'If-None-Match': '"1"' });
    expect(current.statusCode).toBe(304);
    expect(current.body).toBe('');
    expect(current.headers.etag).toBe('"1"');
    expect((await read(product.id, { 'If-None-Match': '"0"' })).statusCode).toBe(200);
  });

  it('answers 404 PRODUCT_NOT_FOUND for an unknown id and 400 naming path.id for a malformed one', async () => {
    expect(problemOf(await read(ulid()))).toEqual({ status: 404, code: 'PRODUCT_NOT_FOUND' });
    const malformed = await read('not-a-product-id');
    expect(problemOf(malformed)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(malformed.json.errors).toEqual([expect.objectContaining({ path: 'path.id' })]);
  });
});

describe('GET /products (listProducts)', () => {
  const pagesOf = async (category: string, limit: number) => {
    const pages: { ids: string[]; nextCursor: unknown }[] = [];
    let cursor: string | undefined;
    do {
      const response = await list({ category, limit: String(limit), ...(cursor ? { cursor } : {}) });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=300');
      pages.push({ ids: response.json.items.map((p: { id: string }) => p.id), nextCursor: response.json.nextCursor });
      cursor = response.json.nextCursor ?? undefined;
      if (pages.length > 10) throw new Error('listing does not end');
    } while (cursor);
    return pages;
  };

  it('pages through a category in creation order: nextCursor is a string until the last page, then null', async () => {
    const category = aCategory();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await created({ category })).id);
    const pages = await pagesOf(category, 2);
    expect(pages.map((p) => p.ids)).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
    expect(pages.map((p) => typeof p.nextCursor)).toEqual(['string', 'string', 'object']);
    expect(pages[2]?.nextCursor).toBeNull();
  });

  it('ends on the last full page when the data ends exactly at a page boundary (no empty trailing page)', async () => {
    const category = aCategory();
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) ids.push((await created({ category })).id);
    const pages = await pagesOf(category, 2);
    expect(pages).toEqual([
      { ids: ids.slice(0, 2), nextCursor: expect.any(String) },
      { ids: ids.slice(2, 4), nextCursor: null },
    ]);
  });

  it('leaves archived products out and answers an empty category with one empty last page', async () => {
    const category = aCategory();
    const kept = await created({ category });
    const gone = await created({ category });
    expect((await archive(gone.id, { 'If-Match': '"1"' })).statusCode).toBe(200);
    expect((await list({ category })).json).toEqual({ items: [expect.objectContaining({ id: kept.id })], nextCursor: null });
    expect((await list({ category: aCategory() })).json).toEqual({ items: [], nextCursor: null });
  });

  it('refuses a cursor from another category with 400 naming query.cursor', async () => {
    const category = aCategory();
    for (let i = 0; i < 2; i += 1) await created({ category });
    const { nextCursor } = (await list({ category, limit: '1' })).json;
    const response = await list({ category: aCategory(), limit: '1', cursor: nextCursor });
    expect(problemOf(response)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(response.json.errors).toEqual([{ path: 'query.cursor', message: 'Invalid cursor', code: 'invalid_cursor' }]);
  });
});

describe('PATCH /products/{id} (updateProduct)', () => {
  it('changes the product with a current If-Match: 200, the next version and its ETag', async () => {
    const product = await created();
    const response = await patch(product.id, { name: 'Walnut desk', stock: 9 }, { 'If-Match': '"1"' });
    expect(response.statusCode).toBe(200);
    expect(response.json).toMatchObject({ id: product.id, name: 'Walnut desk', stock: 9, version: 2 });
    expect(response.headers.etag).toBe('"2"');
    expect((await read(product.id)).json).toMatchObject({ name: 'Walnut desk', version: 2 });
  });

  it('answers 428 PRECONDITION_REQUIRED without If-Match and changes nothing', async () => {
    const product = await created();
    expect(problemOf(await patch(product.id, { name: 'Blind' }))).toEqual({ status: 428, code: 'PRECONDITION_REQUIRED' });
    expect((await read(product.id)).json).toMatchObject({ name: 'Oak desk', version: 1 });
  });

  it('answers 412 PRECONDITION_FAILED for a stale If-Match and changes nothing', async () => {
    const product = await created();
    expect((await patch(product.id, { stock: 1 }, { 'If-Match': '"1"' })).statusCode).toBe(200);
    expect(problemOf(await patch(product.id, { stock: 2 }, { 'If-Match': '"1"' }))).toEqual({ status: 412, code: 'PRECONDITION_FAILED' });
    expect((await read(product.id)).json).toMatchObject({ stock: 1, version: 2 });
  });

  it('answers 409 PRODUCT_ARCHIVED once the product is archived', async () => {
    const product = await created();
    const archived = await archive(product.id, { 'If-Match': '"1"' });
    expect(archived.statusCode).toBe(200);
    expect(problemOf(await patch(product.id, { stock: 2 }, { 'If-Match': archived.headers.etag! }))).toEqual({ status: 409, code: 'PRODUCT_ARCHIVED' });
  });

  it('answers 404 PRODUCT_NOT_FOUND for an unknown product and 403 for a customer', async () => {
    expect(problemOf(await patch(ulid(), { stock: 2 }, { 'If-Match': '"1"' }))).toEqual({ status: 404, code: 'PRODUCT_NOT_FOUND' });
    const product = await created();
    expect(problemOf(await patch(product.id, { stock: 2 }, { 'If-Match': '"1"' }, CUSTOMER))).toEqual({ status: 403, code: 'FORBIDDEN' });
  });
});

describe('DELETE /products/{id} (archiveProduct)', () => {
  it('answers 428 without If-Match and 412 for a stale one, leaving the product active', async () => {
    const product = await created();
    expect(problemOf(await archive(product.id))).toEqual({ status: 428, code: 'PRECONDITION_REQUIRED' });
    expect(problemOf(await archive(product.id, { 'If-Match': '"7"' }))).toEqual({ status: 412, code: 'PRECONDITION_FAILED' });
    expect((await read(product.id)).json).toMatchObject({ status: 'active', version: 1 });
  });

  it('archives with a current If-Match (200, next version) and answers 200 with the archived product again; it stays readable', async () => {
    const product = await created();
    const first = await archive(product.id, { 'If-Match': '"1"' });
    expect(first.statusCode).toBe(200);
    expect(first.json).toMatchObject({ id: product.id, status: 'archived', version: 2 });
    expect(first.headers.etag).toBe('"2"');
    const again = await archive(product.id, { 'If-Match': '"1"' });
    expect(again.statusCode).toBe(200);
    expect(again.json).toEqual(first.json);
    expect((await read(product.id)).json).toMatchObject({ status: 'archived', version: 2 });
  });
});

describe('POST /reservations (reserveStock)', () => {
  it('reserves with 201 and takes the stock; the same id and lines answer 200 with the stored reservation and take no more', async () => {
    const a = await created({ stock: 5 });
    const b = await created({ stock: 3 });
    const body = {
      reservationId: aReservationId(),
      lines: [
        { productId: a.id, quantity: 2 },
        { productId: b.id, quantity: 3 },
      ],
    };
    const first = await reserve(body);
    expect(first.statusCode).toBe(201);
    expect(first.json).toEqual({ id: body.reservationId, lines: body.lines, status: 'active', createdAt: expect.any(String) });
    const retry = await reserve({ ...body, lines: [...body.lines].reverse() });
    expect(retry.statusCode).toBe(200);
    expect(retry.json).toEqual(first.json);
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([3, 0]);
  });

  it('lets admins and services reserve, forbids customers (403) and needs a caller (401)', async () => {
    const product = await created();
    const lines = [{ productId: product.id, quantity: 1 }];
    expect((await reserve({ reservationId: aReservationId(), lines }, ADMIN)).statusCode).toBe(201);
    expect((await reserve({ reservationId: aReservationId(), lines }, SERVICE)).statusCode).toBe(201);
    expect(problemOf(await reserve({ reservationId: aReservationId(), lines }, CUSTOMER))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(problemOf(await reserve({ reservationId: aReservationId(), lines }, ANONYMOUS))).toEqual({ status: 401, code: 'UNAUTHORIZED' });
    expect(await stockOf(product.id)).toBe(3);
  });

  it('answers 409 INSUFFICIENT_STOCK naming the short line and reserves nothing (all or none)', async () => {
    const plenty = await created({ stock: 10 });
    const scarce = await created({ stock: 1 });
    const response = await reserve({
      reservationId: aReservationId(),
      lines: [
        { productId: plenty.id, quantity: 4 },
        { productId: scarce.id, quantity: 2 },
      ],
    });
    expect(problemOf(response)).toEqual({ status: 409, code: 'INSUFFICIENT_STOCK' });
    expect(response.json.errors).toEqual([{ path: 'body.lines.1.quantity', message: 'Only 1 in stock', code: 'insufficient_stock' }]);
    expect([await stockOf(plenty.id), await stockOf(scarce.id)]).toEqual([10, 1]);
  });

  it('answers 422 PRODUCT_UNAVAILABLE for an unknown or archived product, naming each line', async () => {
    const archived = await created();
    expect((await archive(archived.id, { 'If-Match': '"1"' })).statusCode).toBe(200);
    const unknown = ulid();
    const response = await reserve({
      reservationId: aReservationId(),
      lines: [
        { productId: unknown, quantity: 1 },
        { productId: archived.id, quantity: 1 },
      ],
    });
    expect(problemOf(response)).toEqual({ status: 422, code: 'PRODUCT_UNAVAILABLE' });
    expect(response.json.errors).toEqual([
      { path: 'body.lines.0.productId', message: `Product ${unknown} does not exist`, code: 'not_found' },
      { path: 'body.lines.1.productId', message: `Product ${archived.id} is archived`, code: 'archived' },
    ]);
  });

  it('answers 422 RESERVATION_ID_REUSED for a known id with other lines, taking no more stock', async () => {
    const product = await created({ stock: 5 });
    const reservationId = aReservationId();
    expect((await reserve({ reservationId, lines: [{ productId: product.id, quantity: 1 }] })).statusCode).toBe(201);
    expect(problemOf(await reserve({ reservationId, lines: [{ productId: product.id, quantity: 2 }] }))).toEqual({
      status: 422,
      code: 'RESERVATION_ID_REUSED',
    });
    expect(await stockOf(product.id)).toBe(4);
  });

  it('answers 409 RESERVATION_RELEASED for an id released before it was reserved, taking no stock', async () => {
    const product = await created({ stock: 5 });
    const reservationId = aReservationId();
    const released = await release(reservationId);
    expect(released.statusCode).toBe(200);
    expect(released.json).toMatchObject({ id: reservationId, lines: [], status: 'released' });
    expect(problemOf(await reserve({ reservationId, lines: [{ productId: product.id, quantity: 1 }] }))).toEqual({ status: 409, code: 'RESERVATION_RELEASED' });
    expect(await stockOf(product.id)).toBe(5);
  });

  it('refuses a product listed twice with 400 naming the second line', async () => {
    const product = await created();
    const response = await reserve({
      reservationId: aReservationId(),
      lines: [
        { productId: product.id, quantity: 1 },
        { productId: product.id, quantity: 1 },
      ],
    });
    expect(problemOf(response)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(response.json.errors).toEqual([expect.objectContaining({ path: 'body.lines.1.productId' })]);
  });
});

describe('GET /reservations/{id} (getReservation)', () => {
  it('answers 200 with the reservation, not cacheable (private, no-store)', async () => {
    const product = await created();
    const reserved = await reserve({ reservationId: aReservationId(), lines: [{ productId: product.id, quantity: 1 }] });
    const response = await readReservation(reserved.json.id);
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual(reserved.json);
    expect(response.headers['cache-control']).toBe('private, no-store');
  });

  it('answers 404 RESERVATION_NOT_FOUND for an unknown id and 403 for a customer', async () => {
    expect(problemOf(await readReservation(aReservationId()))).toEqual({ status: 404, code: 'RESERVATION_NOT_FOUND' });
    expect(problemOf(await readReservation(aReservationId(), CUSTOMER))).toEqual({ status: 403, code: 'FORBIDDEN' });
  });
});

describe('POST /reservations/{id}/release (releaseReservation)', () => {
  it('answers 200 with the released reservation and returns its stock exactly once', async () => {
    const product = await created({ stock: 5 });
    const reservationId = aReservationId();
    expect((await reserve({ reservationId, lines: [{ productId: product.id, quantity: 3 }] })).statusCode).toBe(201);
    expect(await stockOf(product.id)).toBe(2);
    const first = await release(reservationId);
    expect(first.statusCode).toBe(200);
    expect(first.json).toEqual({
      id: reservationId,
      lines: [{ productId: product.id, quantity: 3 }],
      status: 'released',
      createdAt: expect.any(String),
      releasedAt: expect.any(String),
    });
    const again = await release(reservationId);
    expect(again.statusCode).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(await stockOf(product.id)).toBe(5);
    expect((await readReservation(reservationId)).json.status).toBe('released');
  });

  it('is forbidden to customers (403)', async () => {
    expect(problemOf(await release(aReservationId(), CUSTOMER))).toEqual({ status: 403, code: 'FORBIDDEN' });
  });
});

describe('GET /openapi.json (getOpenApiDocument)', () => {
  it('answers 200 with a public, cacheable OpenAPI 3.1 document that has every route of the contract', async () => {
    const response = await invokeRoute(routes.getOpenApiDocument, getOpenApiDocument, { path: `${BASE}/openapi.json` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.json.openapi).toMatch(/^3\.1\./);
    const paths = response.json.paths as Record<string, Record<string, { operationId?: string }>>;
    for (const route of Object.values(routes)) {
      expect({ route: route.operationId, path: route.path, inDocument: route.path in paths }).toEqual({
        route: route.operationId,
        path: route.path,
        inDocument: true,
      });
      expect(paths[route.path]?.[route.method.toLowerCase()]?.operationId).toBe(route.operationId);
    }
  });
});
