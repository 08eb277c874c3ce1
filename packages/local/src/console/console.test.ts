import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ApiKeyStore } from '../api-management/store';
import type { FrontDoor } from '../gateway/front-door';
import { startFrontDoor } from '../gateway/front-door';
import type { MountedService } from '../gateway/pipeline';
import { Router } from '../gateway/router';
import { StageCache } from '../gateway/stage-cache';
import { testRoute } from '../gateway/test-routes';
import type { LocalFunction } from '../runtime/lambda-runtime';
import { PlatformError } from '../platform-error';
import type { LocalConsole } from './console';
import { consolePathOf, createConsole } from './console';
import { LogCapture } from './log-capture';

const fakeFunction = (name: string, answer: (event: APIGatewayProxyEvent) => unknown): LocalFunction => ({
  service: 'things',
  name,
  timeoutSeconds: 3,
  invoke: async (event) => answer(event as APIGatewayProxyEvent),
});

const json = (statusCode: number, body: unknown) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The functions log as Powertools does, with the request's correlation id (ADR 17). */
const capture = new LogCapture();
const logLine = (event: APIGatewayProxyEvent, message: string) => {
  const correlationId = event.headers['x-request-id'] ?? event.requestContext.requestId;
  capture.observe(
    `${JSON.stringify({ level: 'INFO', message, timestamp: new Date().toISOString(), service: 'things', correlation_id: correlationId, route: event.resource, function_name: 'things-local-x' })}\n`,
  );
};

const keys = new ApiKeyStore({
  plans: [
    {
      name: 'free',
      apiStages: [{ apiId: 'local-things', stage: 'local' }],
      throttle: { rateLimit: 100, burstLimit: 100 },
      quota: { limit: 50, period: 'DAY' },
    },
  ],
});
const appKey = keys.createKey({ name: 'my-app', enabled: true, value: 'abcdefghijklmnopqrstuvwxyz0123456789WXYZ' });
keys.addPlanKey(keys.planByName('free')!.id, appKey.id);

const service: MountedService = {
  name: 'things',
  region: 'eu-west-1',
  basePath: '/v1/things',
  authorizers: new Map(),
  corsHeaders: ['Content-Type'],
  functions: new Map([
    [
      'getThing',
      fakeFunction('getThing', (event) => {
        logLine(event, 'request');
        return json(event.pathParameters?.['id'] === 'missing' ? 404 : 200, { id: event.pathParameters?.['id'] });
      }),
    ],
    ['listThings', fakeFunction('listThings', () => json(200, { items: [] }))],
    ['tightThing', fakeFunction('tightThing', () => json(200, {}))],
  ]),
  router: new Router([
    testRoute('things', 'getThing', {
      method: 'GET',
      path: '/{id}',
      private: true,
      caching: { enabled: true, cacheKeyParameters: [{ name: 'request.path.id' }] },
    }),
    testRoute('things', 'listThings', { method: 'GET', path: '/', authorizer: 'authorize' }),
    testRoute('things', 'tightThing', { method: 'POST', path: '/tight', throttling: { rateLimit: 0.01, burstLimit: 1 } }),
  ]),
  clientRateRules: [],
  gatewayHeaders: {},
};

let door: FrontDoor;
let localConsole: LocalConsole;
beforeAll(async () => {
  const cache = new StageCache();
  localConsole = createConsole({ path: '/_emporium', stage: 'local', services: [service], cache, apiKeys: () => keys, capture });
  door = await startFrontDoor({
    port: 0,
    host: '127.0.0.1',
    stage: 'local',
    services: [service],
    cache,
    accessLog: false,
    throttle: true,
    apiKeys: () => keys,
    documents: () => [],
    console: localConsole,
  });
  // Traffic: a cache miss then hits, a function's 404, gateway-made 403, 500, 429 (throttled) and 404.
  const key = { 'x-api-key': appKey.value };
  await fetch(`${door.url}/v1/things/a`, { headers: { ...key, 'x-request-id': 'first-a' } });
  await fetch(`${door.url}/v1/things/a`, { headers: key });
  await fetch(`${door.url}/v1/things/a`, { headers: key });
  await fetch(`${door.url}/v1/things/missing`, { headers: { ...key, 'x-request-id': 'lookup-missing' } });
  await fetch(`${door.url}/v1/things/b`, { headers: { 'x-request-id': 'no-key' } });
  await fetch(`${door.url}/v1/things/`);
  await fetch(`${door.url}/v1/things/tight`, { method: 'POST' });
  await fetch(`${door.url}/v1/things/tight`, { method: 'POST' });
  await fetch(`${door.url}/v1/nothing-here`);
  // Platform pages are not API traffic.
  await fetch(`${door.url}/`);
});
afterAll(() => door.close());

const api = async (path: string, init?: RequestInit) => {
  const response = await fetch(`${door.url}/_emporium/api/${path}`, init);
  // The JSON bodies are read loosely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const body = (await response.json()) as any;
  return { status: response.status, headers: response.headers, body };
};

describe('the console JSON API', () => {
  it('lists every route of every mounted stack with its version, auth, stage cache TTL and throttle', async () => {
    const { status, body } = await api('services');
    expect(status).toBe(200);
    expect(body.services).toEqual([
      expect.objectContaining({
        stack: 'things',
        version: 'v1',
        basePath: '/v1/things',
        routes: [
          expect.objectContaining({ method: 'GET', path: '/v1/things', auth: { apiKey: false, authorizer: 'authorize' }, cacheTtlSeconds: 0 }),
          expect.objectContaining({
            id: 'things GET /{id}',
            method: 'GET',
            path: '/v1/things/{id}',
            function: 'getThing',
            auth: { apiKey: true, authorizer: null },
            cacheTtlSeconds: 60,
          }),
          expect.objectContaining({ method: 'POST', path: '/v1/things/tight', throttle: { rateLimit: 0.01, burstLimit: 1 } }),
        ],
      }),
    ]);
  });

  it('counts per route what the front door answered: cached hits, function and gateway 4xx, throttled 429s', async () => {
    const { status, headers, body } = await api('metrics');
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    const route = (id: string) => body.routes.find((r: { id: string }) => r.id === id).metrics;
    expect(route('things GET /{id}')).toMatchObject({ requests: 5, clientErrors: 2, cacheHits: 2, cacheMisses: 2, cacheHitRatio: 0.5 });
    expect(route('things GET /{id}').p50Ms).toBeGreaterThan(0);
    // No authorizer function is mounted: the gateway's 500 AUTHORIZER_CONFIGURATION_ERROR.
    expect(route('things GET /')).toMatchObject({ requests: 1, serverErrors: 1 });
    expect(route('things POST /tight')).toMatchObject({ requests: 2, throttled: 1, clientErrors: 1 });
    // Paths under no route: the service's unknown paths, or paths under no service.
    expect(body.unmatched).toEqual([expect.objectContaining({ stack: null, metrics: expect.objectContaining({ requests: 1, clientErrors: 1 }) })]);
    // Nine requests of traffic; the index page and the console's own requests are not counted.
    expect(body.totals).toMatchObject({ requests: 9, clientErrors: 4, serverErrors: 1, throttled: 1 });
    expect(body.totals.series.requests.reduce((a: number, b: number) => a + b, 0)).toBe(9);
  });

  it('lists the recent requests newest first, each with its gateway id and correlation id', async () => {
    const { body } = await api('requests?limit=3');
    expect(body.requests).toHaveLength(3);
    expect(body.requests[0]).toMatchObject({ method: 'GET', target: '/v1/nothing-here', status: 404, gateway: true, stack: null });
    expect(body.requests[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.requests[0].correlationId).toBe(body.requests[0].requestId);
    const all = (await api('requests')).body.requests as { correlationId: string; requestId: string; cache: string | null; apiKeyId: string | null }[];
    expect(all.find((r) => r.correlationId === 'no-key')).toMatchObject({ status: 403, gateway: true, route: 'GET /{id}' });
    expect(all.filter((r) => r.cache === 'hit')).toHaveLength(2);
    expect(all.find((r) => r.correlationId === 'first-a')).toMatchObject({ cache: 'miss', apiKeyId: appKey.id });
  });

  it("follows a request id to its requests and the functions' log lines, by X-Request-Id or by the gateway's id", async () => {
    const byCaller = await api('requests/lookup-missing');
    expect(byCaller.status).toBe(200);
    expect(byCaller.body).toMatchObject({
      id: 'lookup-missing',
      correlationId: 'lookup-missing',
      services: ['things'],
      requests: [expect.objectContaining({ status: 404, target: '/v1/things/missing' })],
      logs: [expect.objectContaining({ service: 'things', level: 'INFO', message: 'request', function: 'things-local-x', fields: { route: '/{id}' } })],
    });
    const byGateway = await api(`requests/${byCaller.body.requests[0].requestId}`);
    expect(byGateway.body).toMatchObject({ correlationId: 'lookup-missing', logs: [expect.objectContaining({ message: 'request' })] });
  });

  it('answers an id it does not keep with 404 REQUEST_NOT_FOUND in the envelope', async () => {
    const response = await fetch(`${door.url}/_emporium/api/requests/never-seen`, { headers: { 'x-request-id': 'console-1' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('x-request-id')).toBe('console-1');
    expect(await response.json()).toMatchObject({
      code: 'REQUEST_NOT_FOUND',
      status: 404,
      instance: '/_emporium/api/requests/never-seen',
      requestId: response.headers.get('x-amzn-requestid'),
    });
  });

  it.each([
    ['requests?limit=0', 400, 'VALIDATION_FAILED'],
    ['requests?limit=many', 400, 'VALIDATION_FAILED'],
    ['requests?limit=501', 400, 'VALIDATION_FAILED'],
    ['nothing', 404, 'ROUTE_NOT_FOUND'],
    ['requests/a/b', 404, 'ROUTE_NOT_FOUND'],
    ['requests/%E0%A4%A', 400, 'MALFORMED_PATH'],
  ])('answers %s with %i %s in the envelope', async (path, status, code) => {
    const response = await api(path);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ code, status });
  });

  it('only reads: another method is 405 with Allow', async () => {
    const response = await api('metrics', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(response.body).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
  });

  it('lists API keys with their value cut to its last 4 characters, their plan and usage by day', async () => {
    const { body } = await api('keys');
    expect(body.plans).toEqual([expect.objectContaining({ name: 'free', quota: { limit: 50, period: 'DAY' }, keys: 1 })]);
    const key = body.keys.find((k: { name: string }) => k.name === 'my-app');
    expect(key).toMatchObject({ id: appKey.id, value: '…WXYZ', enabled: true, plan: { name: 'free' } });
    // The miss, the two hits and the function's 404 were counted against the key; the 403 had no key.
    expect(key.usage).toMatchObject({ today: 4, remaining: 46, quota: { limit: 50, period: 'DAY' } });
    expect(key.usage.byDay).toHaveLength(7);
    expect(JSON.stringify(body)).not.toContain(appKey.value);
  });

  it('serves its page, which reads the API under its own path', async () => {
    const response = await fetch(`${door.url}/_emporium`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<title>Emporium console</title>');
    expect(html).toContain('data-base="/_emporium"');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });

  it('does not count its own requests', async () => {
    const before = localConsole.recorder.recorded;
    await api('metrics');
    await fetch(`${door.url}/_emporium`);
    expect(localConsole.recorder.recorded).toBe(before);
  });
});

describe('consolePathOf', () => {
  it.each([
    ['/_emporium', '/_emporium'],
    ['/ops/console/', '/ops/console'],
  ])('takes %s', (given, path) => expect(consolePathOf(given)).toBe(path));

  it.each(['_emporium', '/', '/a b', '/v1/console', '/docs', '/x/../y?'])('refuses %s', (given) => expect(() => consolePathOf(given)).toThrow(PlatformError));
});
