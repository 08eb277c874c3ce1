import { apiEvent, lambdaContext } from '@emporium/testing/events';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { correlationHeaders } from '../correlation';
import { ConflictError, TooManyRequestsError } from '../errors';
import { httpHandler } from './handler';
import type { RouteContract } from './route';
import { defineRoute } from './route';

const base = { operationId: 'test', path: '/things', summary: 'test', tags: ['Test'] } as const;
const body = z.strictObject({ name: z.string().min(1), qty: z.number().int() });
const echo = httpHandler(
  defineRoute({ ...base, method: 'POST', request: { body, maxBodyBytes: 200 }, responses: { 201: { description: 'ok', body } } }),
  async (req) => ({ status: 201 as const, body: req.body }),
);
const plain = (route: Partial<RouteContract> = {}) =>
  ({ ...base, method: 'GET', responses: { 200: { description: 'ok', body: z.unknown() } }, ...route }) as RouteContract;

const call = async (handler: typeof echo, event = apiEvent()) => {
  const result = await handler(event, lambdaContext());
  return { ...result, json: result.body ? JSON.parse(result.body) : undefined };
};

describe('httpHandler', () => {
  it('passes the validated body to the route and serialises its result', async () => {
    const result = await call(echo, apiEvent({ method: 'POST', body: { name: 'a', qty: 2 } }));
    expect(result.statusCode).toBe(201);
    expect(result.headers?.['content-type']).toBe('application/json');
    expect(result.json).toEqual({ name: 'a', qty: 2 });
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const result = await call(echo, apiEvent({ method: 'POST', rawBody: '{"name": "a",' }));
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(result.json).toMatchObject({ status: 400, code: 'MALFORMED_JSON', title: 'Bad Request' });
  });

  it('lists every invalid, missing and unknown field, in words a person reads', async () => {
    const result = await call(echo, apiEvent({ method: 'POST', body: { qty: 1.5, extra: true } }));
    expect(result.statusCode).toBe(400);
    expect(result.json.code).toBe('VALIDATION_FAILED');
    expect(result.json.errors).toEqual(
      expect.arrayContaining([
        { path: 'body.name', message: 'Required', code: 'invalid_type' },
        { path: 'body.qty', message: 'Expected an integer', code: 'invalid_type' },
        { path: 'body.extra', message: 'Unknown field', code: 'unrecognized_key' },
      ]),
    );
    expect(result.json.detail).toBe('The request body has 3 invalid fields: name (Required); qty (Expected an integer); extra (Unknown field).');
  });

  it('rejects a body over the route limit with 413', async () => {
    const result = await call(echo, apiEvent({ method: 'POST', body: { name: 'x'.repeat(300), qty: 1 } }));
    expect(result.statusCode).toBe(413);
    expect(result.json.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('rejects a non-JSON content type with 415', async () => {
    const event = apiEvent({ method: 'POST', rawBody: 'name=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const result = await call(echo, event);
    expect(result.statusCode).toBe(415);
    expect(result.json.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('rejects a missing body with 400', async () => {
    const result = await call(echo, apiEvent({ method: 'POST' }));
    expect(result.statusCode).toBe(400);
    expect(result.json.detail).toMatch(/needs a JSON request body/);
  });

  it('rejects a body on a route that takes none with 400, whatever its type', async () => {
    const handler = httpHandler(plain({ method: 'POST' }), async () => ({}));
    const result = await call(handler, apiEvent({ method: 'POST', rawBody: 'x', headers: { 'content-type': 'text/plain' } }));
    expect(result.statusCode).toBe(400);
    expect(result.json.code).toBe('VALIDATION_FAILED');
  });

  it('maps an AppError to its status and code', async () => {
    const handler = httpHandler(plain(), () => Promise.reject(new ConflictError('taken', { detail: 'SKU taken' })));
    const result = await call(handler);
    expect(result.statusCode).toBe(409);
    expect(result.json).toMatchObject({ code: 'CONFLICT', detail: 'SKU taken', requestId: 'test-request', instance: '/' });
  });

  it('turns an unexpected error into a 500 that leaks nothing', async () => {
    const handler = httpHandler(plain(), () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.1:8000 secret')));
    const result = await call(handler);
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toMatch(/ECONNREFUSED|secret/);
    expect(result.json).toMatchObject({ code: 'INTERNAL', title: 'Internal Server Error', type: 'https://emporium.example.com/problems/internal' });
  });

  it('enforces roles: 401 without a caller, 403 with the wrong role', async () => {
    const admin = httpHandler(plain({ roles: ['admin'] }), async () => ({ body: { ok: true } }));
    const anonymous = await call(admin);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json.code).toBe('UNAUTHORIZED');
    const customer = await call(admin, apiEvent({ authorizer: { principalId: 'u1', role: 'customer' } }));
    expect(customer.statusCode).toBe(403);
    expect(customer.json).toMatchObject({ code: 'FORBIDDEN', detail: 'This operation needs one of the roles: admin.' });
    expect((await call(admin, apiEvent({ authorizer: { principalId: 'u2', role: 'admin' } }))).statusCode).toBe(200);
  });

  it('sends CORS headers on answers and problems', async () => {
    const ok = await call(httpHandler(plain(), async () => ({ body: {} })));
    expect(ok.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'ETag, Location, Retry-After, Deprecation, Sunset, Link, X-Request-Id, X-Amzn-RequestId',
    });
    const problem = await call(httpHandler(plain(), () => Promise.reject(new ConflictError('x'))));
    expect(problem.headers).toMatchObject({ 'access-control-allow-origin': '*' });
  });
});

describe('httpHandler and the route contract', () => {
  const headers = z.object({ 'Idempotency-Key': z.string().regex(/^[a-z]+$/, 'Expected lowercase letters') });

  it('reads declared headers whatever their case, under their canonical name', async () => {
    const handler = httpHandler(
      defineRoute({ ...base, method: 'GET', request: { headers }, responses: { 200: { description: 'ok', body: z.unknown() } } }),
      async (req) => ({
        body: { key: req.headers['Idempotency-Key'] },
      }),
    );
    const result = await call(handler, apiEvent({ headers: { 'idempotency-KEY': 'abc' } }));
    expect(result.json).toEqual({ key: 'abc' });
  });

  it('names a missing or invalid header in the field path and in the detail', async () => {
    const handler = httpHandler(
      defineRoute({ ...base, method: 'GET', request: { headers }, responses: { 200: { description: 'ok', body: z.unknown() } } }),
      async () => ({}),
    );
    const missing = await call(handler);
    expect(missing.statusCode).toBe(400);
    expect(missing.json.errors).toEqual([{ path: 'header.Idempotency-Key', message: 'Required', code: 'invalid_type' }]);
    expect(missing.json.detail).toBe('The Idempotency-Key header: Required.');
    const invalid = await call(handler, apiEvent({ headers: { 'Idempotency-Key': 'ABC' } }));
    expect(invalid.json.detail).toBe('The Idempotency-Key header: Expected lowercase letters.');
  });

  it('names an invalid query parameter', async () => {
    const query = z.object({ limit: z.coerce.number().int().max(100) });
    const handler = httpHandler(
      defineRoute({ ...base, method: 'GET', request: { query }, responses: { 200: { description: 'ok', body: z.unknown() } } }),
      async () => ({}),
    );
    const result = await call(handler, apiEvent({ query: { limit: '500' } }));
    expect(result.json).toMatchObject({ code: 'VALIDATION_FAILED', detail: 'The query parameter limit: Must be at most 100.' });
  });

  it('derives the ETag from the body version and answers 304 to a matching If-None-Match on GET', async () => {
    const handler = httpHandler(plain({ etag: true, cache: 'private' }), async () => ({ body: { id: 'x', version: 7 } }));
    const first = await call(handler);
    expect(first.statusCode).toBe(200);
    expect(first.headers).toMatchObject({ etag: '"7"', 'cache-control': 'private, no-store' });
    for (const tag of ['"7"', 'W/"7"', '"6", "7"', '*']) {
      const revalidated = await call(handler, apiEvent({ headers: { 'If-None-Match': tag } }));
      expect(revalidated.statusCode).toBe(304);
      expect(revalidated.body).toBe('');
      expect(revalidated.headers).toMatchObject({ etag: '"7"', 'cache-control': 'private, no-store' });
    }
    expect((await call(handler, apiEvent({ headers: { 'If-None-Match': '"6"' } }))).statusCode).toBe(200);
  });

  it('never answers 304 to a change, only to a GET', async () => {
    const handler = httpHandler(plain({ method: 'POST', etag: true }), async () => ({ body: { version: 2 } }));
    expect((await call(handler, apiEvent({ method: 'POST', headers: { 'If-None-Match': '"2"' } }))).statusCode).toBe(200);
  });

  it('sends public Cache-Control with the stage TTL on public GETs', async () => {
    process.env.HTTP_CACHE_MAX_AGE ??= '0';
    const handler = httpHandler(plain({ cache: 'public' }), async () => ({ body: {} }));
    expect((await call(handler)).headers?.['cache-control']).toBe(`public, max-age=${process.env.HTTP_CACHE_MAX_AGE}`);
  });

  it('requires If-Match where the contract says so: 428 without, 400 when malformed, the version otherwise', async () => {
    const handler = httpHandler(plain({ method: 'PATCH', ifMatch: 'required' }), async (req) => ({ body: { expected: req.expectedVersion } }));
    const missing = await call(handler, apiEvent({ method: 'PATCH' }));
    expect(missing.statusCode).toBe(428);
    expect(missing.json.code).toBe('PRECONDITION_REQUIRED');
    const malformed = await call(handler, apiEvent({ method: 'PATCH', headers: { 'if-match': '3' } }));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json.errors).toEqual([{ path: 'header.If-Match', message: 'Expected one ETag such as "3"', code: 'invalid_etag' }]);
    expect((await call(handler, apiEvent({ method: 'PATCH', headers: { 'If-Match': 'W/"3"' } }))).json).toEqual({ expected: 3 });
  });

  it('takes an optional If-Match as undefined when it is absent', async () => {
    const handler = httpHandler(plain({ method: 'POST', ifMatch: 'optional' }), async (req) => ({ body: { expected: req.expectedVersion ?? null } }));
    expect((await call(handler, apiEvent({ method: 'POST' }))).json).toEqual({ expected: null });
    expect((await call(handler, apiEvent({ method: 'POST', headers: { 'If-Match': '"4"' } }))).json).toEqual({ expected: 4 });
  });
});

describe('httpHandler and DynamoDB contention', () => {
  it('answers a transaction that lost to a concurrent one with a retryable 503, not a 500', async () => {
    const conflict = new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
    });
    const handler = httpHandler(plain(), () => Promise.reject(conflict));
    const result = await call(handler);
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('1');
    expect(result.json.code).toBe('SERVICE_UNAVAILABLE');
  });
});

describe('httpHandler of a deprecated API version (API_DEPRECATION set, docs/adr/0015)', () => {
  const env = {
    API_BASE_PATH: '/v1/things',
    API_DEPRECATION: '2026-12-07T00:00:00Z',
    API_SUNSET: '2027-06-30T00:00:00Z',
    API_SUCCESSOR_BASE_PATH: '/v2/things',
  };
  const withEnv = <T>(make: () => T): T => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      return make();
    } finally {
      for (const key of Object.keys(env)) if (!(key in saved)) delete process.env[key];
    }
  };
  const expected = { deprecation: '@1796601600', sunset: 'Wed, 30 Jun 2027 00:00:00 GMT', link: '</v2/things/things/1>; rel="successor-version"' };

  it('adds Deprecation, Sunset and the successor link to a success, a 304 and a problem', async () => {
    const ok = withEnv(() => httpHandler(plain({ etag: true }), async () => Promise.resolve({ body: { version: 3 } })));
    const failing = withEnv(() => httpHandler(plain(), async () => Promise.reject(new ConflictError('Taken'))));
    const event = apiEvent({ path: '/v1/things/things/1' });
    expect((await call(ok, event)).headers).toMatchObject(expected);
    expect(await call(ok, apiEvent({ path: '/v1/things/things/1', headers: { 'if-none-match': '"3"' } }))).toMatchObject({
      statusCode: 304,
      headers: expected,
    });
    const problem = await call(failing, event);
    expect(problem.statusCode).toBe(409);
    expect(problem.headers).toMatchObject(expected);
  });

  it('adds none of them when the version is not deprecated', async () => {
    const ok = httpHandler(plain(), async () => Promise.resolve({ body: {} }));
    const headers = (await call(ok, apiEvent({ path: '/v1/things/things/1' }))).headers ?? {};
    expect(Object.keys(headers).filter((name) => ['deprecation', 'sunset', 'link'].includes(name))).toEqual([]);
  });
});

describe('httpHandler: one request id per call', () => {
  const seen: Record<string, string>[] = [];
  const forwarding = httpHandler(plain(), async () => {
    seen.push(correlationHeaders());
    return Promise.resolve({ body: {} });
  });
  const failing = httpHandler(plain(), async () => Promise.reject(new ConflictError('Taken')));

  it("is the gateway's request id when the caller sends none: on the answer, and forwarded by calls to other services", async () => {
    const result = await call(forwarding, apiEvent());
    expect(result.headers?.['x-request-id']).toBe('test-request');
    expect(seen.at(-1)).toEqual({ 'x-request-id': 'test-request' });
  });

  it("is the caller's X-Request-Id when it is usable, in the answer and in the problem body", async () => {
    const event = apiEvent({ headers: { 'X-Request-Id': 'checkout-7f3a:2' } });
    expect((await call(forwarding, event)).headers?.['x-request-id']).toBe('checkout-7f3a:2');
    expect(seen.at(-1)).toEqual({ 'x-request-id': 'checkout-7f3a:2' });
    const problem = await call(failing, event);
    expect(problem.headers?.['x-request-id']).toBe('checkout-7f3a:2');
    expect(problem.json).toMatchObject({ code: 'CONFLICT', requestId: 'checkout-7f3a:2' });
  });

  it.each([
    ['spaces and quotes', 'a b "c"'],
    ['over 128 characters', 'x'.repeat(129)],
    ['a line break', 'a\nb'],
  ])("ignores a caller's id with %s and uses the gateway's", async (_, given) => {
    expect((await call(forwarding, apiEvent({ headers: { 'x-request-id': given } }))).headers?.['x-request-id']).toBe('test-request');
  });

  it('leaves it off an answer the stage cache keeps (shared by every caller), and off no other', async () => {
    const cached = httpHandler(plain({ cache: 'public' }), async () => Promise.resolve({ body: {} }));
    const personal = httpHandler(plain({ cache: 'private' }), async () => Promise.resolve({ body: {} }));
    expect((await call(cached, apiEvent({ headers: { 'x-request-id': 'mine' } }))).headers).not.toHaveProperty('x-request-id');
    expect((await call(personal, apiEvent({ headers: { 'x-request-id': 'mine' } }))).headers?.['x-request-id']).toBe('mine');
  });

  it('forwards nothing outside a request', () => {
    expect(correlationHeaders()).toEqual({});
  });
});

describe('httpHandler: the error contract by value', () => {
  const CORS = {
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'ETag, Location, Retry-After, Deprecation, Sunset, Link, X-Request-Id, X-Amzn-RequestId',
  };
  const admin = httpHandler(plain({ roles: ['admin', 'service'] }), async (req) => ({ body: { who: req.auth?.principalId } }));

  it('answers a call without a caller with 401 UNAUTHORIZED, in full', async () => {
    const result = await call(admin, apiEvent({ path: '/v1/things' }));
    expect(result.statusCode).toBe(401);
    expect(result.headers).toEqual({ 'content-type': 'application/problem+json', ...CORS, 'x-request-id': 'test-request' });
    expect(result.json).toEqual({
      type: 'https://emporium.example.com/problems/unauthorized',
      title: 'Unauthorized',
      status: 401,
      detail: 'Send Authorization: Bearer <accessToken>.',
      code: 'UNAUTHORIZED',
      instance: '/v1/things',
      requestId: 'test-request',
    });
  });

  it('answers the wrong role with 403 FORBIDDEN naming the roles that may', async () => {
    const result = await call(admin, apiEvent({ path: '/v1/things', authorizer: { principalId: 'u1', role: 'customer' } }));
    expect(result.statusCode).toBe(403);
    expect(result.json).toEqual({
      type: 'https://emporium.example.com/problems/forbidden',
      title: 'Forbidden',
      status: 403,
      detail: 'This operation needs one of the roles: admin, service.',
      code: 'FORBIDDEN',
      instance: '/v1/things',
      requestId: 'test-request',
    });
  });

  it('lets in every listed role and passes the caller on', async () => {
    for (const role of ['admin', 'service']) {
      const result = await call(admin, apiEvent({ authorizer: { principalId: `p-${role}`, role } }));
      expect([result.statusCode, result.json]).toEqual([200, { who: `p-${role}` }]);
    }
  });

  it('answers contention with 503 SERVICE_UNAVAILABLE and Retry-After: 1', async () => {
    const conflict = new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'TransactionConflict' }] });
    const result = await call(
      httpHandler(plain(), () => Promise.reject(conflict)),
      apiEvent({ path: '/v1/things' }),
    );
    expect(result.statusCode).toBe(503);
    expect(result.headers).toEqual({ 'content-type': 'application/problem+json', ...CORS, 'retry-after': '1', 'x-request-id': 'test-request' });
    expect(result.json).toEqual({
      type: 'https://emporium.example.com/problems/service-unavailable',
      title: 'Service Unavailable',
      status: 503,
      detail: 'The data was busy with concurrent requests; retry shortly.',
      code: 'SERVICE_UNAVAILABLE',
      instance: '/v1/things',
      requestId: 'test-request',
    });
  });

  it('passes a 5xx AppError on with its own headers', async () => {
    const result = await call(httpHandler(plain(), () => Promise.reject(new TooManyRequestsError('Slow', { headers: { 'retry-after': '9' } }))));
    expect(result.statusCode).toBe(429);
    expect(result.headers?.['retry-after']).toBe('9');
  });
});

describe('httpHandler: what the route code gets and gives', () => {
  it('hands the route the header lookup, the caller, the request id and the event', async () => {
    const handler = httpHandler(plain(), async (req) => ({
      body: { header: req.header('X-CUSTOM'), caller: req.caller, requestId: req.requestId, path: req.event.path, auth: req.auth ?? null },
    }));
    const event = apiEvent({ path: '/p', headers: { 'x-custom': 'yes' } });
    expect((await call(handler, event)).json).toEqual({ header: 'yes', caller: { sourceIp: '127.0.0.1' }, requestId: 'test-request', path: '/p', auth: null });
  });

  it("answers the route's status, body and headers as JSON, 200 by default", async () => {
    const created = httpHandler(plain({ method: 'POST' }), async () => ({ status: 201, body: { id: 'n' }, headers: { location: '/things/n' } }));
    const result = await call(created, apiEvent({ method: 'POST' }));
    expect(result.statusCode).toBe(201);
    expect(result.headers).toMatchObject({ 'content-type': 'application/json', location: '/things/n' });
    expect((await call(httpHandler(plain(), async () => ({ body: [1] })))).statusCode).toBe(200);
  });

  it('sends no ETag without a numeric version, and none on a route without ETags', async () => {
    const noVersion = httpHandler(plain({ etag: true }), async () => ({ body: { version: '3' } }));
    expect((await call(noVersion)).headers).not.toHaveProperty('etag');
    const nullBody = httpHandler(plain({ etag: true }), async () => ({ body: null }));
    expect((await call(nullBody)).headers).not.toHaveProperty('etag');
    const untagged = httpHandler(plain(), async () => ({ body: { version: 3 } }));
    expect(await call(untagged, apiEvent({ headers: { 'if-none-match': '"3"' } }))).toMatchObject({ statusCode: 200 });
    expect((await call(untagged)).headers).not.toHaveProperty('etag');
  });

  it('forwards the X-Ray trace header of the invocation to the calls the route makes', async () => {
    process.env._X_AMZN_TRACE_ID = 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1';
    try {
      const handler = httpHandler(plain(), async () => ({ body: correlationHeaders() }));
      expect((await call(handler)).json).toEqual({ 'x-request-id': 'test-request', 'x-amzn-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1' });
    } finally {
      delete process.env._X_AMZN_TRACE_ID;
    }
  });
});
