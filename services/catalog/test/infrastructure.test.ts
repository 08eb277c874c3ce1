/**
 * Infrastructure test: packages catalog (`serverless package`, offline, no AWS account) for the
 * stages dev, test and prod and asserts on the CloudFormation it would deploy and on the function
 * zips. The platform-wide conventions (runtime, tracing, log retention, one role per function, the
 * shared authorizer, gateway responses, request validation as openapi/gateway.json says, the
 * OpenAPI document, artifacts, per-stage data protection, the base table shape, exactly the listed
 * routes) come from describePlatformConventions (@emporium/testing/platform-checks). The
 * expectations below (IAM surface, routes and caching, validated bodies, table attributes and
 * indexes) are the review document of the service's infrastructure: change them together with
 * serverless.yml (and the contract, for the bodies).
 */
import path from 'node:path';
import { resource, sortByJson } from '@emporium/testing/cloudformation/template';
import { STAGE_SETTINGS, STAGES } from '@emporium/testing/cloudformation/stages';
import { functionLogicalId } from '@emporium/testing/cloudformation/lambda';
import { apiMethod, webAclRules, bodyModelsByFunction, cacheKeyParameters, integratedFunctionLogicalId, stageMethodSetting } from '@emporium/testing/cloudformation/api-gateway';
import type { DynamoDbAccess } from '@emporium/testing/platform-checks';
import { AUTHORIZER_LOGICAL_ID, describePlatformConventions, indexArn, TABLE_ARN, OPENAPI_DOCUMENT_ROUTE, packageStagesForSuite } from '@emporium/testing/platform-checks';

const SERVICE_DIR = path.resolve(__dirname, '..');
const SERVICE = 'catalog';



/**
 * The whole DynamoDB surface of the service: every function, the exact DynamoDB actions its own
 * role allows and the exact resources. A function missing here, an extra action or a wider
 * resource fails the test.
 */
const DYNAMODB_ACCESS: Record<string, DynamoDbAccess> = {
  authorize: { actions: [], resources: [] },
  getOpenApiDocument: { actions: [], resources: [] },
  listProducts: { actions: ['dynamodb:Query'], resources: [indexArn('gsi1'), indexArn('gsi2')] },
  getProduct: { actions: ['dynamodb:GetItem'], resources: [TABLE_ARN] },
  createProduct: { actions: ['dynamodb:PutItem'], resources: [TABLE_ARN] },
  updateProduct: { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resources: [TABLE_ARN] },
  archiveProduct: { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resources: [TABLE_ARN] },
  reserveStock: { actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], resources: [TABLE_ARN] },
  getReservation: { actions: ['dynamodb:GetItem'], resources: [TABLE_ARN] },
  releaseReservation: { actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], resources: [TABLE_ARN] },
};
const FUNCTIONS = Object.keys(DYNAMODB_ACCESS);

/**
 * Routes: method, path, the function behind it, whether the stage cache keeps its answers and the
 * API Gateway cache key parameters (a cached route without them serves one answer to every request).
 */
const ROUTES: { method: string; path: string; functionKey: string; cached: boolean; cacheKeys: string[]; authorized?: true; throttle?: 'writes' }[] = [
  { ...OPENAPI_DOCUMENT_ROUTE, cached: true, cacheKeys: [] },
  {
    method: 'GET',
    path: '/products',
    functionKey: 'listProducts',
    cached: true,
    cacheKeys: ['method.request.querystring.category', 'method.request.querystring.limit', 'method.request.querystring.cursor'],
  },
  // If-None-Match splits the cache: a 304 kept for one client must never answer another.
  { method: 'GET', path: '/products/{id}', functionKey: 'getProduct', cached: true, cacheKeys: ['method.request.path.id', 'method.request.header.If-None-Match'] },
  { method: 'POST', path: '/products', functionKey: 'createProduct', cached: false, cacheKeys: [], authorized: true , throttle: 'writes' },
  { method: 'PATCH', path: '/products/{id}', functionKey: 'updateProduct', cached: false, cacheKeys: [], authorized: true , throttle: 'writes' },
  { method: 'DELETE', path: '/products/{id}', functionKey: 'archiveProduct', cached: false, cacheKeys: [], authorized: true , throttle: 'writes' },
  { method: 'POST', path: '/reservations', functionKey: 'reserveStock', cached: false, cacheKeys: [], authorized: true , throttle: 'writes' },
  { method: 'GET', path: '/reservations/{id}', functionKey: 'getReservation', cached: false, cacheKeys: [], authorized: true },
  { method: 'POST', path: '/reservations/{id}/release', functionKey: 'releaseReservation', cached: false, cacheKeys: [], authorized: true , throttle: 'writes' },
];

/**
 * The request bodies API Gateway validates before the function runs: function -> model name (the
 * model's schema is generated from the contract into openapi/gateway.json; that the template holds
 * exactly that schema is a platform convention). Every other route has no body model.
 */
const BODY_MODELS: Record<string, string> = {
  createProduct: 'CreateProductRequest',
  updateProduct: 'UpdateProductRequest',
  reserveStock: 'ReserveStockRequest',
};

const suite = packageStagesForSuite({ serviceDir: SERVICE_DIR });
const { templateOf } = suite;

describe.each(STAGES)('catalog packaged for %s', (stage) => {
  describePlatformConventions({ ...suite, serviceDir: SERVICE_DIR, service: SERVICE, stage, dynamodbAccess: DYNAMODB_ACCESS, routes: ROUTES });

  it('exports the table ARN for the stacks of later API versions (catalog-v2 imports it)', () => {
    expect(templateOf(stage).Outputs?.['TableArn']).toEqual({
      Description: 'The catalog table, shared by every API version\'s stack',
      Value: { 'Fn::GetAtt': ['Table', 'Arn'] },
      Export: { Name: `catalog-${stage}-table-arn` },
    });
  });

  it('v1 is deprecated: every function has the dates of versions.yml and v2 as successor', () => {
    for (const functionKey of FUNCTIONS) {
      const variables = (templateOf(stage).Resources[functionLogicalId(functionKey)]!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      expect({ functionKey, ...variables }).toMatchObject({
        functionKey,
        API_BASE_PATH: '/v1/catalog',
        API_DEPRECATION: '2026-12-07T00:00:00Z',
        API_SUNSET: '2027-06-30T00:00:00Z',
        API_SUCCESSOR_BASE_PATH: '/v2/catalog',
      });
    }
  });

  describe('DynamoDB table', () => {
    it('has the catalog attributes and indexes: gsi1 and gsi2, all projected', () => {
      const props = resource(templateOf(stage), 'Table').Properties!;
      expect(sortByJson(props.AttributeDefinitions as unknown[])).toEqual(
        sortByJson(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
      );
      expect(props.GlobalSecondaryIndexes).toEqual([
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'gsi2',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ]);
    });
  });

  describe('API Gateway', () => {
    it.each(ROUTES)('$method $path -> $functionKey, cache key parameters $cacheKeys', ({ method, path: routePath, functionKey, cacheKeys }) => {
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

    it.each(ROUTES)('$method $path: cached at the stage: $cached', ({ method, path: routePath, cached }) => {
      const setting = stageMethodSetting(templateOf(stage), method, routePath);
      expect(setting.CachingEnabled).toBe(cached);
      if (cached) expect(setting.CacheTtlInSeconds).toBe(STAGE_SETTINGS[stage].cacheTtlInSeconds);
    });

    it.each(ROUTES)('$method $path: throttled as $throttle (the stage default when undefined)', ({ method, path: routePath, throttle }) => {
      const expected = throttle ? STAGE_SETTINGS[stage].throttleClasses[throttle] : STAGE_SETTINGS[stage].throttle;
      expect(stageMethodSetting(templateOf(stage), method, routePath)).toMatchObject({ ThrottlingRateLimit: expected.rateLimit, ThrottlingBurstLimit: expected.burstLimit });
    });

    it('has no per-client rate rules (no AWS WAF web ACL)', () => {
      expect(webAclRules(templateOf(stage))).toEqual({});
    });

    it(`the gateway validates the bodies of exactly ${Object.keys(BODY_MODELS).join(', ')}, each against its model`, () => {
      expect(bodyModelsByFunction(templateOf(stage), FUNCTIONS)).toEqual(BODY_MODELS);
    });

    it.each(ROUTES)('$method $path: the shared token authorizer guards it only when protected', ({ method, path: routePath, authorized }) => {
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
});
