/**
 * Infrastructure test: packages orders (`serverless package`, offline, no AWS account) for the
 * stages dev, test and prod and asserts on the CloudFormation it would deploy and on the function
 * zips. The expectations below (IAM surface, secrets, routes, authorizer, per-stage settings) are the
 * review document of the service's infrastructure: change them together with serverless.yml.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  allowedActions,
  allPolicyStatements,
  apiMethod,
  apiMethods,
  cacheKeyParameters,
  type CfnTemplate,
  functionArtifactPath,
  functionLogGroup,
  functionLogicalId,
  functionPolicyStatements,
  functionRole,
  getAtt,
  integratedFunctionLogicalId,
  lambdaFunction,
  type PackagedService,
  packageStages,
  readZipEntry,
  resource,
  resourcesOfType,
  singleResourceOfType,
  type Stage,
  STAGE_SETTINGS,
  STAGES,
  statementsForService,
  zipEntries,
} from '@emporium/testing/cloudformation';

const SERVICE_DIR = path.resolve(__dirname, '..');
const SERVICE = 'orders';

// Packaging takes ~5-10 s per stage (bundling 6 handlers), one stage after the other (see catalog).
const PACKAGE_TIMEOUT_MS = 240_000;
jest.setTimeout(60_000);

const TABLE_ARN = getAtt('Table', 'Arn');
const GSI1_ARN = { 'Fn::Join': ['/', [TABLE_ARN, 'index', 'gsi1']] };

/**
 * The whole DynamoDB surface of the service: every function, the exact DynamoDB actions its own
 * role allows and the exact resources. A function missing here, an extra action or a wider
 * resource fails the test.
 */
const DYNAMODB_ACCESS: Record<string, { actions: string[]; resources: unknown[] }> = {
  authorize: { actions: [], resources: [] },
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
const parameterArn = (stage: Stage) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${CLIENT_SECRET(stage)}`,
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

/** What a function role may hold at all (anything else is a review finding). */
const ALLOWED_ACTION_PREFIXES = ['logs:', 'dynamodb:', 'xray:'];
const ALLOWED_ACTIONS = ['ssm:GetParameter', 'kms:Decrypt'];

/** Routes: method, path, the function behind it. Every one is guarded by the shared authorizer. */
const ROUTES: { method: string; path: string; functionKey: string }[] = [
  { method: 'POST', path: '/orders', functionKey: 'placeOrder' },
  { method: 'GET', path: '/orders', functionKey: 'listOrders' },
  { method: 'GET', path: '/orders/{id}', functionKey: 'getOrder' },
  { method: 'POST', path: '/orders/{id}/cancel', functionKey: 'cancelOrder' },
  { method: 'POST', path: '/orders/{id}/status', functionKey: 'updateOrderStatus' },
];
const AUTHORIZER_ID = { Ref: 'AuthorizeApiGatewayAuthorizer' };

/** Gateway-made errors: response type, HTTP status (undefined: API Gateway's default) and body. */
const GATEWAY_RESPONSES = [
  { type: 'DEFAULT_4XX', statusCode: undefined, problemType: 'https://emporium.example.com/problems/gateway-error' },
  { type: 'DEFAULT_5XX', statusCode: undefined, problemType: 'https://emporium.example.com/problems/internal' },
  { type: 'MISSING_AUTHENTICATION_TOKEN', statusCode: '404', problemType: 'https://emporium.example.com/problems/route-not-found' },
  { type: 'THROTTLED', statusCode: undefined, problemType: 'https://emporium.example.com/problems/throttled' },
  { type: 'UNAUTHORIZED', statusCode: '401', problemType: 'https://emporium.example.com/problems/unauthorized' },
  { type: 'ACCESS_DENIED', statusCode: '403', problemType: 'https://emporium.example.com/problems/forbidden' },
];

const sortByJson = (values: unknown[]): unknown[] => [...values].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

let packaged: Record<Stage, PackagedService> | undefined;

beforeAll(async () => {
  packaged = await packageStages({ serviceDir: SERVICE_DIR, stages: STAGES, timeoutMs: PACKAGE_TIMEOUT_MS });
}, PACKAGE_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all(Object.values(packaged ?? {}).map((run) => run.cleanup()));
});

const run = (stage: Stage): PackagedService => {
  if (!packaged) throw new Error('packaging failed (see beforeAll)');
  return packaged[stage];
};
const templateOf = (stage: Stage): CfnTemplate => run(stage).template;
const variablesOf = (stage: Stage, functionKey: string) =>
  (lambdaFunction(templateOf(stage), functionKey).Properties!.Environment as { Variables: Record<string, unknown> }).Variables;

describe.each(STAGES)('orders packaged for %s', (stage) => {
  const settings = STAGE_SETTINGS[stage];

  describe('DynamoDB table', () => {
    it('is the only table: pk/sk keys, gsi1, on-demand, encrypted, TTL on expiresAt, named orders-<stage>', () => {
      const { logicalId, resource: table } = singleResourceOfType(templateOf(stage), 'AWS::DynamoDB::Table');
      expect(logicalId).toBe('Table');
      const props = table.Properties!;
      expect(props.TableName).toBe(`${SERVICE}-${stage}`);
      expect(props.BillingMode).toBe('PAY_PER_REQUEST');
      expect(props.KeySchema).toEqual([
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ]);
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
      expect(props.LocalSecondaryIndexes).toBeUndefined();
      expect(props.SSESpecification).toEqual({ SSEEnabled: true });
      // Idempotency records expire after 24 h.
      expect(props.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    });

    it(`has the ${stage} data protection: PITR ${settings.pointInTimeRecovery}, deletion protection ${settings.deletionProtection}, DeletionPolicy ${settings.deletionPolicy}`, () => {
      const table = resource(templateOf(stage), 'Table');
      expect(table.Properties!.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: settings.pointInTimeRecovery });
      expect(table.Properties!.DeletionProtectionEnabled).toBe(settings.deletionProtection);
      expect(table.DeletionPolicy).toBe(settings.deletionPolicy);
      expect(table.UpdateReplacePolicy).toBe('Retain');
    });
  });

  describe('Lambda functions', () => {
    it('are exactly the functions of the IAM table (plus framework custom resources)', () => {
      const ids = resourcesOfType(templateOf(stage), 'AWS::Lambda::Function')
        .map(({ logicalId }) => logicalId)
        .filter((logicalId) => !logicalId.startsWith('CustomDashresource'));
      expect(ids.sort()).toEqual(FUNCTIONS.map(functionLogicalId).sort());
    });

    it.each(FUNCTIONS)('%s: nodejs24.x on arm64, active tracing, stage environment', (functionKey) => {
      const props = lambdaFunction(templateOf(stage), functionKey).Properties!;
      expect(props.FunctionName).toBe(`${SERVICE}-${stage}-${functionKey}`);
      expect(props.Runtime).toBe('nodejs24.x');
      expect(props.Architectures).toEqual(['arm64']);
      expect(props.TracingConfig).toEqual({ Mode: 'Active' });
      expect(props.Environment).toEqual({
        Variables: expect.objectContaining({ TABLE_NAME: `${SERVICE}-${stage}`, STAGE: stage, NODE_OPTIONS: '--enable-source-maps' }),
      });
    });

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
          CATALOG_BASE_URL: `${apiBaseUrl(stage)}/v1/catalog`,
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

    it.each(FUNCTIONS)(`%s: log group kept ${settings.logRetentionInDays} days`, (functionKey) => {
      const { resource: logGroup } = functionLogGroup(templateOf(stage), functionKey);
      expect(logGroup.Properties!.LogGroupName).toBe(`/aws/lambda/${SERVICE}-${stage}-${functionKey}`);
      expect(logGroup.Properties!.RetentionInDays).toBe(settings.logRetentionInDays);
    });

    it(`no log group is kept forever: every log group keeps ${settings.logRetentionInDays} days`, () => {
      const logGroups = resourcesOfType(templateOf(stage), 'AWS::Logs::LogGroup');
      expect(logGroups.length).toBeGreaterThanOrEqual(FUNCTIONS.length);
      for (const { logicalId, resource: logGroup } of logGroups) {
        expect({ logicalId, retention: logGroup.Properties!.RetentionInDays }).toEqual({ logicalId, retention: settings.logRetentionInDays });
      }
    });
  });

  describe('IAM (one role per function)', () => {
    it('every function runs with its own role, none with the shared framework role', () => {
      const roles = FUNCTIONS.map((functionKey) => functionRole(templateOf(stage), functionKey).logicalId);
      expect(new Set(roles).size).toBe(FUNCTIONS.length);
      expect(roles).not.toContain('IamRoleLambdaExecution');
    });

    it.each(FUNCTIONS)('%s: DynamoDB statements allow exactly the expected actions on exactly the expected resources', (functionKey) => {
      const expected = DYNAMODB_ACCESS[functionKey]!;
      const statements = statementsForService(functionPolicyStatements(templateOf(stage), functionKey), 'dynamodb');
      expect(allowedActions(statements, 'dynamodb')).toEqual([...expected.actions].sort());
      for (const statement of statements) {
        expect(statement.Effect).toBe('Allow');
        expect([...statement.Action].sort()).toEqual([...expected.actions].sort());
        expect(sortByJson(statement.Resource)).toEqual(sortByJson(expected.resources));
      }
    });

    it.each(FUNCTIONS)('%s: reads the orders client secret only if it calls catalog, and only that parameter, decrypted only through SSM', (functionKey) => {
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
    });

    it('no other role of the template (framework roles included) can read SSM parameters or use KMS', () => {
      const readerRoles = CATALOG_CALLERS.map((functionKey) => functionRole(templateOf(stage), functionKey).logicalId);
      const all = allPolicyStatements(templateOf(stage));
      const holders = [...statementsForService(all, 'ssm'), ...statementsForService(all, 'kms')].map((statement) => statement.source);
      expect([...new Set(holders)].sort()).toEqual([...readerRoles].sort());
    });

    it.each(FUNCTIONS)('%s: role grants nothing beyond logs, DynamoDB, X-Ray and reading the client secret', (functionKey) => {
      const actions = functionPolicyStatements(templateOf(stage), functionKey).flatMap((statement) => statement.Action);
      const unexpected = actions.filter(
        (action) => !ALLOWED_ACTION_PREFIXES.some((prefix) => action.startsWith(prefix)) && !ALLOWED_ACTIONS.includes(action),
      );
      expect(unexpected).toEqual([]);
    });

    it('no statement anywhere grants dynamodb:* (or *) or DynamoDB on Resource "*"', () => {
      const dynamodb = statementsForService(allPolicyStatements(templateOf(stage)), 'dynamodb');
      const wildcardActions = dynamodb.filter((statement) => statement.Action.some((action) => action === '*' || action.toLowerCase() === 'dynamodb:*'));
      const wildcardResources = dynamodb.filter((statement) => statement.Resource.some((res) => res === '*' || (typeof res === 'string' && /:table\/\*$/.test(res))));
      expect(wildcardActions).toEqual([]);
      expect(wildcardResources).toEqual([]);
    });

    it('every function role can send X-Ray traces (tracing is Active)', () => {
      const missing = FUNCTIONS.filter((functionKey) => {
        const xray = allowedActions(functionPolicyStatements(templateOf(stage), functionKey), 'xray');
        return !['xray:PutTelemetryRecords', 'xray:PutTraceSegments'].every((action) => xray.includes(action));
      });
      expect(missing).toEqual([]);
    });
  });

  describe('API Gateway', () => {
    it('exposes exactly the routes of the route table (besides CORS preflight OPTIONS)', () => {
      const routes = apiMethods(templateOf(stage))
        .filter((method) => method.httpMethod !== 'OPTIONS')
        .map((method) => `${method.httpMethod} ${method.path}`);
      expect(routes.sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
    });

    it.each(ROUTES)('$method $path -> $functionKey, guarded by the shared token authorizer, not cached', ({ method, path: routePath, functionKey }) => {
      const found = apiMethod(templateOf(stage), method, routePath);
      expect(integratedFunctionLogicalId(found)).toBe(functionLogicalId(functionKey));
      const props = found.resource.Properties!;
      expect(props.AuthorizationType).toBe('CUSTOM');
      expect(props.AuthorizerId).toEqual(AUTHORIZER_ID);
      // Answers depend on the caller: a gateway cache would serve one caller's orders to another.
      expect(cacheKeyParameters(found)).toEqual([]);
      expect((props.Integration as Record<string, unknown>).CacheNamespace).toBeUndefined();
    });

    it('every method but CORS preflight is guarded by the authorizer (none open, whatever the route table says)', () => {
      const open = apiMethods(templateOf(stage))
        .filter((method) => method.httpMethod !== 'OPTIONS')
        .filter((method) => method.resource.Properties!.AuthorizationType !== 'CUSTOM' || JSON.stringify(method.resource.Properties!.AuthorizerId) !== JSON.stringify(AUTHORIZER_ID))
        .map((method) => `${method.httpMethod} ${method.path}`);
      expect(open).toEqual([]);
    });

    it('the authorize function has no route of its own', () => {
      const integrated = apiMethods(templateOf(stage)).map(integratedFunctionLogicalId);
      expect(integrated).not.toContain(functionLogicalId('authorize'));
    });

    it('declares one TOKEN authorizer on the Authorization header, backed by the authorize function', () => {
      const { logicalId, resource: authorizer } = singleResourceOfType(templateOf(stage), 'AWS::ApiGateway::Authorizer');
      expect(logicalId).toBe(AUTHORIZER_ID.Ref);
      expect(authorizer.Properties).toMatchObject({
        Type: 'TOKEN',
        IdentitySource: 'method.request.header.Authorization',
        AuthorizerResultTtlInSeconds: stage === 'dev' ? 60 : 300,
      });
      expect(JSON.stringify(authorizer.Properties!.AuthorizerUri)).toContain(functionLogicalId('authorize'));
    });

    it.each(GATEWAY_RESPONSES)('gateway response $type renders application/problem+json', ({ type, statusCode, problemType }) => {
      const responses = resourcesOfType(templateOf(stage), 'AWS::ApiGateway::GatewayResponse').filter(
        ({ resource: response }) => response.Properties!.ResponseType === type,
      );
      expect(responses).toHaveLength(1);
      const props = responses[0]!.resource.Properties!;
      expect(props.RestApiId).toEqual({ Ref: 'ApiGatewayRestApi' });
      expect(props.StatusCode).toBe(statusCode);
      expect(props.ResponseParameters).toEqual(expect.objectContaining({ 'gatewayresponse.header.Content-Type': "'application/problem+json'" }));
      const templates = props.ResponseTemplates as Record<string, string>;
      expect(Object.keys(templates)).toEqual(['application/json']);
      // The body is JSON once API Gateway substitutes $context variables
      // ($context.error.messageString arrives quoted).
      const body = templates['application/json']!
        .replace(/\$context\.error\.messageString/g, '"message"')
        .replace(/\$context\.status/g, '400')
        .replace(/\$context\.[A-Za-z.]+/g, 'value');
      expect(JSON.parse(body)).toEqual(expect.objectContaining({ type: problemType, title: expect.any(String), status: expect.any(Number), code: expect.any(String) }));
    });
  });

  describe('function artifacts', () => {
    const runtimeDependencies = Object.keys(
      (JSON.parse(readFileSync(path.join(SERVICE_DIR, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {},
    );

    it.each(FUNCTIONS)('%s: zip holds one bundled handler and its source map, no node_modules', async (functionKey) => {
      const handler = String(lambdaFunction(templateOf(stage), functionKey).Properties!.Handler); // src/handlers/x.handler
      const bundle = `${handler.slice(0, handler.lastIndexOf('.'))}.js`;
      const zipPath = functionArtifactPath(run(stage), functionKey);
      const names = (await zipEntries(zipPath)).map((entry) => entry.name);
      expect(names.sort()).toEqual([bundle, `${bundle}.map`]);
      expect(names.filter((name) => name.includes('node_modules'))).toEqual([]);

      const code = (await readZipEntry(zipPath, bundle)).toString('utf8');
      expect(code).toContain(`//# sourceMappingURL=${path.posix.basename(bundle)}.map`);
      // Runtime dependencies are inlined: the bundle never requires them at run time.
      const required = [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]!);
      const unbundled = required.filter((name) => runtimeDependencies.some((dep) => name === dep || name.startsWith(`${dep}/`)));
      expect(unbundled).toEqual([]);
    });
  });
});
