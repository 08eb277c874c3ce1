/**
 * The platform-wide part of every service's infrastructure test: conventions that hold for each
 * service of the monorepo whatever it does (runtime, tracing, log retention, one role per function,
 * no DynamoDB wildcards, the shared token authorizer, problem+json gateway responses, bundled
 * artifacts, per-stage data protection, the base shape of the table, exactly the routes of the route table). A
 * service's own test keeps its review tables (DynamoDB access per function, routes, secrets, table
 * attributes and indexes) and calls describePlatformConventions inside
 * its describe.each(STAGES). Uses the jest globals (describe, it, expect, beforeAll, afterAll) of
 * the test file that imports it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  allowedActions,
  allPolicyStatements,
  apiMethods,
  type CfnTemplate,
  functionArtifactPath,
  functionLogGroup,
  functionLogicalId,
  functionPolicyStatements,
  functionRole,
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
} from './cloudformation';

// ---------------------------------------------------------------------------------------------
// Packaging once per test file
// ---------------------------------------------------------------------------------------------

export interface PackagedSuite {
  /** The packaging run of a stage (template, package folder); throws if packaging failed. */
  run: (stage: Stage) => PackagedService;
  /** The update-stack template of a stage. */
  templateOf: (stage: Stage) => CfnTemplate;
}

/**
 * Packages the service for every stage in a beforeAll of the calling test file (and removes the
 * packages in its afterAll). Call at the top level of the test file.
 */
export const packageStagesForSuite = (options: { serviceDir: string; timeoutMs: number }): PackagedSuite => {
  let packaged: Record<Stage, PackagedService> | undefined;

  beforeAll(async () => {
    packaged = await packageStages({ serviceDir: options.serviceDir, stages: STAGES, timeoutMs: options.timeoutMs });
  }, options.timeoutMs);

  afterAll(async () => {
    await Promise.all(Object.values(packaged ?? {}).map((packagedStage) => packagedStage.cleanup()));
  });

  const run = (stage: Stage): PackagedService => {
    if (!packaged) throw new Error('packaging failed (see beforeAll)');
    return packaged[stage];
  };
  return { run, templateOf: (stage) => run(stage).template };
};

// ---------------------------------------------------------------------------------------------
// Platform conventions
// ---------------------------------------------------------------------------------------------

/** The logical ID the framework gives the shared token authorizer (function `authorize`). */
export const AUTHORIZER_LOGICAL_ID = 'AuthorizeApiGatewayAuthorizer';

/** Gateway-made errors: response type, HTTP status (undefined: API Gateway's default) and body type. */
export const GATEWAY_RESPONSES = [
  { type: 'DEFAULT_4XX', statusCode: undefined, problemType: 'https://emporium.example.com/problems/gateway-error' },
  { type: 'DEFAULT_5XX', statusCode: undefined, problemType: 'https://emporium.example.com/problems/internal' },
  { type: 'MISSING_AUTHENTICATION_TOKEN', statusCode: '404', problemType: 'https://emporium.example.com/problems/route-not-found' },
  { type: 'THROTTLED', statusCode: undefined, problemType: 'https://emporium.example.com/problems/throttled' },
  { type: 'UNAUTHORIZED', statusCode: '401', problemType: 'https://emporium.example.com/problems/unauthorized' },
  { type: 'ACCESS_DENIED', statusCode: '403', problemType: 'https://emporium.example.com/problems/forbidden' },
] as const;

/** Action prefixes every function role may hold. */
const PLATFORM_ACTION_PREFIXES = ['logs:', 'dynamodb:', 'xray:'];

export interface PlatformConventionsOptions extends PackagedSuite {
  /** Absolute path of the service (the folder holding serverless.yml and package.json). */
  serviceDir: string;
  /** The service name of serverless.yml: functions are `<service>-<stage>-<key>`, the table `<service>-<stage>`. */
  service: string;
  stage: Stage;
  /** Every function key of serverless.yml (the template must hold exactly these functions). */
  functions: readonly string[];
  /** The routes of the service's route table: the API must expose exactly these (besides CORS preflight). */
  routes: readonly { method: string; path: string }[];
  /**
   * Actions some function roles hold besides logs, DynamoDB and X-Ray (e.g. ['ssm:GetParameter',
   * 'kms:Decrypt']). Which function may use them, on which resources, is the service test's to check.
   */
  extraAllowedActions?: readonly string[];
}

/**
 * Registers (in the current describe block, one stage) the tests every service must pass. The
 * shared conventions: see the module comment.
 */
export const describePlatformConventions = (options: PlatformConventionsOptions): void => {
  const { serviceDir, service, stage, functions, routes, run, templateOf, extraAllowedActions = [] } = options;
  const settings = STAGE_SETTINGS[stage];

  describe('platform conventions', () => {
    describe('DynamoDB table', () => {
      it(`is the only table: pk/sk keys, on-demand, encrypted, no local indexes, named ${service}-${stage}`, () => {
        const { logicalId, resource: table } = singleResourceOfType(templateOf(stage), 'AWS::DynamoDB::Table');
        expect(logicalId).toBe('Table');
        const props = table.Properties!;
        expect(props.TableName).toBe(`${service}-${stage}`);
        expect(props.BillingMode).toBe('PAY_PER_REQUEST');
        expect(props.KeySchema).toEqual([
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
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
        expect(ids.sort()).toEqual(functions.map(functionLogicalId).sort());
      });

      it.each(functions)('%s: nodejs24.x on arm64, active tracing, stage environment', (functionKey) => {
        const props = lambdaFunction(templateOf(stage), functionKey).Properties!;
        expect(props.FunctionName).toBe(`${service}-${stage}-${functionKey}`);
        expect(props.Runtime).toBe('nodejs24.x');
        expect(props.Architectures).toEqual(['arm64']);
        expect(props.TracingConfig).toEqual({ Mode: 'Active' });
        expect(props.Environment).toEqual({
          Variables: expect.objectContaining({
            TABLE_NAME: `${service}-${stage}`,
            STAGE: stage,
            NODE_OPTIONS: '--enable-source-maps',
            AUTH_AUDIENCE: 'emporium-api',
          }) as unknown,
        });
      });

      it.each(functions)(`%s: log group kept ${settings.logRetentionInDays} days`, (functionKey) => {
        const { resource: logGroup } = functionLogGroup(templateOf(stage), functionKey);
        expect(logGroup.Properties!.LogGroupName).toBe(`/aws/lambda/${service}-${stage}-${functionKey}`);
        expect(logGroup.Properties!.RetentionInDays).toBe(settings.logRetentionInDays);
      });

      it(`no log group is kept forever: every log group keeps ${settings.logRetentionInDays} days`, () => {
        const logGroups = resourcesOfType(templateOf(stage), 'AWS::Logs::LogGroup');
        expect(logGroups.length).toBeGreaterThanOrEqual(functions.length);
        for (const { logicalId, resource: logGroup } of logGroups) {
          expect({ logicalId, retention: logGroup.Properties!.RetentionInDays }).toEqual({ logicalId, retention: settings.logRetentionInDays });
        }
      });
    });

    describe('IAM (one role per function)', () => {
      it('every function runs with its own role, none with the shared framework role', () => {
        const roles = functions.map((functionKey) => functionRole(templateOf(stage), functionKey).logicalId);
        expect(new Set(roles).size).toBe(functions.length);
        expect(roles).not.toContain('IamRoleLambdaExecution');
      });

      const allowed = extraAllowedActions.length === 0 ? 'logs, DynamoDB and X-Ray' : `logs, DynamoDB, X-Ray and ${extraAllowedActions.join(', ')}`;
      it.each(functions)(`%s: role grants nothing beyond ${allowed}`, (functionKey) => {
        const actions = functionPolicyStatements(templateOf(stage), functionKey).flatMap((statement) => statement.Action);
        const unexpected = actions.filter(
          (action) => !PLATFORM_ACTION_PREFIXES.some((prefix) => action.startsWith(prefix)) && !extraAllowedActions.includes(action),
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

      // serverless-iam-roles-per-function builds each role from scratch; the X-Ray statement reaches
      // the function roles only through provider.iam.role.statements + defaultInherit (base config).
      it('every function role can send X-Ray traces (tracing is Active)', () => {
        const missing = functions.filter((functionKey) => {
          const xray = allowedActions(functionPolicyStatements(templateOf(stage), functionKey), 'xray');
          return !['xray:PutTelemetryRecords', 'xray:PutTraceSegments'].every((action) => xray.includes(action));
        });
        expect(missing).toEqual([]);
      });
    });

    describe('API Gateway', () => {
      it('exposes exactly the routes of the route table (besides CORS preflight OPTIONS)', () => {
        const exposed = apiMethods(templateOf(stage))
          .filter((method) => method.httpMethod !== 'OPTIONS')
          .map((method) => `${method.httpMethod} ${method.path}`);
        expect(exposed.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
      });

      it('declares one TOKEN authorizer on the Authorization header, backed by the authorize function', () => {
        const { logicalId, resource: authorizer } = singleResourceOfType(templateOf(stage), 'AWS::ApiGateway::Authorizer');
        expect(logicalId).toBe(AUTHORIZER_LOGICAL_ID);
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
        expect(JSON.parse(body)).toEqual(
          expect.objectContaining({
            type: problemType,
            title: expect.any(String) as unknown,
            status: expect.any(Number) as unknown,
            code: expect.any(String) as unknown,
          }),
        );
      });
    });

    describe('function artifacts', () => {
      const runtimeDependencies = Object.keys(
        (JSON.parse(readFileSync(path.join(serviceDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {},
      );

      it.each(functions)('%s: zip holds one bundled handler and its source map, no node_modules', async (functionKey) => {
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
};
