/**
 * Infrastructure test: packages users (`serverless package`, offline, no AWS account) for the
 * stages dev, test and prod and asserts on the CloudFormation it would deploy and on the function
 * zips. The expectations below (IAM surface, routes, authorizer, per-stage settings) are the review
 * document of the service's infrastructure: change them together with serverless.yml.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  allowedActions,
  allPolicyStatements,
  apiMethod,
  apiMethods,
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
const SERVICE = 'users';

// Packaging takes ~5-10 s per stage (bundling 7 handlers), one stage after the other (see catalog).
const PACKAGE_TIMEOUT_MS = 240_000;
jest.setTimeout(60_000);

const TABLE_ARN = getAtt('Table', 'Arn');

/**
 * The whole DynamoDB surface of the service: every function, the exact DynamoDB actions its own
 * role allows on the table. A function missing here, an extra action or a wider resource fails.
 */
const DYNAMODB_ACCESS: Record<string, string[]> = {
  authorize: [],
  registerUser: ['dynamodb:PutItem'],
  signIn: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
  getMe: ['dynamodb:GetItem'],
  updateMe: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
  getUser: ['dynamodb:GetItem'],
  getJwks: [],
  issueServiceToken: [],
};
const FUNCTIONS = Object.keys(DYNAMODB_ACCESS);

/** The SSM SecureStrings each function may read (and decrypt); every other function reads none. */
const SECRETS_READ: Record<string, string[]> = {
  signIn: ['jwt-signing-key'],
  getJwks: ['jwt-signing-key'],
  issueServiceToken: ['jwt-signing-key', 'service-clients/orders'],
};
const SIGNING_KEY_READERS = Object.keys(SECRETS_READ);
const parameterArn = (stage: Stage, name: string) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/emporium/${stage}/${name}`,
});

const ALLOWED_ACTION_PREFIXES = ['logs:', 'dynamodb:', 'xray:'];

/** Routes: method, path, the function behind it, whether the authorizer guards it. */
const ROUTES: { method: string; path: string; functionKey: string; authorized: boolean }[] = [
  { method: 'POST', path: '/users', functionKey: 'registerUser', authorized: false },
  { method: 'POST', path: '/sessions', functionKey: 'signIn', authorized: false },
  { method: 'GET', path: '/me', functionKey: 'getMe', authorized: true },
  { method: 'PATCH', path: '/me', functionKey: 'updateMe', authorized: true },
  { method: 'GET', path: '/users/{id}', functionKey: 'getUser', authorized: true },
  { method: 'GET', path: '/.well-known/jwks.json', functionKey: 'getJwks', authorized: false },
  { method: 'POST', path: '/service-tokens', functionKey: 'issueServiceToken', authorized: false },
];

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

describe.each(STAGES)('users packaged for %s', (stage) => {
  const settings = STAGE_SETTINGS[stage];

  describe('DynamoDB table', () => {
    it('is the only table: pk/sk keys, no indexes, on-demand, encrypted, TTL on expiresAt, named users-<stage>', () => {
      const { logicalId, resource: table } = singleResourceOfType(templateOf(stage), 'AWS::DynamoDB::Table');
      expect(logicalId).toBe('Table');
      const props = table.Properties!;
      expect(props.TableName).toBe(`${SERVICE}-${stage}`);
      expect(props.BillingMode).toBe('PAY_PER_REQUEST');
      expect(props.KeySchema).toEqual([
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ]);
      expect(props.AttributeDefinitions).toEqual([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ]);
      expect(props.GlobalSecondaryIndexes).toBeUndefined();
      expect(props.LocalSecondaryIndexes).toBeUndefined();
      expect(props.SSESpecification).toEqual({ SSEEnabled: true });
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

    it.each(FUNCTIONS)('%s: nodejs24.x on arm64, active tracing, stage environment, no signing key in it', (functionKey) => {
      const props = lambdaFunction(templateOf(stage), functionKey).Properties!;
      expect(props.FunctionName).toBe(`${SERVICE}-${stage}-${functionKey}`);
      expect(props.Runtime).toBe('nodejs24.x');
      expect(props.Architectures).toEqual(['arm64']);
      expect(props.TracingConfig).toEqual({ Mode: 'Active' });
      const variables = (props.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables).toEqual(expect.objectContaining({ TABLE_NAME: `${SERVICE}-${stage}`, STAGE: stage, AUTH_AUDIENCE: 'emporium-api' }));
      expect(variables.JWT_SIGNING_KEY).toBeUndefined();
      expect(variables.JWT_SIGNING_KEY_PARAMETER).toBe(
        SIGNING_KEY_READERS.includes(functionKey) ? `/emporium/${stage}/jwt-signing-key` : undefined,
      );
    });

    // Events (passwords, tokens) are never logged: httpHandler sets logEvent: false in code.
    it('signIn issues tokens for 15 minutes', () => {
      const variablesOf = (functionKey: string) =>
        (lambdaFunction(templateOf(stage), functionKey).Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variablesOf('signIn').ACCESS_TOKEN_TTL_SECONDS).toBe('900');
    });

    it.each(FUNCTIONS)(`%s: log group kept ${settings.logRetentionInDays} days`, (functionKey) => {
      const { resource: logGroup } = functionLogGroup(templateOf(stage), functionKey);
      expect(logGroup.Properties!.LogGroupName).toBe(`/aws/lambda/${SERVICE}-${stage}-${functionKey}`);
      expect(logGroup.Properties!.RetentionInDays).toBe(settings.logRetentionInDays);
    });
  });

  describe('IAM (one role per function)', () => {
    it('every function runs with its own role, none with the shared framework role', () => {
      const roles = FUNCTIONS.map((functionKey) => functionRole(templateOf(stage), functionKey).logicalId);
      expect(new Set(roles).size).toBe(FUNCTIONS.length);
      expect(roles).not.toContain('IamRoleLambdaExecution');
    });

    it.each(FUNCTIONS)('%s: DynamoDB statements allow exactly the expected actions on the table only', (functionKey) => {
      const expected = DYNAMODB_ACCESS[functionKey]!;
      const statements = statementsForService(functionPolicyStatements(templateOf(stage), functionKey), 'dynamodb');
      expect(allowedActions(statements, 'dynamodb')).toEqual(expected);
      for (const statement of statements) {
        expect(statement.Effect).toBe('Allow');
        expect(statement.Resource).toEqual([TABLE_ARN]);
      }
    });

    it.each(FUNCTIONS)('%s: reads the signing key only if it signs or publishes keys, and only that parameter', (functionKey) => {
      const statements = functionPolicyStatements(templateOf(stage), functionKey);
      const ssm = statementsForService(statements, 'ssm');
      const kms = statementsForService(statements, 'kms');
      if (!SIGNING_KEY_READERS.includes(functionKey)) {
        expect([...ssm, ...kms]).toEqual([]);
        return;
      }
      const names = SECRETS_READ[functionKey]!;
      expect(ssm.map(({ Action, Resource }) => ({ Action, Resource }))).toEqual(
        names.map((name) => ({ Action: ['ssm:GetParameter'], Resource: [parameterArn(stage, name)] })),
      );
      expect(kms.map(({ Action, Condition }) => ({ Action, Condition }))).toEqual(
        names.map((name) => ({
          Action: ['kms:Decrypt'],
          Condition: {
            StringEquals: {
              'kms:ViaService': { 'Fn::Sub': 'ssm.${AWS::Region}.amazonaws.com' },
              'kms:EncryptionContext:PARAMETER_ARN': parameterArn(stage, name),
            },
          },
        })),
      );
    });

    it.each(FUNCTIONS)('%s: role grants nothing beyond logs, DynamoDB, X-Ray and the signing key', (functionKey) => {
      const actions = functionPolicyStatements(templateOf(stage), functionKey).flatMap((statement) => statement.Action);
      const unexpected = actions.filter(
        (action) => !ALLOWED_ACTION_PREFIXES.some((prefix) => action.startsWith(prefix)) && !['ssm:GetParameter', 'kms:Decrypt'].includes(action),
      );
      expect(unexpected).toEqual([]);
    });

    it('no statement anywhere grants dynamodb:* (or *) or DynamoDB on Resource "*"', () => {
      const dynamodb = statementsForService(allPolicyStatements(templateOf(stage)), 'dynamodb');
      expect(dynamodb.filter((statement) => statement.Action.some((action) => action === '*' || action.toLowerCase() === 'dynamodb:*'))).toEqual([]);
      expect(dynamodb.filter((statement) => statement.Resource.some((res) => res === '*'))).toEqual([]);
    });
  });

  describe('API Gateway', () => {
    it('exposes exactly the routes of the route table (besides CORS preflight OPTIONS)', () => {
      const routes = apiMethods(templateOf(stage))
        .filter((method) => method.httpMethod !== 'OPTIONS')
        .map((method) => `${method.httpMethod} ${method.path}`);
      expect(routes.sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
    });

    it.each(ROUTES)('$method $path -> $functionKey, authorizer: $authorized', ({ method, path: routePath, functionKey, authorized }) => {
      const found = apiMethod(templateOf(stage), method, routePath);
      expect(integratedFunctionLogicalId(found)).toBe(functionLogicalId(functionKey));
      const props = found.resource.Properties!;
      if (authorized) {
        expect(props.AuthorizationType).toBe('CUSTOM');
        const authorizer = resource(templateOf(stage), (props.AuthorizerId as { Ref: string }).Ref);
        expect(authorizer.Properties).toEqual(
          expect.objectContaining({ Type: 'TOKEN', IdentitySource: 'method.request.header.Authorization', AuthorizerResultTtlInSeconds: stage === 'dev' ? 60 : 300 }),
        );
        expect(JSON.stringify(authorizer.Properties!.AuthorizerUri)).toContain(functionLogicalId('authorize'));
      } else {
        expect(props.AuthorizationType).toBe('NONE');
        expect(props.AuthorizerId).toBeUndefined();
      }
    });

    it('has one authorizer, the shared token authorizer', () => {
      expect(resourcesOfType(templateOf(stage), 'AWS::ApiGateway::Authorizer')).toHaveLength(1);
    });

    it.each(['UNAUTHORIZED', 'ACCESS_DENIED', 'MISSING_AUTHENTICATION_TOKEN', 'THROTTLED', 'DEFAULT_4XX', 'DEFAULT_5XX'])(
      'gateway response %s renders application/problem+json',
      (type) => {
        const responses = resourcesOfType(templateOf(stage), 'AWS::ApiGateway::GatewayResponse').filter(
          ({ resource: response }) => response.Properties!.ResponseType === type,
        );
        expect(responses).toHaveLength(1);
        expect(responses[0]!.resource.Properties!.ResponseParameters).toEqual(
          expect.objectContaining({ 'gatewayresponse.header.Content-Type': "'application/problem+json'" }),
        );
      },
    );
  });

  describe('function artifacts', () => {
    const runtimeDependencies = Object.keys(
      (JSON.parse(readFileSync(path.join(SERVICE_DIR, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {},
    );

    it.each(FUNCTIONS)('%s: zip holds one bundled handler and its source map, no node_modules', async (functionKey) => {
      const handler = String(lambdaFunction(templateOf(stage), functionKey).Properties!.Handler);
      const bundle = `${handler.slice(0, handler.lastIndexOf('.'))}.js`;
      const zipPath = functionArtifactPath(run(stage), functionKey);
      const names = (await zipEntries(zipPath)).map((entry) => entry.name);
      expect(names.sort()).toEqual([bundle, `${bundle}.map`]);

      const code = (await readZipEntry(zipPath, bundle)).toString('utf8');
      expect(code).toContain(`//# sourceMappingURL=${path.posix.basename(bundle)}.map`);
      const required = [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]!);
      const unbundled = required.filter((name) => runtimeDependencies.some((dep) => name === dep || name.startsWith(`${dep}/`)));
      expect(unbundled).toEqual([]);
    });
  });
});
