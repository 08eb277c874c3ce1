import { ConflictError, errorClass, NotFoundError } from '@emporium/common/errors';
import type { ApiContract } from '@emporium/common/http/api';
import { httpHandler } from '@emporium/common/http/handler';
import { problemOf, PROBLEM_CONTENT_TYPE } from '@emporium/common/http/problem';
import type { RouteContract } from '@emporium/common/http/route';
import { defineRoute, GATEWAY_PROBLEMS } from '@emporium/common/http/route';
import * as PROBLEMS from '@emporium/common/problems';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accountRoutes, accountsApi, SHOP_PROBLEMS, shopApi, shopRoutes } from '../test/fixture-api';
import type { CheckedResponse } from './conformance';
import { contractRequest, contractViolations, expectConforms, invokeRoute, routeFor } from './conformance';

const ITEM = {
  id: '01JF3Z8X6M4Q2W9RZK7T5B1C0D',
  sku: 'DESK-1',
  name: 'Oak desk',
  note: '',
  price: { amount: 1999, currency: 'EUR' },
  stock: 3,
  status: 'active',
  version: 3,
} as const;

/** A response as the checks see it; header names are looked up case-insensitively. */
const answer = (status: number, headers: Record<string, string> = {}, body?: unknown): CheckedResponse => {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { status, header: (name) => lower[name.toLowerCase()], body };
};
const problemAnswer = (
  definition: { code: string; status: number; title: string; description: string | false },
  contentType = PROBLEM_CONTENT_TYPE,
  status = definition.status,
) => answer(status, { 'content-type': contentType }, problemOf(definition, { requestId: 'r-1', instance: '/v1/shop/items/x' }));
const ok = (body: unknown = ITEM) => answer(200, { 'content-type': 'application/json', ETag: '"3"', 'Cache-Control': 'public, max-age=0' }, body);

class ItemNotFoundError extends errorClass(SHOP_PROBLEMS.ITEM_NOT_FOUND) {}

describe('contractViolations', () => {
  describe('conforming answers', () => {
    it('passes a declared success with its body and headers', () => {
      expect(contractViolations(shopRoutes.getItem, ok())).toEqual([]);
    });

    it('passes a 201 with ETag and Location', () => {
      const created = answer(201, { etag: '"1"', location: '/v1/shop/items/01JF3Z8X6M4Q2W9RZK7T5B1C0D' }, ITEM);
      expect(contractViolations(shopRoutes.createItem, created)).toEqual([]);
    });

    it('passes each of several declared success statuses', () => {
      expect(contractViolations(shopRoutes.reserve, answer(201, { location: '/v1/shop/reservations/r1' }, { id: 'r1' }))).toEqual([]);
      expect(contractViolations(shopRoutes.reserve, answer(200, {}, { id: 'r1' }))).toEqual([]);
    });

    it('passes a 204 without a body (empty string or none)', () => {
      expect(contractViolations(shopRoutes.archiveItem, answer(204))).toEqual([]);
      expect(contractViolations(shopRoutes.archiveItem, answer(204, {}, ''))).toEqual([]);
    });

    it('passes a 304 with its ETag and no body on an ETag GET', () => {
      expect(contractViolations(shopRoutes.getItem, answer(304, { etag: '"3"', 'cache-control': 'public, max-age=0' }))).toEqual([]);
    });

    it('passes a private cached GET with its Cache-Control', () => {
      expect(contractViolations(shopRoutes.getMyBasket, answer(200, { 'cache-control': 'private, no-store' }, { items: [] }))).toEqual([]);
    });

    it("passes the route's own problem at its status", () => {
      expect(contractViolations(shopRoutes.getItem, problemAnswer(SHOP_PROBLEMS.ITEM_NOT_FOUND))).toEqual([]);
    });

    it('passes the problems that follow from the shape of the route and those of the gateway', () => {
      expect(contractViolations(shopRoutes.getItem, problemAnswer(PROBLEMS.VALIDATION_FAILED))).toEqual([]);
      expect(contractViolations(shopRoutes.createItem, problemAnswer(PROBLEMS.MALFORMED_JSON))).toEqual([]);
      expect(contractViolations(shopRoutes.createItem, problemAnswer(PROBLEMS.FORBIDDEN))).toEqual([]);
      expect(contractViolations(shopRoutes.updateItem, problemAnswer(PROBLEMS.PRECONDITION_REQUIRED))).toEqual([]);
      expect(contractViolations(shopRoutes.getItem, problemAnswer(GATEWAY_PROBLEMS.THROTTLED))).toEqual([]);
      expect(contractViolations(shopRoutes.getItem, problemAnswer(GATEWAY_PROBLEMS.FUNCTION_TIMEOUT))).toEqual([]);
    });

    it('passes a problem content type with parameters', () => {
      expect(contractViolations(shopRoutes.getItem, problemAnswer(SHOP_PROBLEMS.ITEM_NOT_FOUND, `${PROBLEM_CONTENT_TYPE}; charset=utf-8`))).toEqual([]);
    });
  });

  describe('success answers that break the contract', () => {
    it('flags an undeclared success status', () => {
      expect(contractViolations(shopRoutes.getItem, answer(201, { etag: '"3"' }, ITEM))).toEqual([
        'GET /items/{id} answered 201, a status the contract does not declare (declared: 200, 304)',
      ]);
    });

    it('flags a 304 on a route without an ETag', () => {
      expect(contractViolations(shopRoutes.listItems, answer(304))).toEqual([
        'GET /items answered 304, a status the contract does not declare (declared: 200)',
      ]);
    });

    it('flags a redirect the contract does not declare', () => {
      expect(contractViolations(shopRoutes.getItem, answer(302, { location: '/elsewhere' }))).toEqual([
        'GET /items/{id} answered 302, a status the contract does not declare (declared: 200, 304)',
      ]);
    });

    it('flags a body that does not match the schema, naming each field', () => {
      const [violation, ...rest] = contractViolations(shopRoutes.getItem, ok({ ...ITEM, stock: 'many', status: 'gone' }));
      expect(rest).toEqual([]);
      expect(violation).toMatch(/^GET \/items\/\{id\} answered 200 with a body that does not match its schema: /);
      expect(violation).toContain('stock: ');
      expect(violation).toContain('status: ');
    });

    it('flags a missing body where one is declared', () => {
      expect(contractViolations(shopRoutes.getItem, answer(200, { etag: '"3"', 'cache-control': 'public' }))).toEqual([
        expect.stringMatching(/answered 200 with a body that does not match its schema: \(root\): /),
      ]);
    });

    it('flags a body where none is declared', () => {
      expect(contractViolations(shopRoutes.archiveItem, answer(204, {}, { done: true }))).toEqual([
        'DELETE /items/{id} answered 204 with a body the contract does not declare',
      ]);
    });

    it('flags a missing declared ETag', () => {
      expect(contractViolations(shopRoutes.getItem, answer(200, { 'cache-control': 'public' }, ITEM))).toEqual([
        'GET /items/{id} answered 200 without the declared ETag header',
      ]);
    });

    it('flags a missing declared Location', () => {
      expect(contractViolations(shopRoutes.createItem, answer(201, { etag: '"1"' }, ITEM))).toEqual([
        'POST /items answered 201 without the declared Location header',
      ]);
    });

    it('flags a missing Cache-Control on a cached GET, public or private', () => {
      expect(contractViolations(shopRoutes.getItem, answer(200, { etag: '"3"' }, ITEM))).toEqual(['GET /items/{id} answered 200 without Cache-Control']);
      expect(contractViolations(shopRoutes.getMyBasket, answer(200, {}, { items: [] }))).toEqual(['GET /me/basket answered 200 without Cache-Control']);
    });

    it('does not ask for Cache-Control on a change (even one whose contract names a cache), nor on a GET without cache', () => {
      expect(contractViolations(shopRoutes.reserve, answer(200, {}, { id: 'r1' }))).toEqual([]);
      expect(contractViolations({ ...shopRoutes.reserve, cache: 'public' }, answer(200, {}, { id: 'r1' }))).toEqual([]);
      expect(contractViolations({ ...shopRoutes.getMyBasket, cache: undefined }, answer(200, {}, { items: [] }))).toEqual([]);
    });

    it('flags a 304 with a body', () => {
      expect(contractViolations(shopRoutes.getItem, answer(304, { etag: '"3"' }, ITEM))).toEqual(['GET /items/{id} answered 304 with a body']);
    });

    it('flags a 304 without an ETag', () => {
      expect(contractViolations(shopRoutes.getItem, answer(304))).toEqual(['GET /items/{id} answered 304 without an ETag']);
    });

    it('lists every violation of one answer', () => {
      expect(contractViolations(shopRoutes.createItem, answer(201, {}, ITEM))).toEqual([
        'POST /items answered 201 without the declared ETag header',
        'POST /items answered 201 without the declared Location header',
      ]);
    });
  });

  describe('problems that break the contract', () => {
    it('flags a problem code not declared for its status', () => {
      expect(contractViolations(shopRoutes.getItem, problemAnswer(PROBLEMS.NOT_FOUND))).toEqual([
        'GET /items/{id} answered 404 NOT_FOUND, which the contract does not declare for 404 (declared: ITEM_NOT_FOUND)',
      ]);
    });

    it('flags a problem at a status the route declares no code for', () => {
      expect(contractViolations(shopRoutes.getItem, problemAnswer(SHOP_PROBLEMS.SKU_TAKEN))).toEqual([
        'GET /items/{id} answered 409 SKU_TAKEN, which the contract does not declare for 409 (declared: none)',
      ]);
    });

    it('flags 401 on a public route', () => {
      expect(contractViolations(shopRoutes.getItem, problemAnswer(PROBLEMS.UNAUTHORIZED))).toEqual([
        'GET /items/{id} answered 401 UNAUTHORIZED, which the contract does not declare for 401 (declared: none)',
      ]);
    });

    it('flags a declared code answered at another status', () => {
      const moved = { ...SHOP_PROBLEMS.ITEM_NOT_FOUND, status: 410 };
      expect(contractViolations(shopRoutes.getItem, problemAnswer(moved))).toEqual([
        'GET /items/{id} answered 410 ITEM_NOT_FOUND, which the contract does not declare for 410 (declared: none)',
      ]);
    });

    it('flags a problem that is not application/problem+json', () => {
      expect(contractViolations(shopRoutes.getItem, problemAnswer(SHOP_PROBLEMS.ITEM_NOT_FOUND, 'application/json'))).toEqual([
        'GET /items/{id} answered 404 as application/json, not application/problem+json',
      ]);
    });

    it('flags a problem without a content type', () => {
      const { body } = problemAnswer(SHOP_PROBLEMS.ITEM_NOT_FOUND);
      expect(contractViolations(shopRoutes.getItem, answer(404, {}, body))).toEqual([
        'GET /items/{id} answered 404 as no content type, not application/problem+json',
      ]);
    });

    it('flags an error body that is not the problem envelope', () => {
      const violations = contractViolations(shopRoutes.getItem, answer(404, { 'content-type': PROBLEM_CONTENT_TYPE }, { message: 'Not Found' }));
      expect(violations).toEqual([expect.stringMatching(/^GET \/items\/\{id\} answered 404 with a body that is not the problem envelope: /)]);
    });

    it('flags a problem whose status is not the HTTP status', () => {
      expect(contractViolations(shopRoutes.getItem, problemAnswer(SHOP_PROBLEMS.ITEM_NOT_FOUND, PROBLEM_CONTENT_TYPE, 400))).toEqual([
        'GET /items/{id} answered 400 but its problem says status 404',
        'GET /items/{id} answered 400 ITEM_NOT_FOUND, which the contract does not declare for 400 (declared: VALIDATION_FAILED)',
      ]);
    });
  });
});

describe('expectConforms', () => {
  it('passes a conforming answer', () => {
    expect(() => expectConforms(shopRoutes.getItem, ok())).not.toThrow();
  });

  it('throws with every violation listed', () => {
    expect(() => expectConforms(shopRoutes.createItem, answer(201, {}, ITEM))).toThrow(
      'Response breaks the contract:\n- POST /items answered 201 without the declared ETag header\n- POST /items answered 201 without the declared Location header',
    );
  });
});

describe('routeFor', () => {
  const apis = [shopApi, accountsApi];
  const reversed = (api: ApiContract): ApiContract => ({ ...api, routes: [...api.routes].reverse() });

  it('finds a route under its base path by method and path', () => {
    expect(routeFor(apis, 'GET', '/v1/shop/items')).toBe(shopRoutes.listItems);
    expect(routeFor(apis, 'POST', '/v1/shop/items')).toBe(shopRoutes.createItem);
    expect(routeFor(apis, 'GET', '/v1/shop/items/01JF3Z8X6M4Q2W9RZK7T5B1C0D')).toBe(shopRoutes.getItem);
    expect(routeFor(apis, 'PATCH', '/v1/shop/items/x')).toBe(shopRoutes.updateItem);
    expect(routeFor(apis, 'DELETE', '/v1/shop/items/x')).toBe(shopRoutes.archiveItem);
  });

  it('matches the method case-insensitively', () => {
    expect(routeFor(apis, 'post', '/v1/shop/reservations')).toBe(shopRoutes.reserve);
  });

  it('finds nothing for a method the path does not have', () => {
    expect(routeFor(apis, 'PUT', '/v1/shop/items')).toBeUndefined();
    expect(routeFor(apis, 'GET', '/v1/shop/reservations')).toBeUndefined();
  });

  it('prefers literal segments over parameters (`/me` over `/{id}`), whatever the order of the routes', () => {
    for (const api of [accountsApi, reversed(accountsApi)]) {
      expect(routeFor([api], 'GET', '/v1/accounts/me')).toBe(accountRoutes.getMe);
      expect(routeFor([api], 'GET', '/v1/accounts/openapi.json')).toBe(accountRoutes.getOpenApiDocument);
      expect(routeFor([api], 'GET', '/v1/accounts/01JF3Y2K8D5N7Q1W3E5R7T9Y0A')).toBe(accountRoutes.getAccount);
    }
  });

  it('prefers the route with more literal segments', () => {
    const api: ApiContract = {
      ...shopApi,
      routes: [
        defineRoute({ ...shopRoutes.getItem, operationId: 'anyOfAny', path: '/{kind}/{id}' }),
        defineRoute({ ...shopRoutes.getItem, operationId: 'anyItem', path: '/items/{id}' }),
        defineRoute({ ...shopRoutes.getItem, operationId: 'special', path: '/items/special' }),
      ],
    };
    expect(routeFor([api], 'GET', '/v1/shop/items/special')?.operationId).toBe('special');
    expect(routeFor([api], 'GET', '/v1/shop/items/x')?.operationId).toBe('anyItem');
    expect(routeFor([api], 'GET', '/v1/shop/things/x')?.operationId).toBe('anyOfAny');
  });

  it('matches literal dots literally', () => {
    expect(routeFor(apis, 'GET', '/v1/accounts/.well-known/jwks.json')).toBe(accountRoutes.getKeys);
    expect(routeFor(apis, 'GET', '/v1/accounts/x.well-known/jwks.json')).toBeUndefined();
    expect(routeFor(apis, 'GET', '/v1/accounts/.well-known/jwksxjson')).toBeUndefined();
    expect(routeFor(apis, 'GET', '/v1/shop/openapiXjson')).toBeUndefined();
  });

  it('maps the root route `/` to the base path itself, with or without a trailing slash', () => {
    expect(routeFor(apis, 'POST', '/v1/accounts')).toBe(accountRoutes.register);
    expect(routeFor(apis, 'POST', '/v1/accounts/')).toBe(accountRoutes.register);
    expect(routeFor(apis, 'GET', '/v1/accounts')).toBeUndefined();
  });

  it('accepts a trailing slash on other routes', () => {
    expect(routeFor(apis, 'GET', '/v1/shop/items/')).toBe(shopRoutes.listItems);
  });

  it('needs the whole base path, and nothing before or after the route', () => {
    expect(routeFor(apis, 'GET', '/items')).toBeUndefined();
    expect(routeFor(apis, 'GET', '/v2/shop/items')).toBeUndefined();
    expect(routeFor(apis, 'GET', '/v1/shopx/items')).toBeUndefined();
    expect(routeFor(apis, 'GET', '/api/v1/shop/items')).toBeUndefined();
    expect(routeFor(apis, 'GET', '/v1/shop/items/x/extra')).toBeUndefined();
  });

  it('routes each base path to its own API', () => {
    expect(routeFor(apis, 'GET', '/v1/shop/openapi.json')).toBe(shopRoutes.getOpenApiDocument);
    expect(routeFor([accountsApi], 'GET', '/v1/shop/items')).toBeUndefined();
  });

  it('lets a greedy parameter span segments', () => {
    const files: ApiContract = { ...shopApi, routes: [defineRoute({ ...shopRoutes.getMyBasket, operationId: 'getFile', path: '/files/{path+}' })] };
    expect(routeFor([files], 'GET', '/v1/shop/files/a/b/c.txt')?.operationId).toBe('getFile');
    expect(routeFor([files], 'GET', '/v1/shop/files')).toBeUndefined();
  });

  it('finds nothing for a malformed path (the gateway refuses it first)', () => {
    expect(routeFor(apis, 'GET', '/v1/shop/items/%E0%A4%A')).toBeUndefined();
  });
});

describe('invokeRoute', () => {
  const getItem = httpHandler(shopRoutes.getItem, async () => ({ body: ITEM }));

  it('answers what the handler answers, headers lowercased and the body parsed, when it conforms', async () => {
    const result = await invokeRoute(shopRoutes.getItem, getItem, { pathParameters: { id: ITEM.id } });
    expect(result.statusCode).toBe(200);
    expect(result.headers['etag']).toBe('"3"');
    expect(result.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect(result.json).toEqual(ITEM);
  });

  it('passes a 304 for a current If-None-Match', async () => {
    const result = await invokeRoute(shopRoutes.getItem, getItem, { pathParameters: { id: ITEM.id }, headers: { 'If-None-Match': '"3"' } });
    expect(result.statusCode).toBe(304);
    expect(result.json).toBeUndefined();
  });

  it('passes a declared problem the handler throws', async () => {
    const handler = httpHandler(shopRoutes.getItem, () => Promise.reject(new ItemNotFoundError('No item')));
    const result = await invokeRoute(shopRoutes.getItem, handler, { pathParameters: { id: ITEM.id } });
    expect(result.statusCode).toBe(404);
    expect(result.json.code).toBe('ITEM_NOT_FOUND');
  });

  it('passes the 401 of a route with roles called without a token, and the answer to a caller with the role', async () => {
    const handler = httpHandler(shopRoutes.getMyBasket, async () => ({ body: { items: [] } }));
    expect((await invokeRoute(shopRoutes.getMyBasket, handler)).statusCode).toBe(401);
    const result = await invokeRoute(shopRoutes.getMyBasket, handler, { authorizer: { principalId: 'u1', role: 'customer' } });
    expect(result.statusCode).toBe(200);
    expect(result.headers['cache-control']).toBe('private, no-store');
  });

  it('passes a 201 with its Location', async () => {
    const handler = httpHandler(shopRoutes.createItem, async ({ body }) => ({
      status: 201 as const,
      body: { ...ITEM, sku: body.sku, version: 1 },
      headers: { location: `/v1/shop/items/${ITEM.id}` },
    }));
    const body = { sku: ' desk-1 ', name: 'Oak desk', price: { amount: 1, currency: 'EUR' }, category: 'desks', stock: 1, kind: 'physical' };
    const result = await invokeRoute(shopRoutes.createItem, handler, { body, authorizer: { principalId: 'a1', role: 'admin' } });
    expect(result.statusCode).toBe(201);
    expect(result.json.sku).toBe('DESK-1');
    expect(result.headers['etag']).toBe('"1"');
  });

  it('builds the event from the route: its method and resource path', async () => {
    const events: APIGatewayProxyEvent[] = [];
    const handler = async (event: APIGatewayProxyEvent) => {
      events.push(event);
      return { statusCode: 204, headers: {}, body: '' };
    };
    await invokeRoute(shopRoutes.archiveItem, handler, { path: '/items/x', pathParameters: { id: 'x' } });
    expect(events[0]).toMatchObject({ httpMethod: 'DELETE', resource: '/items/{id}', path: '/items/x' });
  });

  it('throws when the handler answers a body that does not match the schema', async () => {
    const handler = httpHandler(shopRoutes.getItem as RouteContract, async () => ({ body: { ...ITEM, stock: 'many' } }));
    await expect(invokeRoute(shopRoutes.getItem, handler, { pathParameters: { id: ITEM.id } })).rejects.toThrow(
      /Response breaks the contract:\n- GET \/items\/\{id\} answered 200 with a body that does not match its schema: stock: /,
    );
  });

  it('throws when the handler leaves out a declared header', async () => {
    const handler = httpHandler(shopRoutes.createItem, async () => ({ status: 201 as const, body: ITEM }));
    const body = { sku: 'DESK-1', name: 'Oak desk', price: { amount: 1, currency: 'EUR' }, category: 'desks', stock: 1, kind: 'physical' };
    await expect(invokeRoute(shopRoutes.createItem, handler, { body, authorizer: { principalId: 'a1', role: 'admin' } })).rejects.toThrow(
      'POST /items answered 201 without the declared Location header',
    );
  });

  it('throws when the handler answers a status the contract does not declare', async () => {
    const handler = httpHandler(shopRoutes.getItem as RouteContract, async () => ({ status: 202, body: ITEM }));
    await expect(invokeRoute(shopRoutes.getItem, handler, { pathParameters: { id: ITEM.id } })).rejects.toThrow(
      'GET /items/{id} answered 202, a status the contract does not declare',
    );
  });

  it('throws when the handler answers a problem code the route does not declare', async () => {
    const conflict = httpHandler(shopRoutes.getItem, () => Promise.reject(new ConflictError('taken')));
    await expect(invokeRoute(shopRoutes.getItem, conflict, { pathParameters: { id: ITEM.id } })).rejects.toThrow(
      'GET /items/{id} answered 409 CONFLICT, which the contract does not declare for 409 (declared: none)',
    );
    const notFound = httpHandler(shopRoutes.getItem, () => Promise.reject(new NotFoundError('gone')));
    await expect(invokeRoute(shopRoutes.getItem, notFound, { pathParameters: { id: ITEM.id } })).rejects.toThrow(
      '404 NOT_FOUND, which the contract does not declare',
    );
  });

  it('throws when a handler that is not httpHandler answers an error as plain JSON', async () => {
    const handler = async () => ({
      statusCode: 404,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(problemOf(SHOP_PROBLEMS.ITEM_NOT_FOUND)),
    });
    await expect(invokeRoute(shopRoutes.getItem, handler)).rejects.toThrow('answered 404 as application/json, not application/problem+json');
  });
});

describe('contractRequest', () => {
  /** A tiny server: path -> [status, headers, body]. */
  const answers: Record<string, [number, Record<string, string>, string]> = {
    '/v1/shop/items/ok': [200, { 'content-type': 'application/json', etag: '"3"', 'cache-control': 'public, max-age=0' }, JSON.stringify(ITEM)],
    '/v1/shop/items/no-etag': [200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=0' }, JSON.stringify(ITEM)],
    '/v1/shop/nowhere': [404, { 'content-type': PROBLEM_CONTENT_TYPE }, JSON.stringify(problemOf(PROBLEMS.ROUTE_NOT_FOUND))],
    '/v1/shop/plain-404': [404, { 'content-type': 'text/plain' }, 'Not Found'],
  };
  const server = createServer((req, res) => {
    const [status, headers, body] = answers[new URL(req.url ?? '/', 'http://x').pathname] ?? [500, {}, ''];
    res.writeHead(status, headers).end(req.method === 'HEAD' ? undefined : body);
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  const request = contractRequest([shopApi]);

  it('returns a conforming answer of a route', async () => {
    const response = await request(`${base}/v1/shop/items/ok`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(ITEM);
  });

  it('throws for an answer that breaks the contract of its route', async () => {
    await expect(request(`${base}/v1/shop/items/no-etag`)).rejects.toThrow('GET /items/{id} answered 200 without the declared ETag header');
  });

  it('does not check HEAD answers against the route', async () => {
    expect((await request(`${base}/v1/shop/items/no-etag`, { method: 'HEAD' })).status).toBe(200);
  });

  it('accepts the problem envelope for a path no route matches', async () => {
    expect((await request(`${base}/v1/shop/nowhere`)).status).toBe(404);
  });

  it('throws for an error without the envelope on a path no route matches', async () => {
    await expect(request(`${base}/v1/shop/plain-404`)).rejects.toThrow('GET /v1/shop/plain-404 answered 404 without the problem envelope: Not Found');
  });
});
