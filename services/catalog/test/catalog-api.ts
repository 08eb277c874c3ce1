/**
 * The API Gateway expectations of catalog's API stacks (v1: serverless.yml, v2: serverless.v2.yml),
 * shared by their infrastructure tests: the route table (function, stage cache and its keys,
 * throttle class, authorizer), the validated bodies and the DynamoDB surface of each function. v2
 * is v1's table plus its stock route, over the same table reached another way (docs/adr/0015).
 */
import {
  apiMethod,
  bodyModelsByFunction,
  cacheKeyParameters,
  integratedFunctionLogicalId,
  stageMethodSetting,
  webAclRules,
} from '@emporium/testing/cloudformation/api-gateway';
import { functionLogicalId } from '@emporium/testing/cloudformation/lambda';
import type { Stage } from '@emporium/testing/cloudformation/stages';
import { STAGE_SETTINGS } from '@emporium/testing/cloudformation/stages';
import type { CfnTemplate } from '@emporium/testing/cloudformation/template';
import type { DynamoDbAccess } from '@emporium/testing/platform-checks';
import { AUTHORIZER_LOGICAL_ID, OPENAPI_DOCUMENT_ROUTE } from '@emporium/testing/platform-checks';

export interface CatalogRoute {
  method: string;
  path: string;
  functionKey: string;
  cached: boolean;
  cacheKeys: string[];
  authorized?: true;
  throttle?: 'writes';
}

/**
 * Routes: method, path, the function behind it, whether the stage cache keeps its answers and the
 * API Gateway cache key parameters (a cached route without them serves one answer to every request).
 */
export const V1_ROUTES: CatalogRoute[] = [
  { ...OPENAPI_DOCUMENT_ROUTE, cached: true, cacheKeys: [] },
  {
    method: 'GET',
    path: '/products',
    functionKey: 'listProducts',
    cached: true,
    cacheKeys: ['method.request.querystring.category', 'method.request.querystring.limit', 'method.request.querystring.cursor'],
  },
  // If-None-Match splits the cache: a 304 kept for one client must never answer another.
  {
    method: 'GET',
    path: '/products/{id}',
    functionKey: 'getProduct',
    cached: true,
    cacheKeys: ['method.request.path.id', 'method.request.header.If-None-Match'],
  },
  { method: 'POST', path: '/products', functionKey: 'createProduct', cached: false, cacheKeys: [], authorized: true, throttle: 'writes' },
  { method: 'PATCH', path: '/products/{id}', functionKey: 'updateProduct', cached: false, cacheKeys: [], authorized: true, throttle: 'writes' },
  { method: 'DELETE', path: '/products/{id}', functionKey: 'archiveProduct', cached: false, cacheKeys: [], authorized: true, throttle: 'writes' },
  { method: 'POST', path: '/reservations', functionKey: 'reserveStock', cached: false, cacheKeys: [], authorized: true, throttle: 'writes' },
  { method: 'GET', path: '/reservations/{id}', functionKey: 'getReservation', cached: false, cacheKeys: [], authorized: true },
  { method: 'POST', path: '/reservations/{id}/release', functionKey: 'releaseReservation', cached: false, cacheKeys: [], authorized: true, throttle: 'writes' },
];

/**
 * v2: v1's routes, the admins' exact stock, read from the table on every call (never cached), and
 * the commit of a hold.
 */
export const V2_ROUTES: CatalogRoute[] = [
  ...V1_ROUTES,
  { method: 'GET', path: '/products/{id}/stock', functionKey: 'getProductStock', cached: false, cacheKeys: [], authorized: true },
  { method: 'POST', path: '/reservations/{id}/commit', functionKey: 'commitReservation', cached: false, cacheKeys: [], authorized: true, throttle: 'writes' },
];

/**
 * The request bodies API Gateway validates before the function runs: function -> model name (the
 * model's schema is generated from the contract; that the template holds exactly that schema is a
 * platform convention). Every other route has no body model. The same in v1 and v2.
 */
export const BODY_MODELS: Record<string, string> = {
  createProduct: 'CreateProductRequest',
  updateProduct: 'UpdateProductRequest',
  reserveStock: 'ReserveStockRequest',
};

/**
 * The whole DynamoDB surface of a catalog stack, given how it names the table (v1: its own table's
 * ARN; v2: the ARN it imports): every function, the exact actions its own role allows and the exact
 * resources. A function missing here, an extra action or a wider resource fails the test.
 */
export const dynamodbAccessOf = (table: unknown, index: (name: string) => unknown, version: 'v1' | 'v2'): Record<string, DynamoDbAccess> => ({
  authorize: { actions: [], resources: [] },
  getOpenApiDocument: { actions: [], resources: [] },
  listProducts: { actions: ['dynamodb:Query'], resources: [index('gsi1'), index('gsi2')] },
  getProduct: { actions: ['dynamodb:GetItem'], resources: [table] },
  ...(version === 'v2' ? { getProductStock: { actions: ['dynamodb:GetItem'], resources: [table] } } : {}),
  createProduct: { actions: ['dynamodb:PutItem'], resources: [table] },
  updateProduct: { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resources: [table] },
  archiveProduct: { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resources: [table] },
  reserveStock: { actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], resources: [table] },
  getReservation: { actions: ['dynamodb:GetItem'], resources: [table] },
  releaseReservation: { actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], resources: [table] },
  ...(version === 'v2'
    ? { commitReservation: { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resources: [table] } }
    : // The stack that owns the table sweeps the expired holds of every version (on a schedule).
      { releaseExpiredReservations: { actions: ['dynamodb:Query', 'dynamodb:UpdateItem'], resources: [table, index('gsi1')] } }),
});

/** Registers the route table's tests for one stage of one packaged catalog stack. */
export const describeCatalogApi = (options: { templateOf: (stage: Stage) => CfnTemplate; stage: Stage; routes: CatalogRoute[]; functions: string[] }): void => {
  const { templateOf, stage, routes, functions } = options;
  describe('API Gateway', () => {
    it.each(routes)('$method $path -> $functionKey, cache key parameters $cacheKeys', ({ method, path: routePath, functionKey, cacheKeys }) => {
      const found = apiMethod(templateOf(stage), method, routePath);
      expect(integratedFunctionLogicalId(found)).toBe(functionLogicalId(functionKey));
      expect(cacheKeyParameters(found)).toEqual(cacheKeys);
      // A cache key parameter must be declared as a method request parameter, or the deploy fails.
      const requestParameters = (found.resource.Properties!.RequestParameters ?? {}) as Record<string, boolean>;
      for (const key of cacheKeys) expect(Object.keys(requestParameters)).toContain(key);
      if (cacheKeys.length === 0) {
        expect((found.resource.Properties!.Integration as Record<string, unknown>).CacheNamespace).toBeUndefined();
      }
    });

    it.each(routes)('$method $path: cached at the stage: $cached', ({ method, path: routePath, cached }) => {
      const setting = stageMethodSetting(templateOf(stage), method, routePath);
      expect(setting.CachingEnabled).toBe(cached);
      if (cached) expect(setting.CacheTtlInSeconds).toBe(STAGE_SETTINGS[stage].cacheTtlInSeconds);
    });

    it.each(routes)('$method $path: throttled as $throttle (the stage default when undefined)', ({ method, path: routePath, throttle }) => {
      const expected = throttle ? STAGE_SETTINGS[stage].throttleClasses[throttle] : STAGE_SETTINGS[stage].throttle;
      expect(stageMethodSetting(templateOf(stage), method, routePath)).toMatchObject({
        ThrottlingRateLimit: expected.rateLimit,
        ThrottlingBurstLimit: expected.burstLimit,
      });
    });

    it('has no per-client rate rules (no AWS WAF web ACL)', () => {
      expect(webAclRules(templateOf(stage))).toEqual({});
    });

    it(`the gateway validates the bodies of exactly ${Object.keys(BODY_MODELS).join(', ')}, each against its model`, () => {
      expect(bodyModelsByFunction(templateOf(stage), functions)).toEqual(BODY_MODELS);
    });

    it.each(routes)('$method $path: the shared token authorizer guards it only when protected', ({ method, path: routePath, authorized }) => {
      const props = apiMethod(templateOf(stage), method, routePath).resource.Properties!;
      if (authorized) {
        expect(props.AuthorizationType).toBe('CUSTOM');
        expect(props.AuthorizerId).toEqual({ Ref: AUTHORIZER_LOGICAL_ID });
      } else {
        expect(props.AuthorizationType).toBe('NONE');
        expect(props.AuthorizerId).toBeUndefined();
      }
    });
  });
};
