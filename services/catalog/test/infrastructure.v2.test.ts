/**
 * Infrastructure test of catalog API v2: packages serverless.v2.yml (stack `catalog-v2`, offline)
 * for dev, test and prod. It passes the platform conventions as a stack of its own that belongs to
 * catalog (docs/adr/0015): base path v2/catalog on the stage's domain, catalog's table by the ARN the
 * `catalog` stack exports (no table here), every function's IAM scoped to that imported ARN.
 */
import path from 'node:path';
import { apiMethod, bodyModelsByFunction, cacheKeyParameters, integratedFunctionLogicalId, stageMethodSetting } from '@emporium/testing/cloudformation/api-gateway';
import { functionLogicalId } from '@emporium/testing/cloudformation/lambda';
import { STAGE_SETTINGS, STAGES } from '@emporium/testing/cloudformation/stages';
import type { DynamoDbAccess } from '@emporium/testing/platform-checks';
import { AUTHORIZER_LOGICAL_ID, describePlatformConventions, OPENAPI_DOCUMENT_ROUTE, packageStagesForSuite } from '@emporium/testing/platform-checks';

const SERVICE_DIR = path.resolve(__dirname, '..');
const STACK = 'catalog-v2';

/** The catalog table's ARN, imported from the `catalog` stack (serverless.yml: Outputs.TableArn). */
const tableArnOf = (stage: string) => ({ 'Fn::ImportValue': `catalog-${stage}-table-arn` });
const indexArnOf = (stage: string, index: string) => ({ 'Fn::Join': ['/', [tableArnOf(stage), 'index', index]] });

const dynamodbAccessOf = (stage: string): Record<string, DynamoDbAccess> => {
  const table = [tableArnOf(stage)];
  return {
    authorize: { actions: [], resources: [] },
    getOpenApiDocument: { actions: [], resources: [] },
    listProducts: { actions: ['dynamodb:Query'], resources: [indexArnOf(stage, 'gsi1'), indexArnOf(stage, 'gsi2')] },
    getProduct: { actions: ['dynamodb:GetItem'], resources: table },
    getProductStock: { actions: ['dynamodb:GetItem'], resources: table },
    createProduct: { actions: ['dynamodb:PutItem'], resources: table },
    updateProduct: { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resources: table },
    archiveProduct: { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resources: table },
    reserveStock: { actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], resources: table },
    getReservation: { actions: ['dynamodb:GetItem'], resources: table },
    releaseReservation: { actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], resources: table },
  };
};

const ROUTES: { method: string; path: string; functionKey: string; cached: boolean; cacheKeys: string[]; authorized?: true; throttle?: 'writes' }[] = [
  { ...OPENAPI_DOCUMENT_ROUTE, cached: true, cacheKeys: [] },
  {
    method: 'GET',
    path: '/products',
    functionKey: 'listProducts',
    cached: true,
    cacheKeys: ['method.request.querystring.category', 'method.request.querystring.limit', 'method.request.querystring.cursor'],
  },
  { method: 'GET', path: '/products/{id}', functionKey: 'getProduct', cached: true, cacheKeys: ['method.request.path.id', 'method.request.header.If-None-Match'] },
  // The exact stock is read from the table on every call: never from the stage cache.
  { method: 'GET', path: '/products/{id}/stock', functionKey: 'getProductStock', cached: false, cacheKeys: [], authorized: true },
  { method: 'POST', path: '/products', functionKey: 'createProduct', cached: false, cacheKeys: [], authorized: true, throttle: 'writes' },
  { method: 'PATCH', path: '/products/{id}', functionKey: 'updateProduct', cached: false, cacheKeys: [], authorized: true, throttle: 'writes' },
  { method: 'DELETE', path: '/products/{id}', functionKey: 'archiveProduct', cached: false, cacheKeys: [], authorized: true, throttle: 'writes' },
  { method: 'POST', path: '/reservations', functionKey: 'reserveStock', cached: false, cacheKeys: [], authorized: true, throttle: 'writes' },
  { method: 'GET', path: '/reservations/{id}', functionKey: 'getReservation', cached: false, cacheKeys: [], authorized: true },
  { method: 'POST', path: '/reservations/{id}/release', functionKey: 'releaseReservation', cached: false, cacheKeys: [], authorized: true, throttle: 'writes' },
];

const BODY_MODELS: Record<string, string> = {
  createProduct: 'CreateProductRequest',
  updateProduct: 'UpdateProductRequest',
  reserveStock: 'ReserveStockRequest',
};

const suite = packageStagesForSuite({ serviceDir: SERVICE_DIR, configFile: 'serverless.v2.yml' });
const { templateOf } = suite;

describe.each(STAGES)('catalog v2 packaged for %s', (stage) => {
  const dynamodbAccess = dynamodbAccessOf(stage);
  describePlatformConventions({ ...suite, serviceDir: SERVICE_DIR, service: STACK, apiVersion: 'v2', belongsTo: 'catalog', stage, dynamodbAccess, routes: ROUTES });

  it('every function is not deprecated (no Deprecation, Sunset or successor in its environment) and knows its base path', () => {
    for (const functionKey of Object.keys(dynamodbAccess)) {
      const variables = (templateOf(stage).Resources[functionLogicalId(functionKey)]!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      expect({ functionKey, ...variables }).toMatchObject({ functionKey, API_BASE_PATH: '/v2/catalog', API_DEPRECATION: '', API_SUNSET: '', API_SUCCESSOR_BASE_PATH: '' });
    }
  });

  describe('API Gateway', () => {
    it.each(ROUTES)('$method $path -> $functionKey, cache key parameters $cacheKeys', ({ method, path: routePath, functionKey, cacheKeys }) => {
      const found = apiMethod(templateOf(stage), method, routePath);
      expect(integratedFunctionLogicalId(found)).toBe(functionLogicalId(functionKey));
      expect(cacheKeyParameters(found)).toEqual(cacheKeys);
    });

    it.each(ROUTES)('$method $path: cached at the stage: $cached', ({ method, path: routePath, cached }) => {
      const setting = stageMethodSetting(templateOf(stage), method, routePath);
      expect(setting.CachingEnabled).toBe(cached);
      if (cached) expect(setting.CacheTtlInSeconds).toBe(STAGE_SETTINGS[stage].cacheTtlInSeconds);
    });

    it.each(ROUTES)('$method $path: throttled as $throttle (the stage default when undefined)', ({ method, path: routePath, throttle }) => {
      const expected = throttle ? STAGE_SETTINGS[stage].throttleClasses[throttle] : STAGE_SETTINGS[stage].throttle;
      expect(stageMethodSetting(templateOf(stage), method, routePath)).toMatchObject({ ThrottlingRateLimit: expected.rateLimit, ThrottlingBurstLimit: expected.burstLimit });
    });

    it(`the gateway validates the bodies of exactly ${Object.keys(BODY_MODELS).join(', ')}, each against its model`, () => {
      expect(bodyModelsByFunction(templateOf(stage), Object.keys(dynamodbAccess))).toEqual(BODY_MODELS);
    });

    it.each(ROUTES)('$method $path: the shared token authorizer guards it only when protected', ({ method, path: routePath, authorized }) => {
      const props = apiMethod(templateOf(stage), method, routePath).resource.Properties!;
      expect(props.AuthorizationType).toBe(authorized ? 'CUSTOM' : 'NONE');
      expect(props.AuthorizerId).toEqual(authorized ? { Ref: AUTHORIZER_LOGICAL_ID } : undefined);
    });
  });
});
