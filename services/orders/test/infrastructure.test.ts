/**
 * Infrastructure test: packages orders (`serverless package`, offline, no AWS account) for the
 * stages dev, test and prod and asserts on the CloudFormation it would deploy and on the function
 * zips. The platform-wide conventions (runtime, tracing, log retention, one role per function, the
 * shared authorizer, gateway responses, request validation as openapi/gateway.json says, the
 * OpenAPI document, artifacts, per-stage data protection, the base table shape, exactly the listed
 * routes) come from describePlatformConventions (@emporium/testing/platform-checks). The
 * expectations below (IAM surface, secrets, routes, their authorizer and caching, validated bodies
 * and headers, table attributes and index) are the review document of the service's
 * infrastructure: change them together with serverless.yml (and the contract, for the requests).
 */
import path from 'node:path';
import { resource, sortByJson } from '@emporium/testing/cloudformation/template';
import { type Stage, STAGE_SETTINGS, STAGES } from '@emporium/testing/cloudformation/stages';
import {
  allPolicyStatements,
  functionLogicalId,
  functionPolicyStatements,
  functionRole,
  lambdaFunction,
  statementsForService,
} from '@emporium/testing/cloudformation/lambda';
import type { StageMethodSetting } from '@emporium/testing/cloudformation/api-gateway';
import {
  apiMethod,
  apiMethods,
  apiStage,
  bodyModelsByFunction,
  cacheKeyParameters,
  integratedFunctionLogicalId,
  methodRequestParameters,
  methodSettingsPath,
  stageMethodSetting,
} from '@emporium/testing/cloudformation/api-gateway';
import type { DynamoDbAccess } from '@emporium/testing/platform-checks';
import {
  AUTHORIZER_LOGICAL_ID,
  describePlatformConventions,
  indexArn,
  TABLE_ARN,
  OPENAPI_DOCUMENT_ROUTE,
  packageStagesForSuite,
} from '@emporium/testing/platform-checks';

const SERVICE_DIR = path.resolve(__dirname, '..');
const SERVICE = 'orders';

const GSI1_ARN = indexArn('gsi1');

/**
 * The whole DynamoDB surface of the service: every function, the exact DynamoDB actions its own
 * role allows and the exact resources. A function missing here, an extra action or a wider
 * resource fails the test.
 */
const DYNAMODB_ACCESS: Record<string, DynamoDbAccess> = {
  authorize: { actions: [], resources: [] },
  getOpenApiDocument: { actions: [], resources: [] },
  // PutItem: claim the idempotency key, and the order (TransactWriteItems); GetItem: a held key, the
  // replayed order; UpdateItem: complete the key (same transaction); DeleteItem: free the key.
  placeOrder: { actions: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], resources: [TABLE_ARN] },
  // A user's orders, newest first: gsi1 only, never the base table.
  listOrders: { actions: ['dynamodb:Query'], resources: [GSI1_ARN] },
  getOrder: { actions: ['dynamodb:GetItem'], resources: [TABLE_ARN] },
  // GetItem: the order; UpdateItem: the conditional status flip, then stockReleased.
  cancelOrder: { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resources: [TABLE_ARN] },
  // UpdateItem: the conditional transition; GetItem: the current status when it is refused.
  updateOrderStatus: { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resources: [TABLE_ARN] },
};
const FUNCTIONS = Object.keys(DYNAMODB_ACCESS);

/**
 * The functions that call catalog (reserve, release) with a service token from users: they hold the
 * catalog/users base URLs and may read (and decrypt) orders' client secret, the SSM SecureString
 * /emporium/<stage>/service-clients/orders. Every other function has neither.
 */
const CATALOG_CALLERS = ['placeOrder', 'cancelOrder'];
const CLIENT_SECRET = (stage: Stage) => `/emporium/${stage}/service-clients/orders`;
const parameterArn = (stage: Stage, name = CLIENT_SECRET(stage)) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${name}`,
});
/** The key of a SecureString is not known at packaging time: any key, used only by SSM for that parameter. */
const ANY_KMS_KEY = { 'Fn::Sub': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*' };

/** The platform's public base URL per stage (param domainName in serverless.base.yml). */
const apiBaseUrl = (stage: Stage) => (stage === 'prod' ? 'https://api.example.com' : `https://api.${stage}.example.com`);

/** The only variables whose name looks like a secret, per function: references, never values. */
const SECRET_LIKE_NAME = /SECRET|KEY|TOKEN|PRIVATE|PASSWORD|CREDENTIAL/i;
const SECRET_LIKE_VARIABLES = (stage: Stage): Record<string, Record<string, string>> => ({
  placeOrder: { SERVICE_CLIENT_SECRET_PARAMETER: CLIENT_SECRET(stage) },
  cancelOrder: { SERVICE_CLIENT_SECRET_PARAMETER: CLIENT_SECRET(stage) },
  // A plain SSM String resolved by CloudFormation at deploy time (serverless.base.yml cursorSigningKey).
  listOrders: { CURSOR_SIGNING_KEY: `{{resolve:ssm:/emporium/${stage}/cursor-signing-key}}` },
});

/**
 * The orders routes (paths below the base path v1/orders): method, path, the function behind it.
 * Every one is guarded by the shared authorizer and none is cached at the stage.
 */
const ORDER_ROUTES: { method: string; path: string; functionKey: string; throttle?: 'orderPlacement' | 'writes' }[] = [
  { method: 'POST', path: '/', functionKey: 'placeOrder', throttle: 'orderPlacement' },
  { method: 'GET', path: '/', functionKey: 'listOrders' },
  { method: 'GET', path: '/{id}', functionKey: 'getOrder' },
  { method: 'POST', path: '/{id}/cancel', functionKey: 'cancelOrder', throttle: 'writes' },
  { method: 'POST', path: '/{id}/status', functionKey: 'updateOrderStatus', throttle: 'writes' },
];
/** The route table: the orders routes and the platform's public, cached OpenAPI document (a platform convention). */
const ROUTES = [OPENAPI_DOCUMENT_ROUTE, ...ORDER_ROUTES];
const AUTHORIZER_ID = { Ref: AUTHORIZER_LOGICAL_ID };

/**
 * The request bodies API Gateway validates before the function runs: function -> model name (the
 * model's schema is generated from the contract into openapi/gateway.json; that the template holds
 * exactly that schema is a platform convention). Every other route has no body model.
 */
const BODY_MODELS: Record<string, string> = {
  placeOrder: 'PlaceOrderRequest',
  updateOrderStatus: 'UpdateOrderStatusRequest',
};

const suite = packageStagesForSuite({ serviceDir: SERVICE_DIR });
const { templateOf } = suite;
const variablesOf = (stage: Stage, functionKey: string) =>
  (lambdaFunction(templateOf(stage), functionKey).Properties!.Environment as { Variables: Record<string, unknown> }).Variables;

describe.each(STAGES)('orders packaged for %s', (stage) => {
  describePlatformConventions({
    ...suite,
    serviceDir: SERVICE_DIR,
    service: SERVICE,
    stage,
    dynamodbAccess: DYNAMODB_ACCESS,
    routes: ROUTES,
    // Reading (and decrypting) the client secret: which functions, which parameter is checked below.
    extraAllowedActions: ['ssm:GetParameter', 'kms:Decrypt'],
  });

  describe('DynamoDB table', () => {
    it('has the orders attributes and index: gsi1, all projected, TTL on expiresAt', () => {
      const props = resource(templateOf(stage), 'Table').Properties!;
      expect(sortByJson(props.AttributeDefinitions as unknown[])).toEqual(
        sortByJson(['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
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
      ]);
      // Idempotency records expire after 24 h.
      expect(props.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    });
  });

  describe('Lambda functions', () => {
    it.each(FUNCTIONS)('%s: catalog and users base URLs (and the client secret name) only if it calls catalog', (functionKey) => {
      const variables = variablesOf(stage, functionKey);
      const calls = {
        CATALOG_BASE_URL: variables.CATALOG_BASE_URL,
        USERS_BASE_URL: variables.USERS_BASE_URL,
        CATALOG_TIMEOUT_MS: variables.CATALOG_TIMEOUT_MS,
        SERVICE_CLIENT_SECRET_PARAMETER: variables.SERVICE_CLIENT_SECRET_PARAMETER,
      };
      if (CATALOG_CALLERS.includes(functionKey)) {
        expect(calls).toEqual({
          CATALOG_BASE_URL: `${apiBaseUrl(stage)}/v2/catalog`,
          USERS_BASE_URL: `${apiBaseUrl(stage)}/v1/users`,
          CATALOG_TIMEOUT_MS: '2000',
          SERVICE_CLIENT_SECRET_PARAMETER: CLIENT_SECRET(stage),
        });
        // The catalog call deadlines are derived from FUNCTION_TIMEOUT_SECONDS: it must be the real timeout.
        expect(variables.FUNCTION_TIMEOUT_SECONDS).toBe('15');
        expect(lambdaFunction(templateOf(stage), functionKey).Properties!.Timeout).toBe(15);
      } else {
        expect(calls).toEqual({
          CATALOG_BASE_URL: undefined,
          USERS_BASE_URL: undefined,
          CATALOG_TIMEOUT_MS: undefined,
          SERVICE_CLIENT_SECRET_PARAMETER: undefined,
        });
      }
    });

    it.each(FUNCTIONS)('%s: no secret value in the environment (only SSM names and deploy-time references)', (functionKey) => {
      const variables = variablesOf(stage, functionKey);
      expect(variables.SERVICE_CLIENT_SECRET).toBeUndefined();
      const secretLike = Object.fromEntries(Object.entries(variables).filter(([name]) => SECRET_LIKE_NAME.test(name)));
      expect(secretLike).toEqual(SECRET_LIKE_VARIABLES(stage)[functionKey] ?? {});
      // The local platform's inline cursor key never reaches a deployed stage.
      expect(Object.values(variables).filter((value) => String(value).includes('local-only'))).toEqual([]);
    });

    it('no SecureString is resolved into the template ({{resolve:ssm-secure:...}})', () => {
      expect(JSON.stringify(templateOf(stage))).not.toContain('resolve:ssm-secure');
    });
  });

  describe('IAM (one role per function)', () => {
    it.each(FUNCTIONS)(
      '%s: reads the orders client secret only if it calls catalog (and its API key only if it reads products), only those parameters, decrypted only through SSM',
      (functionKey) => {
        const statements = functionPolicyStatements(templateOf(stage), functionKey);
        const ssm = statementsForService(statements, 'ssm');
        const kms = statementsForService(statements, 'kms');
        if (!CATALOG_CALLERS.includes(functionKey)) {
          expect([...ssm, ...kms]).toEqual([]);
          return;
        }
        expect(ssm.map(({ Effect, Action, Resource, Condition }) => ({ Effect, Action, Resource, Condition }))).toEqual([
          { Effect: 'Allow', Action: ['ssm:GetParameter'], Resource: [parameterArn(stage)], Condition: undefined },
        ]);
        expect(kms.map(({ Effect, Action, Resource, Condition }) => ({ Effect, Action, Resource, Condition }))).toEqual([
          {
            Effect: 'Allow',
            Action: ['kms:Decrypt'],
            Resource: [ANY_KMS_KEY],
            Condition: {
              StringEquals: {
                'kms:ViaService': { 'Fn::Sub': 'ssm.${AWS::Region}.amazonaws.com' },
                'kms:EncryptionContext:PARAMETER_ARN': parameterArn(stage),
              },
            },
          },
        ]);
      },
    );

    it('no other role of the template (framework roles included) can read SSM parameters or use KMS', () => {
      const readerRoles = CATALOG_CALLERS.map((functionKey) => functionRole(templateOf(stage), functionKey).logicalId);
      const all = allPolicyStatements(templateOf(stage));
      const holders = [...statementsForService(all, 'ssm'), ...statementsForService(all, 'kms')].map((statement) => statement.source);
      expect([...new Set(holders)].sort()).toEqual([...readerRoles].sort());
    });
  });

  describe('API Gateway', () => {
    it.each(ORDER_ROUTES)('$method $path -> $functionKey, guarded by the shared token authorizer, not cached', ({ method, path: routePath, functionKey }) => {
      const found = apiMethod(templateOf(stage), method, routePath);
      expect(integratedFunctionLogicalId(found)).toBe(functionLogicalId(functionKey));
      const props = found.resource.Properties!;
      expect(props.AuthorizationType).toBe('CUSTOM');
      expect(props.AuthorizerId).toEqual(AUTHORIZER_ID);
      // Answers depend on the caller: a gateway cache would serve one caller's orders to another.
      expect(cacheKeyParameters(found)).toEqual([]);
      expect((props.Integration as Record<string, unknown>).CacheNamespace).toBeUndefined();
      expect(stageMethodSetting(templateOf(stage), method, routePath).CachingEnabled).toBe(false);
    });

    it.each(ORDER_ROUTES)('$method $path: throttled as $throttle (the stage default when undefined)', ({ method, path: routePath, throttle }) => {
      const expected = throttle ? STAGE_SETTINGS[stage].throttleClasses[throttle] : STAGE_SETTINGS[stage].throttle;
      expect(stageMethodSetting(templateOf(stage), method, routePath)).toMatchObject({
        ThrottlingRateLimit: expected.rateLimit,
        ThrottlingBurstLimit: expected.burstLimit,
      });
    });

    it(`${OPENAPI_DOCUMENT_ROUTE.method} ${OPENAPI_DOCUMENT_ROUTE.path} is the only cached route (${STAGE_SETTINGS[stage].cacheTtlInSeconds} s): a public document, the same for every caller`, () => {
      const settings = apiStage(templateOf(stage)).resource.Properties!.MethodSettings as StageMethodSetting[];
      expect(settings.filter((setting) => setting.CachingEnabled)).toEqual([
        expect.objectContaining({
          HttpMethod: OPENAPI_DOCUMENT_ROUTE.method,
          ResourcePath: methodSettingsPath(OPENAPI_DOCUMENT_ROUTE.path),
          CacheTtlInSeconds: STAGE_SETTINGS[stage].cacheTtlInSeconds,
        }),
      ]);
    });

    it('every method but CORS preflight and the public OpenAPI document is guarded by the authorizer (none open, whatever the route table says)', () => {
      const open = apiMethods(templateOf(stage))
        .filter((method) => method.httpMethod !== 'OPTIONS')
        .filter((method) => !(method.httpMethod === OPENAPI_DOCUMENT_ROUTE.method && method.path === OPENAPI_DOCUMENT_ROUTE.path))
        .filter(
          (method) =>
            method.resource.Properties!.AuthorizationType !== 'CUSTOM' ||
            JSON.stringify(method.resource.Properties!.AuthorizerId) !== JSON.stringify(AUTHORIZER_ID),
        )
        .map((method) => `${method.httpMethod} ${method.path}`);
      expect(open).toEqual([]);
    });

    it('the authorize function has no route of its own', () => {
      const integrated = apiMethods(templateOf(stage)).map(integratedFunctionLogicalId);
      expect(integrated).not.toContain(functionLogicalId('authorize'));
    });

    it(`the gateway validates the bodies of exactly ${Object.keys(BODY_MODELS).join(', ')}, each against its model`, () => {
      expect(bodyModelsByFunction(templateOf(stage), FUNCTIONS)).toEqual(BODY_MODELS);
    });

    // The idempotency key is the contract of a retried placement: without one the gateway answers
    // 400 VALIDATION_FAILED (BAD_REQUEST_PARAMETERS) before the function runs.
    it('POST / (placeOrder) requires the Idempotency-Key header at the gateway; no other route requires a header', () => {
      const requiredHeaders = Object.fromEntries(
        ROUTES.map(({ method, path: routePath, functionKey }) => [
          functionKey,
          Object.entries(methodRequestParameters(apiMethod(templateOf(stage), method, routePath)))
            .filter(([name, required]) => required && name.startsWith('method.request.header.'))
            .map(([name]) => name),
        ]),
      );
      expect(requiredHeaders).toEqual({
        ...Object.fromEntries(ROUTES.map(({ functionKey }) => [functionKey, []])),
        placeOrder: ['method.request.header.Idempotency-Key'],
      });
    });
  });
});
