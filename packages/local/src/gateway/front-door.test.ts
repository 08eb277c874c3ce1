import type { APIGatewayProxyEvent } from 'aws-lambda';
import net from 'node:net';
import type { LocalFunction } from '../runtime/lambda-runtime';
import type { FrontDoor } from './front-door';
import { startFrontDoor } from './front-door';
import type { MountedService } from './pipeline';
import { newModelChecker, RequestValidator } from './request-validator';
import { Router } from './router';
import { ApiKeyStore } from '../api-management/store';
import { StageCache } from './stage-cache';
import { testRoute } from './test-routes';

/** A function that answers what `answer` says and counts its invocations. */
const fakeFunction = (name: string, answer: (event: APIGatewayProxyEvent) => unknown) => {
  const calls: APIGatewayProxyEvent[] = [];
  const fn: LocalFunction = {
    service: 'things',
    name,
    timeoutSeconds: 3,
    invoke: async (event) => {
      calls.push(event as APIGatewayProxyEvent);
      return answer(event as APIGatewayProxyEvent);
    },
  };
  return { fn, calls };
};

const json = (statusCode: number, body: unknown) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const ajv = newModelChecker();
const getThing = fakeFunction('getThing', (event) => json(event.pathParameters?.['id'] === 'missing' ? 404 : 200, { id: event.pathParameters?.['id'] }));
const createThing = fakeFunction('createThing', () => json(201, { ok: true }));
const tightThing = fakeFunction('tightThing', () => json(200, { ok: true }));
const signInThing = fakeFunction('signInThing', () => json(200, { ok: true }));
const keyedThing = fakeFunction('keyedThing', () => json(200, { ok: true }));

// Usage plans over the things API: one with a tight per-key throttle, one with a small quota.
const THINGS_STAGE = { apiId: 'local-things', stage: 'local' };
const keys = new ApiKeyStore({
  plans: [
    { name: 'tight', apiStages: [THINGS_STAGE], throttle: { rateLimit: 0.01, burstLimit: 2 } },
    { name: 'quota', apiStages: [THINGS_STAGE], throttle: { rateLimit: 100, burstLimit: 100 }, quota: { limit: 3, period: 'DAY' } },
  ],
});
const keyIn = (planName: string) => {
  const key = keys.createKey({ name: planName, enabled: true });
  keys.addPlanKey(keys.planByName(planName)!.id, key.id);
  return key;
};
const tightKey = keyIn('tight');
const quotaKey = keyIn('quota');
const bigThing = fakeFunction('bigThing', () => json(200, { blob: 'x'.repeat(1_100_000) }));
const createRequest = {
  schemas: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false } } },
};

const route = (functionName: string, method: string, resource: string, http: Record<string, unknown> = {}) => {
  const event = { method, path: resource, ...http };
  const validator = RequestValidator.of(event, ajv);
  return testRoute('things', functionName, event, validator ? { validator } : {});
};

const service: MountedService = {
  name: 'things',
  region: 'eu-west-1',
  basePath: '/v1/things',
  authorizers: new Map(),
  corsHeaders: ['Content-Type', 'Authorization'],
  functions: new Map([
    ['getThing', getThing.fn],
    ['createThing', createThing.fn],
    ['bigThing', bigThing.fn],
    ['tightThing', tightThing.fn],
    ['signInThing', signInThing.fn],
    ['keyedThing', keyedThing.fn],
  ]),
  router: new Router([
    route('getThing', 'GET', '/{id}', { caching: { enabled: true, cacheKeyParameters: [{ name: 'request.path.id' }] } }),
    route('createThing', 'POST', '/', { request: createRequest }),
    route('bigThing', 'GET', '/big/thing', { caching: { enabled: true } }),
    // A slow refill, so the test's own pace cannot add a token.
    route('tightThing', 'GET', '/tight/thing', { throttling: { rateLimit: 0.01, burstLimit: 3 }, caching: { enabled: true } }),
    route('signInThing', 'POST', '/sessions'),
    route('keyedThing', 'GET', '/keyed/{id}', { private: true }),
  ]),
  gatewayHeaders: {},
  clientRateRules: [
    {
      name: 'client-rate-signInThing',
      functionName: 'signInThing',
      method: 'POST',
      path: '/sessions',
      uriPattern: '^/v1/things/sessions/?$',
      limit: 10,
      windowSeconds: 60,
    },
  ],
};

// A deprecated API version: its gateway answers carry its Deprecation and Link (as its
// GatewayResponses do in AWS); its functions' answers are their own.
const legacyThing = fakeFunction('legacyThing', () => json(200, { legacy: true }));
const legacy: MountedService = {
  name: 'legacy',
  region: 'eu-west-1',
  basePath: '/v1/legacy',
  authorizers: new Map(),
  corsHeaders: ['Content-Type'],
  functions: new Map([['legacyThing', legacyThing.fn]]),
  router: new Router([testRoute('legacy', 'legacyThing', { method: 'GET', path: '/thing' }, {})]),
  gatewayHeaders: { deprecation: '@1796601600', link: '</v2/legacy>; rel="successor-version"' },
  clientRateRules: [],
};

let door: FrontDoor;
beforeAll(async () => {
  door = await startFrontDoor({
    port: 0,
    host: '127.0.0.1',
    stage: 'local',
    services: [service, legacy],
    cache: new StageCache(),
    accessLog: false,
    throttle: true,
    apiKeys: () => keys,
    documents: () => [{ name: 'things v1', url: '/v1/things/openapi.json' }],
    // A second service is configured but not mounted yet: the platform is still starting it.
    starting: () => ['/v1/widgets'],
  });
});
afterAll(() => door.close());

const get = (path: string, init?: RequestInit) => fetch(`${door.url}${path}`, init);
const problemOf = async (response: Response) => {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return (await response.json()) as { status: number; code: string; detail: string; instance: string; requestId: string };
};

/** Writes raw bytes to the front door and returns what it answers. */
const raw = (bytes: string) =>
  new Promise<string>((resolve, reject) => {
    const socket = net.connect(door.port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });

describe('front door: route match', () => {
  it('answers an unknown path with 404 ROUTE_NOT_FOUND in the envelope', async () => {
    const response = await get('/v1/things/a/b/c');
    expect(response.status).toBe(404);
    expect(await problemOf(response)).toMatchObject({ code: 'ROUTE_NOT_FOUND', instance: '/v1/things/a/b/c' });
    // CORS as the GatewayResponses have it: any origin, and what a browser may read.
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe(
      'ETag, Location, Retry-After, Deprecation, Sunset, Link, X-Request-Id, X-Amzn-RequestId',
    );
    expect((await get('/v9/nothing')).status).toBe(404);
  });

  it('answers a path of a service still starting with 503 SERVICE_STARTING and Retry-After, not 404', async () => {
    const response = await get('/v1/widgets/anything');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await problemOf(response)).toMatchObject({ code: 'SERVICE_STARTING', instance: '/v1/widgets/anything' });
    expect((await get('/v1/widgetsmore')).status).toBe(404);
  });

  it('answers every request with the gateway id of the call (X-Amzn-RequestId); its own problems echo the caller X-Request-Id', async () => {
    const first = await get('/v1/things/a/b/c', { headers: { 'x-request-id': 'mine-1' } });
    const second = await get('/v1/things/a/b/c');
    expect(first.headers.get('x-request-id')).toBe('mine-1');
    expect(second.headers.get('x-request-id')).toBeNull();
    expect(first.headers.get('x-amzn-requestid')).toBe((await problemOf(first)).requestId);
    expect(second.headers.get('x-amzn-requestid')).not.toBe(first.headers.get('x-amzn-requestid'));
  });

  it("adds a deprecated version's Deprecation and Link to the gateway's own answers there, and only there", async () => {
    const gatewayAnswer = await get('/v1/legacy/nothing-here');
    expect(gatewayAnswer.status).toBe(404);
    expect(gatewayAnswer.headers.get('deprecation')).toBe('@1796601600');
    expect(gatewayAnswer.headers.get('link')).toBe('</v2/legacy>; rel="successor-version"');
    expect((await problemOf(gatewayAnswer)).code).toBe('ROUTE_NOT_FOUND');
    // The function's answer is the function's (the shared wrapper adds the headers in AWS too).
    const functionAnswer = await get('/v1/legacy/thing');
    expect(functionAnswer.status).toBe(200);
    expect(functionAnswer.headers.get('deprecation')).toBeNull();
    // Another stack's gateway answers have none.
    expect((await get('/v1/things/a/b/c')).headers.get('deprecation')).toBeNull();
  });

  it('answers a known path with another method with 405 and Allow', async () => {
    const response = await get('/v1/things/abc', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect((await problemOf(response)).code).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers the CORS preflight of a known path', async () => {
    const response = await get('/v1/things/abc', { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe('Content-Type,Authorization');
  });

  it('refuses a path with a broken percent-encoding with 400', async () => {
    const response = await get('/v1/things/%E0%A4%A');
    expect(response.status).toBe(400);
    expect((await problemOf(response)).code).toBe('MALFORMED_PATH');
  });

  it('lists what is mounted at /', async () => {
    expect(await (await get('/')).json()).toEqual({
      stage: 'local',
      services: [
        { service: 'things', basePath: '/v1/things' },
        { service: 'legacy', basePath: '/v1/legacy' },
      ],
      docs: '/docs',
    });
  });
});

describe('front door: request validation', () => {
  it('refuses a body that breaks the model before the function runs', async () => {
    const before = createThing.calls.length;
    const response = await get('/v1/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nom: 'x' }) });
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.detail).toContain('["name"]');
    expect(createThing.calls.length).toBe(before);
  });

  it('invokes the function with a body that matches', async () => {
    const before = createThing.calls.length;
    const response = await get('/v1/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x' }) });
    expect(response.status).toBe(201);
    expect(createThing.calls.length).toBe(before + 1);
  });
});

describe('front door: stage cache and integration', () => {
  it('serves a cached route from the cache after the first answer, errors included', async () => {
    for (const id of ['one', 'missing']) {
      const first = await get(`/v1/things/${id}`);
      expect(first.headers.get('x-cache')).toBe('Miss from gateway');
      const calls = getThing.calls.length;
      const second = await get(`/v1/things/${id}`);
      expect(second.status).toBe(first.status);
      expect(second.headers.get('x-cache')).toBe('Hit from gateway');
      expect(getThing.calls.length).toBe(calls);
    }
  });

  it('does not keep an answer over 1 MB', async () => {
    await get('/v1/things/big/thing');
    const calls = bigThing.calls.length;
    expect((await get('/v1/things/big/thing')).headers.get('x-cache')).toBe('Miss from gateway');
    expect(bigThing.calls.length).toBe(calls + 1);
  });

  it('gives the function the API Gateway proxy event of the custom domain path', async () => {
    await get('/v1/things/seen?q=1');
    const event = getThing.calls.at(-1)!;
    expect(event).toMatchObject({ resource: '/{id}', path: '/v1/things/seen', pathParameters: { id: 'seen' }, queryStringParameters: { q: '1' } });
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('front door: throttling', () => {
  it("refuses requests past a method's burst with 429 THROTTLED and Retry-After, without invoking the function", async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => get('/v1/things/tight/thing')));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    const refused = answers.find((answer) => answer.status === 429)!;
    expect(refused.headers.get('retry-after')).toBe('100');
    expect(await problemOf(refused)).toMatchObject({ status: 429, code: 'THROTTLED' });
    // The first answer filled the stage cache, yet only throttled-through requests were served:
    // throttling comes before the cache, as in API Gateway.
    expect(tightThing.calls.length).toBe(1);
  });

  it("keeps other methods' buckets apart", async () => {
    expect((await get('/v1/things/other-id')).status).toBe(200);
  });

  it('blocks a client past its per-client limit on a rule route, with the rule window as Retry-After', async () => {
    const post = () => get('/v1/things/sessions', { method: 'POST' });
    const answers = [];
    // With and without a trailing slash: the same route, the same count.
    for (let i = 0; i < 12; i += 1) answers.push(i % 2 ? await post() : await get('/v1/things/sessions/', { method: 'POST' }));
    expect(answers.map((answer) => answer.status)).toEqual([...Array(10).fill(200), 429, 429]);
    expect(answers[11]!.headers.get('retry-after')).toBe('60');
    expect(await problemOf(answers[11]!)).toMatchObject({ code: 'THROTTLED', detail: expect.stringContaining('from your address') });
    expect(signInThing.calls.length).toBe(10);
  });
});

describe('front door: API keys and usage plans', () => {
  it.each([
    ['no key', {}],
    ['an unknown key', { 'x-api-key': 'a'.repeat(40) }],
    ['an empty key', { 'x-api-key': '' }],
  ])('refuses a keyed route with %s: 403 INVALID_API_KEY, the function not invoked', async (_, headers) => {
    const before = keyedThing.calls.length;
    const response = await get('/v1/things/keyed/a', { headers });
    expect(response.status).toBe(403);
    expect(await problemOf(response)).toMatchObject({ code: 'INVALID_API_KEY', status: 403 });
    expect(keyedThing.calls.length).toBe(before);
  });

  it('passes a valid key, and the function sees its id and value as in AWS', async () => {
    const response = await get('/v1/things/keyed/b', { headers: { 'x-api-key': quotaKey.value } });
    expect(response.status).toBe(200);
    expect(keyedThing.calls.at(-1)!.requestContext.identity).toMatchObject({ apiKeyId: quotaKey.id, apiKey: quotaKey.value });
  });

  it('refuses a disabled key at once', async () => {
    const key = keyIn('tight');
    keys.updateKey(key.id, [{ op: 'replace', path: '/enabled', value: 'false' }]);
    expect((await get('/v1/things/keyed/c', { headers: { 'x-api-key': key.value } })).status).toBe(403);
  });

  it("throttles per key at the plan's rate and burst: 429 THROTTLED with Retry-After", async () => {
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push(await get('/v1/things/keyed/d', { headers: { 'x-api-key': tightKey.value } }));
    expect(statuses.map((response) => response.status)).toEqual([200, 200, 429]);
    expect(statuses[2]!.headers.get('retry-after')).toBe('100');
    expect(await problemOf(statuses[2]!)).toMatchObject({ code: 'THROTTLED', detail: expect.stringContaining("API key's plan") });
  });

  it('refuses past the quota with 429 QUOTA_EXCEEDED until the period resets', async () => {
    // One request of this key was counted above.
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push(await get('/v1/things/keyed/e', { headers: { 'x-api-key': quotaKey.value } }));
    expect(statuses.map((response) => response.status)).toEqual([200, 200, 429]);
    expect(await problemOf(statuses[2]!)).toMatchObject({ code: 'QUOTA_EXCEEDED', detail: expect.stringContaining('resets on') });
  });

  it('never puts a key value in an error body', async () => {
    const response = await get('/v1/things/keyed/f', { headers: { 'x-api-key': 'b'.repeat(40) } });
    expect(await response.text()).not.toContain('b'.repeat(40));
  });
});

describe('front door: HTTP errors before a request exists', () => {
  it('answers headers over 16 KB with 431 in the envelope', async () => {
    const answer = await raw(`GET /v1/things/x HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain('content-type: application/problem+json');
    expect(answer).toContain('"code":"REQUEST_HEADER_FIELDS_TOO_LARGE"');
  });

  it('answers bytes that are not HTTP with 400 in the envelope', async () => {
    const answer = await raw('HELLO THERE\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"code":"MALFORMED_REQUEST"');
  });
});

describe('front door: the docs portal', () => {
  it('serves the Swagger UI page, its assets from this machine, and the list of documents', async () => {
    const page = await get('/docs');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('/docs/assets/swagger-ui-bundle.js');
    const script = await get('/docs/assets/swagger-ui-bundle.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    expect((await get('/docs/assets/swagger-ui.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await (await get('/docs/portal.js')).text()).toContain('[{"name":"things v1","url":"/v1/things/openapi.json"}]');
  });

  it('answers an unknown asset with 404 in the envelope', async () => {
    const response = await get('/docs/assets/../../package.json');
    expect(response.status).toBe(404);
    expect((await get('/docs/assets/secret.txt')).status).toBe(404);
  });
});
