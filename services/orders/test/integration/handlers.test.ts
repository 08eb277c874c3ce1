/**
 * Orders' Lambda handlers with the real composition root (container.ts) against the local engine:
 * what each route answers, as API Gateway would invoke it once the authorizer has run (the
 * authorizer context is given). placeOrder and cancelOrder call catalog and users over HTTP: a
 * small local server here plays those services' published answers (catalog's product, reservation
 * and problem envelope; users' service token). Every answer goes through invokeRoute, so each call
 * is also checked against the route's contract.
 */
import * as CATALOG_PROBLEMS from '@emporium/catalog-contract/problems';
import { productSchema } from '@emporium/catalog-contract/schemas/product';
import type { Product } from '@emporium/catalog-contract/schemas/product';
import { reservationV2Schema } from '@emporium/catalog-contract/v2/reservation';
import { problemOf as catalogProblem } from '@emporium/common/http/problem';
import { startLocalDynamo } from '@emporium/local/local-dynamo';
import type { LocalDynamo } from '@emporium/local/local-dynamo';
import { invokeRoute } from '@emporium/openapi/conformance';
import { routes } from '@emporium/orders-contract/routes';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { monotonicFactory } from 'ulid';
import { getPlaceOrderDeps } from '../../src/place-order-container';
import { newIdempotencyRecord } from '../../src/domain/idempotency';
import type { Order } from '../../src/domain/order';
import { newOrder } from '../../src/domain/order';
import { handler as cancelOrder } from '../../src/handlers/cancel-order';
import { handler as getOpenApiDocument } from '../../src/handlers/get-open-api-document';
import { handler as getOrder } from '../../src/handlers/get-order';
import { handler as listOrders } from '../../src/handlers/list-orders';
import { handler as placeOrder } from '../../src/handlers/place-order';
import { handler as updateOrderStatus } from '../../src/handlers/update-order-status';

jest.setTimeout(60_000);

const ulid = monotonicFactory();
const BASE = '/v1/orders';
const SERVICE_CLIENT_SECRET = 'orders-handlers-test-secret';
const ACCESS_TOKEN = 'service-token-for-orders';

// ---------------------------------------------------------------------------------------------
// A stand-in for catalog and users: their published answers, over real HTTP.

interface Hit {
  method: string;
  url: string;
  authorization?: string;
  body: unknown;
}

type Answer = { status: number; body: unknown } | undefined;

let server: http.Server;
let hits: Hit[];
/** Bodies of every POST /v1/users/service-tokens (the token is cached per container, so not reset per test). */
const tokenRequests: unknown[] = [];
/** Products catalog knows, by id: it prices reservations from them. */
const catalogProducts = new Map<string, Product>();
/** Overrides catalog's answer to POST /v2/catalog/reservations (a 201 with the priced hold by default). */
let reserveAnswer: ((body: { reservationId: string; lines: unknown[] }) => Answer) | undefined;

const send = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' });
  res.end(JSON.stringify(body));
};

const fakeCatalogAndUsers = (req: http.IncomingMessage, raw: string, res: http.ServerResponse) => {
  const url = req.url ?? '';
  const body: unknown = raw ? JSON.parse(raw) : undefined;
  hits.push({ method: req.method ?? '', url, body, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
  const now = new Date().toISOString();
  let match: RegExpExecArray | null;
  if (req.method === 'POST' && url === '/v1/users/service-tokens') {
    tokenRequests.push(body);
    const { clientId, clientSecret } = body as { clientId?: string; clientSecret?: string };
    if (clientId !== 'orders' || clientSecret !== SERVICE_CLIENT_SECRET) {
      send(res, 401, catalogProblem({ code: 'INVALID_CLIENT', status: 401, title: 'Unauthorized', description: '' }));
      return;
    }
    send(res, 200, { accessToken: ACCESS_TOKEN, tokenType: 'Bearer', expiresIn: 900 });
    return;
  }
  const authorised = req.headers.authorization === `Bearer ${ACCESS_TOKEN}`;
  if (req.method === 'POST' && url === '/v2/catalog/reservations') {
    if (!authorised) return send(res, 401, {});
    const request = body as { reservationId: string; lines: { productId: string; quantity: number }[] };
    const override = reserveAnswer?.(request);
    if (override) return send(res, override.status, override.body);
    const unavailable = request.lines
      .map((line, index) => ({ index, product: catalogProducts.get(line.productId) }))
      .filter(({ product }) => product?.status !== 'active')
      .map(({ index }) => ({ path: `body.lines.${index}.productId`, message: 'Product unavailable', code: 'not_found' }));
    if (unavailable.length > 0)
      return send(res, 422, catalogProblem(CATALOG_PROBLEMS.PRODUCT_UNAVAILABLE, { detail: 'Some products cannot be reserved.', errors: unavailable }));
    const lines = request.lines.map((line) => {
      const product = catalogProducts.get(line.productId)!;
      return { ...line, name: product.name, unitPrice: product.price };
    });
    const expiresAt = new Date(Date.now() + 900_000).toISOString();
    send(res, 201, reservationV2Schema.parse({ id: request.reservationId, lines, status: 'active', createdAt: now, expiresAt }));
    return;
  }
  if (req.method === 'POST' && (match = /^\/v2\/catalog\/reservations\/([^/]+)\/commit$/.exec(url))) {
    if (!authorised) return send(res, 401, {});
    send(res, 200, reservationV2Schema.parse({ id: match[1], lines: [], status: 'active', createdAt: now, committedAt: now }));
    return;
  }
  if (req.method === 'POST' && (match = /^\/v2\/catalog\/reservations\/([^/]+)\/release$/.exec(url))) {
    if (!authorised) return send(res, 401, {});
    send(res, 200, reservationV2Schema.parse({ id: match[1], lines: [], status: 'released', createdAt: now, releasedAt: now }));
    return;
  }
  send(res, 404, {});
};

/** A product as catalog publishes it (checked against catalog's schema). */
const aCatalogProduct = (overrides: Partial<Product> = {}): Product => {
  const id = ulid();
  const product = productSchema.parse({
    id,
    sku: `SKU-${id}`,
    name: 'Oak desk',
    description: '',
    price: { amount: 24900, currency: 'EUR' },
    category: 'furniture',
    stock: 10,
    status: 'active',
    version: 1,
    createdAt: '2026-05-01T10:00:00.000Z',
    updatedAt: '2026-05-01T10:00:00.000Z',
    ...overrides,
  });
  catalogProducts.set(product.id, product);
  return product;
};

// ---------------------------------------------------------------------------------------------

let dynamo: LocalDynamo;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => fakeCatalogAndUsers(req, raw, res));
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dynamo = await startLocalDynamo(path.resolve(__dirname, '..', '..'));
  // What the function environments hold (provider + function environment; the local platform's secret).
  Object.assign(process.env, {
    TABLE_NAME: dynamo.tables['Table'],
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    HTTP_CACHE_MAX_AGE: '300',
    CURSOR_SIGNING_KEY: 'orders-handlers-cursor-key',
    FUNCTION_TIMEOUT_SECONDS: '15',
    CATALOG_BASE_URL: `${origin}/v2/catalog`,
    USERS_BASE_URL: `${origin}/v1/users`,
    SERVICE_CLIENT_SECRET,
  });
});

afterAll(async () => {
  await dynamo?.stop();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

beforeEach(() => {
  hits = [];
  reserveAnswer = undefined;
});

// ---------------------------------------------------------------------------------------------

type Caller = { authorizer: Record<string, string> } | Record<string, never>;
const as = (principalId: string, role: string): Caller => ({ authorizer: { principalId, role } });
const aUser = () => ulid();
const ADMIN = as(ulid(), 'admin');
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const problemOf = (response: { statusCode: number; json: { code?: string } }) => ({ status: response.statusCode, code: response.json?.code });

/** Stores an order the way placeOrder does: claim a key, then order + completion in one transaction. */
const place = async (userId: string): Promise<Order> => {
  const { orders, idempotency } = getPlaceOrderDeps();
  const now = new Date();
  const productId = ulid();
  const order = newOrder(
    { id: ulid(), userId, lines: [{ productId, quantity: 2, name: 'Lamp', unitPrice: eur(500), lineTotal: eur(1000) }], total: eur(1000) },
    now,
  );
  const record = newIdempotencyRecord({ userId, key: `key-${order.id}`, bodyHash: 'h', orderId: order.id }, now);
  expect(await idempotency.claim(record, now)).toEqual({ claimed: true });
  await orders.create(order, record);
  return order;
};

const orderPath = (id: string) => `${BASE}/${id}`;
const read = (id: string, caller: Caller, headers: Record<string, string> = {}) =>
  invokeRoute(routes.getOrder, getOrder, { path: orderPath(id), pathParameters: { id }, headers, ...caller });
const list = (caller: Caller, query: Record<string, string> = {}) => invokeRoute(routes.listOrders, listOrders, { path: BASE, query, ...caller });
const advance = (id: string, status: string, caller: Caller = ADMIN, headers: Record<string, string> = {}) =>
  invokeRoute(routes.updateOrderStatus, updateOrderStatus, { path: `${orderPath(id)}/status`, pathParameters: { id }, body: { status }, headers, ...caller });
const order = (body: unknown, caller: Caller, idempotencyKey: string | undefined) =>
  invokeRoute(routes.placeOrder, placeOrder, {
    path: BASE,
    body,
    headers: idempotencyKey === undefined ? {} : { 'Idempotency-Key': idempotencyKey },
    ...caller,
  });
const cancel = (id: string, caller: Caller, headers: Record<string, string> = {}) =>
  invokeRoute(routes.cancelOrder, cancelOrder, { path: `${orderPath(id)}/cancel`, pathParameters: { id }, headers, ...caller });
const reservationCalls = () => hits.filter((h) => h.method === 'POST' && h.url === '/v2/catalog/reservations');
const releaseCalls = () => hits.filter((h) => h.method === 'POST' && h.url.endsWith('/release'));

// ---------------------------------------------------------------------------------------------

describe('GET /{id} (getOrder)', () => {
  it('shows the owner the order with its ETag, not cacheable (private, no-store)', async () => {
    const owner = aUser();
    const placed = await place(owner);
    const response = await read(placed.id, as(owner, 'customer'));
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual(placed);
    expect(response.json.total).toEqual(eur(1000));
    expect(response.json).not.toHaveProperty('currency');
    expect(response.headers.etag).toBe('"1"');
    expect(response.headers['cache-control']).toBe('private, no-store');
  });

  it('answers the owner 304 for a current If-None-Match', async () => {
    const owner = aUser();
    const placed = await place(owner);
    const response = await read(placed.id, as(owner, 'customer'), { 'If-None-Match': '"1"' });
    expect(response.statusCode).toBe(304);
    expect(response.body).toBe('');
  });

  it('tells another customer the order does not exist (404 ORDER_NOT_FOUND), as for an unknown id', async () => {
    const placed = await place(aUser());
    const other = await read(placed.id, as(aUser(), 'customer'));
    expect(problemOf(other)).toEqual({ status: 404, code: 'ORDER_NOT_FOUND' });
    expect(problemOf(await read(ulid(), as(aUser(), 'customer')))).toEqual({ status: 404, code: 'ORDER_NOT_FOUND' });
  });

  it('shows an admin any order', async () => {
    const placed = await place(aUser());
    const response = await read(placed.id, ADMIN);
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual(placed);
  });

  it('needs a caller (401) and a well-formed id (400 naming path.id)', async () => {
    expect(problemOf(await read(ulid(), {}))).toEqual({ status: 401, code: 'UNAUTHORIZED' });
    const malformed = await read('not-an-order', ADMIN);
    expect(problemOf(malformed)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(malformed.json.errors).toEqual([expect.objectContaining({ path: 'path.id' })]);
  });
});

describe('GET / (listOrders)', () => {
  it("pages through the caller's own orders newest first, nextCursor null on the last page, nobody else's", async () => {
    const owner = aUser();
    const mine: Order[] = [];
    for (let i = 0; i < 3; i += 1) mine.push(await place(owner));
    await place(aUser());
    const first = await list(as(owner, 'customer'), { limit: '2' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('private, no-store');
    expect(first.json.items.map((o: Order) => o.id)).toEqual([mine[2]?.id, mine[1]?.id]);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await list(as(owner, 'customer'), { limit: '2', cursor: first.json.nextCursor });
    expect(second.json).toEqual({ items: [mine[0]], nextCursor: null });
  });

  it('ends on a full last page without an empty trailing page', async () => {
    const owner = aUser();
    for (let i = 0; i < 2; i += 1) await place(owner);
    const page = await list(as(owner, 'customer'), { limit: '2' });
    expect(page.json.items).toHaveLength(2);
    expect(page.json.nextCursor).toBeNull();
  });

  it("refuses another user's cursor with 400 naming query.cursor", async () => {
    const owner = aUser();
    for (let i = 0; i < 2; i += 1) await place(owner);
    const { nextCursor } = (await list(as(owner, 'customer'), { limit: '1' })).json;
    const stolen = await list(as(aUser(), 'customer'), { limit: '1', cursor: nextCursor });
    expect(problemOf(stolen)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(stolen.json.errors).toEqual([{ path: 'query.cursor', message: 'Invalid cursor', code: 'invalid_cursor' }]);
  });

  it('refuses an unknown query parameter and a page size above the maximum with 400', async () => {
    const caller = as(aUser(), 'customer');
    expect((await list(caller, { status: 'PENDING' })).json.errors).toEqual([{ path: 'query.status', message: 'Unknown field', code: 'unrecognized_key' }]);
    expect((await list(caller, { limit: '101' })).json.errors).toEqual([expect.objectContaining({ path: 'query.limit' })]);
  });
});

describe('POST /{id}/status (updateOrderStatus)', () => {
  it('lets an admin move an order PENDING -> CONFIRMED -> SHIPPED, each a new version and ETag', async () => {
    const placed = await place(aUser());
    const confirmed = await advance(placed.id, 'CONFIRMED');
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json).toMatchObject({ id: placed.id, status: 'CONFIRMED', version: 2 });
    expect(confirmed.headers.etag).toBe('"2"');
    const shipped = await advance(placed.id, 'SHIPPED', ADMIN, { 'If-Match': '"2"' });
    expect(shipped.statusCode).toBe(200);
    expect(shipped.json).toMatchObject({ status: 'SHIPPED', version: 3 });
    expect(shipped.headers.etag).toBe('"3"');
  });

  it('answers 409 INVALID_TRANSITION for a move the state machine has not (skipping or going back)', async () => {
    const placed = await place(aUser());
    expect(problemOf(await advance(placed.id, 'SHIPPED'))).toEqual({ status: 409, code: 'INVALID_TRANSITION' });
    expect((await advance(placed.id, 'CONFIRMED')).statusCode).toBe(200);
    expect(problemOf(await advance(placed.id, 'CONFIRMED'))).toEqual({ status: 409, code: 'INVALID_TRANSITION' });
    expect((await read(placed.id, ADMIN)).json).toMatchObject({ status: 'CONFIRMED', version: 2 });
  });

  it('is forbidden to customers, even the owner (403), and changes nothing', async () => {
    const owner = aUser();
    const placed = await place(owner);
    expect(problemOf(await advance(placed.id, 'CONFIRMED', as(owner, 'customer')))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect((await read(placed.id, ADMIN)).json).toMatchObject({ status: 'PENDING', version: 1 });
  });

  it('answers 412 PRECONDITION_FAILED for a stale If-Match and changes nothing', async () => {
    const placed = await place(aUser());
    expect((await advance(placed.id, 'CONFIRMED', ADMIN, { 'If-Match': '"1"' })).statusCode).toBe(200);
    expect(problemOf(await advance(placed.id, 'SHIPPED', ADMIN, { 'If-Match': '"1"' }))).toEqual({ status: 412, code: 'PRECONDITION_FAILED' });
    expect((await read(placed.id, ADMIN)).json).toMatchObject({ status: 'CONFIRMED', version: 2 });
  });

  it('refuses an unknown status with 400 naming body.status, and answers 404 ORDER_NOT_FOUND for an unknown order', async () => {
    const placed = await place(aUser());
    const unknown = await advance(placed.id, 'DELIVERED');
    expect(problemOf(unknown)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(unknown.json.errors).toEqual([expect.objectContaining({ path: 'body.status' })]);
    expect(problemOf(await advance(placed.id, 'CANCELLED'))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(problemOf(await advance(ulid(), 'CONFIRMED'))).toEqual({ status: 404, code: 'ORDER_NOT_FOUND' });
  });
});

describe('POST / (placeOrder, against a stand-in catalog)', () => {
  it("places an order priced by catalog: 201, Location and ETag, stock reserved under the order id with orders' service token", async () => {
    const desk = aCatalogProduct({ name: 'Oak desk', price: { amount: 24900, currency: 'EUR' } });
    const lamp = aCatalogProduct({ name: 'Lamp', price: { amount: 1999, currency: 'EUR' } });
    const owner = aUser();
    const lines = [
      { productId: desk.id, quantity: 1 },
      { productId: lamp.id, quantity: 3 },
    ];
    const response = await order({ lines }, as(owner, 'customer'), `key-${ulid()}`);
    expect(response.statusCode).toBe(201);
    expect(response.json).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      userId: owner,
      status: 'PENDING',
      lines: [
        { productId: desk.id, quantity: 1, name: 'Oak desk', unitPrice: eur(24900), lineTotal: eur(24900) },
        { productId: lamp.id, quantity: 3, name: 'Lamp', unitPrice: eur(1999), lineTotal: eur(5997) },
      ],
      total: eur(30897),
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(response.headers.location).toBe(`${BASE}/${response.json.id}`);
    expect(response.headers.etag).toBe('"1"');
    expect(reservationCalls()).toEqual([
      { method: 'POST', url: '/v2/catalog/reservations', authorization: `Bearer ${ACCESS_TOKEN}`, body: { reservationId: response.json.id, lines } },
    ]);
    expect((await read(response.json.id, as(owner, 'customer'))).json).toEqual(response.json);
    expect(tokenRequests).toContainEqual({ clientId: 'orders', clientSecret: SERVICE_CLIENT_SECRET });
  });

  it('answers a retry with the same Idempotency-Key and body 200 with the same order, reserving nothing more', async () => {
    const product = aCatalogProduct();
    const owner = aUser();
    const key = `key-${ulid()}`;
    const body = { lines: [{ productId: product.id, quantity: 2 }] };
    const first = await order(body, as(owner, 'customer'), key);
    expect(first.statusCode).toBe(201);
    const replay = await order(body, as(owner, 'customer'), key);
    expect(replay.statusCode).toBe(200);
    expect(replay.json).toEqual(first.json);
    expect(replay.headers.location).toBe(first.headers.location);
    expect(replay.headers.etag).toBe('"1"');
    expect(reservationCalls()).toHaveLength(1);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body', async () => {
    const product = aCatalogProduct();
    const owner = aUser();
    const key = `key-${ulid()}`;
    expect((await order({ lines: [{ productId: product.id, quantity: 1 }] }, as(owner, 'customer'), key)).statusCode).toBe(201);
    const reused = await order({ lines: [{ productId: product.id, quantity: 2 }] }, as(owner, 'customer'), key);
    expect(problemOf(reused)).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('refuses a malformed or missing Idempotency-Key with 400 naming header.Idempotency-Key, calling nobody', async () => {
    const product = aCatalogProduct();
    const body = { lines: [{ productId: product.id, quantity: 1 }] };
    for (const key of ['not a key!', 'x'.repeat(65), undefined]) {
      const response = await order(body, as(aUser(), 'customer'), key);
      expect({ key, ...problemOf(response) }).toEqual({ key, status: 400, code: 'VALIDATION_FAILED' });
      expect(response.json.errors).toEqual([expect.objectContaining({ path: 'header.Idempotency-Key' })]);
    }
    expect(hits).toEqual([]);
  });

  it('refuses client-set prices and unknown fields with 400 naming them', async () => {
    const product = aCatalogProduct();
    const response = await order({ lines: [{ productId: product.id, quantity: 1 }], total: eur(1) }, as(aUser(), 'customer'), `key-${ulid()}`);
    expect(problemOf(response)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(response.json.errors).toEqual([{ path: 'body.total', message: 'Unknown field', code: 'unrecognized_key' }]);
  });

  it("passes catalog's 409 INSUFFICIENT_STOCK on with its line errors, releases nothing, and frees the key for a retry", async () => {
    const product = aCatalogProduct();
    const owner = aUser();
    const key = `key-${ulid()}`;
    const body = { lines: [{ productId: product.id, quantity: 5 }] };
    const lineError = { path: 'body.lines.0.quantity', message: 'Only 1 in stock', code: 'insufficient_stock' };
    reserveAnswer = () => ({
      status: 409,
      body: catalogProblem(CATALOG_PROBLEMS.INSUFFICIENT_STOCK, { detail: 'Not enough stock for some lines; nothing was reserved.', errors: [lineError] }),
    });
    const refused = await order(body, as(owner, 'customer'), key);
    expect(problemOf(refused)).toEqual({ status: 409, code: 'INSUFFICIENT_STOCK' });
    expect(refused.json.errors).toEqual([lineError]);
    expect(releaseCalls()).toEqual([]);
    expect((await list(as(owner, 'customer'))).json.items).toEqual([]);

    reserveAnswer = undefined; // stock came back: the same key places the order now
    expect((await order(body, as(owner, 'customer'), key)).statusCode).toBe(201);
  });

  it('answers 422 PRODUCT_UNAVAILABLE for a product catalog refuses to reserve, naming the line, with nothing to release', async () => {
    const response = await order({ lines: [{ productId: ulid(), quantity: 1 }] }, as(aUser(), 'customer'), `key-${ulid()}`);
    expect(problemOf(response)).toEqual({ status: 422, code: 'PRODUCT_UNAVAILABLE' });
    expect(response.json.errors).toEqual([expect.objectContaining({ path: 'body.lines.0.productId', code: 'not_found' })]);
    expect(reservationCalls()).toHaveLength(1);
    expect(releaseCalls()).toEqual([]);
  });
});

describe('POST /{id}/cancel (cancelOrder, against a stand-in catalog)', () => {
  const placed = async (owner: string) => {
    const product = aCatalogProduct();
    const response = await order({ lines: [{ productId: product.id, quantity: 1 }] }, as(owner, 'customer'), `key-${ulid()}`);
    expect(response.statusCode).toBe(201);
    hits = [];
    return response.json as Order;
  };

  it("cancels the owner's order: 200 CANCELLED, its reservation released in catalog, stockReleased true", async () => {
    const owner = aUser();
    const { id } = await placed(owner);
    const response = await cancel(id, as(owner, 'customer'), { 'If-Match': '"1"' });
    expect(response.statusCode).toBe(200);
    expect(response.json).toMatchObject({ id, status: 'CANCELLED', stockReleased: true, cancelledAt: expect.any(String), version: 3 });
    expect(response.headers.etag).toBe('"3"');
    expect(releaseCalls()).toEqual([
      { method: 'POST', url: `/v2/catalog/reservations/${id}/release`, authorization: `Bearer ${ACCESS_TOKEN}`, body: undefined },
    ]);
  });

  it('answers a repeated cancel 200 with the cancelled order, releasing nothing again', async () => {
    const owner = aUser();
    const { id } = await placed(owner);
    const first = await cancel(id, as(owner, 'customer'));
    expect(first.statusCode).toBe(200);
    const again = await cancel(id, as(owner, 'customer'), { 'If-Match': '"1"' });
    expect(again.statusCode).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(releaseCalls()).toHaveLength(1);
  });

  it("answers 404 to another customer's cancel and 412 to a stale If-Match, leaving the order PENDING", async () => {
    const owner = aUser();
    const { id } = await placed(owner);
    expect(problemOf(await cancel(id, as(aUser(), 'customer')))).toEqual({ status: 404, code: 'ORDER_NOT_FOUND' });
    expect(problemOf(await cancel(id, as(owner, 'customer'), { 'If-Match': '"9"' }))).toEqual({ status: 412, code: 'PRECONDITION_FAILED' });
    expect((await read(id, ADMIN)).json).toMatchObject({ status: 'PENDING', version: 1 });
    expect(releaseCalls()).toEqual([]);
  });

  it('answers 409 ORDER_NOT_CANCELLABLE for a shipped order', async () => {
    const owner = aUser();
    const { id } = await placed(owner);
    expect((await advance(id, 'CONFIRMED')).statusCode).toBe(200);
    expect((await advance(id, 'SHIPPED')).statusCode).toBe(200);
    expect(problemOf(await cancel(id, ADMIN))).toEqual({ status: 409, code: 'ORDER_NOT_CANCELLABLE' });
    expect(releaseCalls()).toEqual([]);
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
      expect({ route: route.operationId, inDocument: route.path in paths }).toEqual({ route: route.operationId, inDocument: true });
      expect(paths[route.path]?.[route.method.toLowerCase()]?.operationId).toBe(route.operationId);
    }
  });
});
