/**
 * Infrastructure test: packages catalog (`serverless package`, offline, no AWS account) for the
 * stages dev, test and prod and asserts on the CloudFormation it would deploy and on the function
 * zips. The expectations below (IAM surface, routes, caching, per-stage settings) are the review
 * document of the service's infrastructure: change them together with serverless.yml.
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
const SERVICE = 'catalog';

// Packaging takes ~10 s per stage (bundling 8 handlers), one stage after the other: esbuild
// already uses both cores of a 2-core runner, and packaging the stages in parallel measured no faster.
const PACKAGE_TIMEOUT_MS = 240_000;
jest.setTimeout(60_000);

const TABLE_ARN = getAtt('Table', 'Arn');
const indexArn = (indexName: string) => ({ 'Fn::Join': ['/', [TABLE_ARN, 'index', indexName]] });

/**
 * The whole DynamoDB surface of the service: every function, the exact DynamoDB actions its own
 * role allows and the exact resources. A function missing here, an extra action or a wider
 * resource fails the test.
 */
const DYNAMODB_ACCESS: Record<string, { actions: string[]; resources: unknown[] }> = {
  authorize: { actions: [], resources: [] },
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

/** Action prefixes a function role may hold at all (anything else is a review finding). */
const ALLOWED_ACTION_PREFIXES = ['logs:', 'dynamodb:', 'xray:'];

/** Routes: method, path, the function behind it and the API Gateway cache key parameters. */
const ROUTES: { method: string; path: string; functionKey: string; cacheKeys: string[]; authorized?: true }[] = [
  {
    method: 'GET',
    path: '/products',
    functionKey: 'listProducts',
    cacheKeys: ['method.request.querystring.category', 'method.request.querystring.limit', 'method.request.querystring.cursor'],
  },
  { method: 'GET', path: '/products/{id}', functionKey: 'getProduct', cacheKeys: ['method.request.path.id'] },
  { method: 'POST', path: '/products', functionKey: 'createProduct', cacheKeys: [], authorized: true },
  { method: 'PATCH', path: '/products/{id}', functionKey: 'updateProduct', cacheKeys: [], authorized: true },
  { method: 'DELETE', path: '/products/{id}', functionKey: 'archiveProduct', cacheKeys: [], authorized: true },
  { method: 'POST', path: '/reservations', functionKey: 'reserveStock', cacheKeys: [], authorized: true },
  { method: 'GET', path: '/reservations/{id}', functionKey: 'getReservation', cacheKeys: [], authorized: true },
  { method: 'POST', path: '/reservations/{id}/release', functionKey: 'releaseReservation', cacheKeys: [], authorized: true },
];

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

describe.each(STAGES)('catalog packaged for %s', (stage) => {
  const settings = STAGE_SETTINGS[stage];

  describe('DynamoDB table', () => {
    it('is the only table: pk/sk keys, gsi1 and gsi2, on-demand, encrypted, named catalog-<stage>', () => {
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
      expect(props.LocalSecondaryIndexes).toBeUndefined();
      expect(props.SSESpecification).toEqual({ SSEEnabled: true });
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

    it.each(FUNCTIONS)('%s: role grants nothing beyond logs, DynamoDB and X-Ray', (functionKey) => {
      const actions = functionPolicyStatements(templateOf(stage), functionKey).flatMap((statement) => statement.Action);
      const unexpected = actions.filter((action) => !ALLOWED_ACTION_PREFIXES.some((prefix) => action.startsWith(prefix)));
      expect(unexpected).toEqual([]);
    });

    it('no statement anywhere grants dynamodb:* (or *) or DynamoDB on Resource "*"', () => {
      const dynamodb = statementsForService(allPolicyStatements(templateOf(stage)), 'dynamodb');
      const wildcardActions = dynamodb.filter((statement) => statement.Action.some((action) => action === '*' || action.toLowerCase() === 'dynamodb:*'));
      const wildcardResources = dynamodb.filter((statement) => statement.Resource.some((res) => res === '*' || (typeof res === 'string' && /:table\/\*$/.test(res))));
      expect(wildcardActions).toEqual([]);
      expect(wildcardResources).toEqual([]);
    });

    // serverless-iam-roles-per-function builds each role from scratch; the X-Ray statement reaches
    // the function roles only through provider.iam.role.statements + defaultInherit (base config).
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

    it.each(ROUTES)('$method $path: the shared token authorizer guards it only when protected', ({ method, path: routePath, authorized }) => {
      const props = apiMethod(templateOf(stage), method, routePath).resource.Properties!;
      if (authorized) {
        expect(props.AuthorizationType).toBe('CUSTOM');
        expect(props.AuthorizerId).toEqual({ Ref: 'AuthorizeApiGatewayAuthorizer' });
      } else {
        expect(props.AuthorizationType).toBe('NONE');
        expect(props.AuthorizerId).toBeUndefined();
      }
    });

    it('declares one TOKEN authorizer on the Authorization header, backed by the authorize function', () => {
      const { resource: authorizer } = singleResourceOfType(templateOf(stage), 'AWS::ApiGateway::Authorizer');
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
