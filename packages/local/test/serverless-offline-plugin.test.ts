/**
 * The serverless-offline plugin (serverless-offline.cjs, docs/adr/0024) without serverless-offline:
 * its own answers rendered from the service's generated GatewayResponse resources, and the local
 * wiring of the functions' environment. The e2e test (services/catalog/test/e2e/serverless-offline)
 * runs it for real.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WORKSPACE_ROOT } from '../src/paths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require('../serverless-offline.cjs') as {
  new (serverless: unknown, options: unknown, utils: unknown): { hooks: Record<string, () => Promise<void> | void> };
  gatewayAnswerOf(request: unknown): { type: string; status: number; validationError?: string } | undefined;
  renderGatewayResponse(resources: unknown, answer: unknown, request: unknown): { status: number; headers: Record<string, string>; body: string } | undefined;
};

const RESOURCES = (JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, 'serverless.gateway-responses.json'), 'utf8')) as { Resources: Record<string, unknown> })
  .Resources;

const hapiRequest = (response: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  path: '/v1/catalog/products',
  headers: { 'x-request-id': 'req-42' },
  route: { path: '/v1/catalog/products' },
  response,
  ...extra,
});
const boom = (statusCode: number) => ({ isBoom: true, output: { statusCode, payload: { message: 'from hapi' } } });

const rendered = (request: ReturnType<typeof hapiRequest>) => {
  const answer = plugin.gatewayAnswerOf(request);
  const reply = answer && plugin.renderGatewayResponse(RESOURCES, answer, request);
  return reply && { status: reply.status, headers: reply.headers, body: JSON.parse(reply.body) as Record<string, unknown> };
};

describe("serverless-offline's own answers in the envelope", () => {
  it.each([
    ['no or a bad token (its authorizer step)', hapiRequest(boom(401)), 401, 'UNAUTHORIZED'],
    ['a policy that does not allow the method', hapiRequest(boom(403)), 403, 'FORBIDDEN'],
    [
      'a keyed route without its key',
      hapiRequest({ statusCode: 403, headers: { 'x-amzn-ErrorType': 'ForbiddenException' }, source: { message: 'Forbidden' } }),
      403,
      'INVALID_API_KEY',
    ],
    ['an unknown route (its catch-all)', hapiRequest({ statusCode: 404, headers: {}, source: {} }, { route: { path: '/{p*}' } }), 404, 'ROUTE_NOT_FOUND'],
    [
      'a function that crashed',
      hapiRequest({ statusCode: 502, headers: { 'Content-Type': 'application/json' }, source: '{"errorType":"Error"}' }),
      502,
      'INTERNAL',
    ],
  ])('%s', (_, request, status, code) => {
    const reply = rendered(request);
    expect(reply).toMatchObject({ status, body: { status, code, instance: '/v1/catalog/products' } });
    expect(reply!.headers).toMatchObject({ 'Content-Type': 'application/problem+json', 'Access-Control-Allow-Origin': '*', 'X-Request-Id': 'req-42' });
    expect(reply!.body['requestId']).toBe(reply!.headers['X-Amzn-RequestId']);
  });

  it('says WWW-Authenticate: Bearer on a 401, as the UNAUTHORIZED gateway response does', () => {
    expect(rendered(hapiRequest(boom(401)))!.headers['WWW-Authenticate']).toBe('Bearer');
  });

  it('renders its body validation as BAD_REQUEST_BODY with the failure as detail (quotes escaped)', () => {
    const reply = rendered(
      hapiRequest({ statusCode: 400, headers: {}, source: { errorMessage: 'Request body validation failed: "sku" is required', offlineInfo: '...' } }),
    );
    expect(reply).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', detail: '"sku" is required' } });
  });

  it("leaves the functions' own answers alone", () => {
    for (const response of [
      { statusCode: 201, headers: {}, source: '{}' },
      { statusCode: 404, headers: { 'content-type': 'application/problem+json' }, source: '{}' },
      { statusCode: 502, headers: { 'content-type': 'application/problem+json' }, source: '{}' },
    ]) {
      expect(plugin.gatewayAnswerOf(hapiRequest(response))).toBeUndefined();
    }
  });
});

describe('the local wiring', () => {
  const serverlessWith = (offlineWiring: Record<string, unknown>) => {
    const functions: Record<string, { environment?: Record<string, string> }> = {
      createOrder: { environment: { CATALOG_BASE_URL: 'https://api.local.example.com/v2/catalog', ELSEWHERE_URL: 'https://example.org/x' } },
      health: {},
    };
    return {
      service: {
        custom: { offlineWiring, customDomain: { domainName: 'api.local.example.com' } },
        provider: { environment: { AUTH_ISSUER: 'https://api.local.example.com/v1/users', TABLE_NAME: 'orders-local' } },
        getAllFunctions: () => Object.keys(functions),
        getFunction: (name: string) => functions[name],
      },
      functions,
    };
  };
  const quiet = { log: { notice: () => undefined, warning: () => undefined } };

  it('on a local stage: placeholder credentials, the engine, and URLs of the stage domain on the front door (identifiers keep the domain)', async () => {
    const serverless = serverlessWith({
      frontDoorUrl: 'http://localhost:3000',
      dynamodbEndpoint: 'http://127.0.0.1:8000',
      environment: { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
    });
    await new plugin(serverless, {}, quiet).hooks['before:offline:start:init']!();
    expect(serverless.service.provider.environment).toEqual({
      AUTH_ISSUER: 'https://api.local.example.com/v1/users',
      TABLE_NAME: 'orders-local',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
    });
    expect(serverless.functions['createOrder']!.environment).toEqual({
      CATALOG_BASE_URL: 'http://localhost:3000/v2/catalog',
      ELSEWHERE_URL: 'https://example.org/x',
    });
  });

  it('on a stage in AWS (no front door): changes nothing', async () => {
    const serverless = serverlessWith({ frontDoorUrl: '', dynamodbEndpoint: '', environment: { AWS_ACCESS_KEY_ID: 'local' } });
    const before = JSON.stringify(serverless.service.provider);
    await new plugin(serverless, {}, quiet).hooks['before:offline:start']!();
    expect(JSON.stringify(serverless.service.provider)).toBe(before);
  });
});
