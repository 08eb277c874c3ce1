/**
 * The platform-wide part of every service's infrastructure test: conventions that hold for each
 * service of the monorepo whatever it does (runtime, tracing, log retention, one role per function,
 * no DynamoDB wildcards, the shared token authorizer, exactly the problem+json gateway responses of
 * serverless.gateway-responses.json, request validation as openapi/gateway.json says, the public
 * cached OpenAPI document, bundled artifacts, per-stage data protection, the base shape of the
 * table, exactly the routes of the route table). A service's own test keeps its review tables
 * (DynamoDB access per function, routes, secrets, table attributes and indexes) and calls
 * describePlatformConventions inside its describe.each(STAGES). Uses the jest globals (describe,
 * it, expect, beforeAll, afterAll) of the test file that imports it.
 *
 * Generated files are read where the platform keeps them (this package depends on no service and
 * not on @emporium/common): the gateway responses from the workspace root, each service's
 * openapi/gateway.json and openapi/v1.json from the service folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  apiMethod,
  apiMethods,
  apiStage,
  cacheKeyParameters,
  functionApiMethods,
  methodRequestModel,
  methodRequestParameters,
  methodRequestValidator,
  requestParametersOf,
  stageDefaultMethodSetting,
  stageMethodSetting,
} from './cloudformation/api-gateway';
import {
  allowedActions,
  allPolicyStatements,
  functionLogGroup,
  functionLogicalId,
  functionPolicyStatements,
  functionRole,
  lambdaFunction,
  statementsForService,
} from './cloudformation/lambda';
import type { PackagedService } from './cloudformation/package';
import { findWorkspaceRoot, packageStages } from './cloudformation/package';
import type { Stage } from './cloudformation/stages';
import { STAGE_SETTINGS, STAGES } from './cloudformation/stages';
import type { CfnResource, CfnTemplate } from './cloudformation/template';
import { resource, resourcesOfType, singleResourceOfType, sortByJson } from './cloudformation/template';
import { functionArtifactPath, readZipEntry, zipEntries } from './cloudformation/zip';

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
export const packageStagesForSuite = (options: { serviceDir: string; configFile?: string; timeoutMs?: number }): PackagedSuite => {
  let packaged: Record<Stage, PackagedService> | undefined;
  // Packaging takes 5-15 s per stage (bundling every handler), one stage after the other: esbuild
  // already uses both cores of a 2-core runner; packaging stages in parallel measured no faster.
  const timeoutMs = options.timeoutMs ?? 240_000;
  jest.setTimeout(60_000);

  beforeAll(async () => {
    packaged = await packageStages({
      serviceDir: options.serviceDir,
      stages: STAGES,
      timeoutMs,
      ...(options.configFile ? { configFile: options.configFile } : {}),
    });
  }, timeoutMs);

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

/** The service's table (logical ID `Table`, a platform convention) and its indexes, as IAM resources. */
export const TABLE_ARN = { 'Fn::GetAtt': ['Table', 'Arn'] };
export const indexArn = (indexName: string) => ({ 'Fn::Join': ['/', [TABLE_ARN, 'index', indexName]] });

/** What a function may do in DynamoDB: the exact actions its own role allows, on exactly these resources. */
export interface DynamoDbAccess {
  actions: string[];
  resources: unknown[];
}

/**
 * The AWS Parameters and Secrets Lambda Extension's layer, arm64, as AWS publishes it in the stacks'
 * region (custom.secretsExtension in serverless.base.yml): functions reading `*_PARAMETER` secrets
 * (@emporium/common/secrets) need it, no other function has it.
 */
export const SECRETS_EXTENSION_LAYER = /^arn:aws:lambda:eu-west-1:015030872274:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:\d+$/;

/** The logical ID the framework gives the shared token authorizer (function `authorize`). */
export const AUTHORIZER_LOGICAL_ID = 'AuthorizeApiGatewayAuthorizer';

/** The file (at the workspace root) the gateway responses are generated into (`pnpm generate`). */
export const GATEWAY_RESPONSES_FILE = 'serverless.gateway-responses.json';

export interface GatewayResponseSpec {
  logicalId: string;
  /** ResponseType, e.g. MISSING_AUTHENTICATION_TOKEN. */
  type: string;
  /** The fixed StatusCode, or undefined to keep API Gateway's (DEFAULT_4XX, DEFAULT_5XX). */
  statusCode: string | undefined;
  resource: CfnResource;
}

/**
 * Gateway-made errors every service's REST API answers with: the resources of the generated
 * serverless.gateway-responses.json of the workspace (from gatewayResponseResources() of
 * @emporium/common/http/gateway-responses, which this package cannot import: a package cycle).
 */
export const gatewayResponsesOf = (workspaceRoot: string): GatewayResponseSpec[] => {
  const file = path.join(workspaceRoot, GATEWAY_RESPONSES_FILE);
  const { Resources } = JSON.parse(readFileSync(file, 'utf8')) as { Resources?: Record<string, CfnResource> };
  if (!Resources || Object.keys(Resources).length === 0) throw new Error(`${file} holds no Resources`);
  return Object.entries(Resources).map(([logicalId, gatewayResponse]) => {
    const props = gatewayResponse.Properties ?? {};
    return {
      logicalId,
      type: typeof props.ResponseType === 'string' ? props.ResponseType : '',
      statusCode: typeof props.StatusCode === 'string' ? props.StatusCode : undefined,
      resource: gatewayResponse,
    };
  });
};

/**
 * Sample values for the `$context` variables of a gateway response template, as API Gateway
 * substitutes them: `$context.error.messageString` arrives as a quoted JSON string, `$context.status`
 * as a number, the others as plain text (the template quotes them).
 */
const CONTEXT_SAMPLES: Record<string, string> = {
  '$context.error.messageString': '"Forbidden"',
  '$context.error.validationErrorString': '[object has missing required properties]',
  '$context.error.responseType': 'ACCESS_DENIED',
  '$context.path': '/v1/service/things/1',
  '$context.requestId': 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
};
/** The status `$context.status` takes where the response keeps API Gateway's status. */
const sampleStatus = (type: string): number => (type === 'DEFAULT_5XX' ? 502 : 403);

/** A gateway response template with its `$context` variables replaced by CONTEXT_SAMPLES (unknown ones stay). */
const substituteContext = (template: string, type: string): string =>
  template.replace(/\$context\.[A-Za-z.]*[A-Za-z]/g, (variable) =>
    variable === '$context.status' ? String(sampleStatus(type)) : (CONTEXT_SAMPLES[variable] ?? variable),
  );

/** The platform's OpenAPI document route: every service serves its document, public and cached. */
export const OPENAPI_DOCUMENT_ROUTE = { method: 'GET', path: '/openapi.json', functionKey: 'getOpenApiDocument' } as const;

/** The functions of serverless.base.yml's sharedFunctions, which every service lists first. */
export const SHARED_FUNCTIONS = ['authorize', OPENAPI_DOCUMENT_ROUTE.functionKey] as const;

/** JSON Schema draft 4, the only draft API Gateway models accept. */
export const DRAFT_04_SCHEMA = 'http://json-schema.org/draft-04/schema#';

/**
 * A route's entry of the service's generated openapi/gateway.json: the `request` block of its
 * http event (`request: ${file(./openapi/gateway.json):<operationId>}` in serverless.yml).
 */
export interface GatewayRequest {
  schemas?: Record<string, { name: string; description: string; schema: Record<string, unknown> }>;
  parameters?: {
    paths?: Record<string, boolean>;
    querystrings?: Record<string, boolean>;
    headers?: Record<string, boolean>;
  };
}

/**
 * The operations of the service's generated OpenAPI documents (openapi/v<n>.json) that need an
 * API key (`apiKeyAuth` in their security): method and path, e.g. `GET /products`.
 */
export const keyedOperationsOf = (serviceDir: string, version?: string): string[] => {
  const dir = path.join(serviceDir, 'openapi');
  const documents = readdirSync(dir).filter((file) => (version ? file === `${version}.json` : /^v\d+\.json$/.test(file)));
  return documents.flatMap((file) => {
    const document = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
      paths?: Record<string, Record<string, { security?: Record<string, unknown>[] }>>;
    };
    return Object.entries(document.paths ?? {}).flatMap(([routePath, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => (operation.security ?? []).some((requirement) => 'apiKeyAuth' in requirement))
        .map(([method]) => `${method.toUpperCase()} ${routePath}`),
    );
  });
};

/**
 * The service's generated gateway models of one API version (openapi/gateway.json for v1,
 * openapi/gateway.<version>.json after): operationId (= function key) -> the route's `request` block.
 */
export const gatewayRequestsOf = (serviceDir: string, version = 'v1'): Record<string, GatewayRequest> =>
  JSON.parse(readFileSync(path.join(serviceDir, 'openapi', version === 'v1' ? 'gateway.json' : `gateway.${version}.json`), 'utf8')) as Record<
    string,
    GatewayRequest
  >;

/** Something for API Gateway's validator to check: a body model or a required parameter (it checks parameters only for presence). */
const hasSomethingToValidate = (request: GatewayRequest): boolean =>
  Object.keys(request.schemas ?? {}).length > 0 || Object.values(requestParametersOf(request.parameters)).some((required) => required);

/** Action prefixes every function role may hold. */
const PLATFORM_ACTION_PREFIXES = ['logs:', 'dynamodb:', 'xray:'];

export interface PlatformConventionsOptions extends PackagedSuite {
  /** Absolute path of the service (the folder holding serverless.yml, package.json and openapi/). */
  serviceDir: string;
  /** The stack's `service:` name: functions are `<service>-<stage>-<key>`, the table `<service>-<stage>`. */
  service: string;
  /** The API version the stack serves (default v1): its base path, gateway models and OpenAPI document. */
  apiVersion?: string;
  /**
   * The service the stack belongs to (versions.yml), when it is a later API version's stack of its
   * own (docs/adr/0015): its base path is `<apiVersion>/<belongsTo>` and it uses the table of the
   * `<belongsTo>` stack instead of holding one. Default: the stack is the service's own.
   */
  belongsTo?: string;
  stage: Stage;
  /**
   * The whole DynamoDB surface of the service: every function key of serverless.yml (the template
   * must hold exactly these functions) with the DynamoDB actions its own role allows and the
   * resources. A missing function, an extra action or a wider resource fails.
   */
  dynamodbAccess: Readonly<Record<string, DynamoDbAccess>>;
  /**
   * The routes of the service's route table, each with the function behind it: the API must expose
   * exactly these (besides CORS preflight), OPENAPI_DOCUMENT_ROUTE included.
   */
  routes: readonly { method: string; path: string; functionKey: string }[];
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
  const { serviceDir, service, stage, dynamodbAccess, routes, run, templateOf, extraAllowedActions = [], apiVersion = 'v1', belongsTo = service } = options;
  const ownsTable = belongsTo === service;
  const functions = Object.keys(dynamodbAccess);
  const settings = STAGE_SETTINGS[stage];
  const gatewayResponses = gatewayResponsesOf(findWorkspaceRoot(path.resolve(serviceDir)));
  const gatewayRequests = gatewayRequestsOf(serviceDir, apiVersion);
  const validatedOperations = Object.keys(gatewayRequests);
  const checkedOperations = validatedOperations.filter((operationId) => hasSomethingToValidate(gatewayRequests[operationId]!));
  const optionalOnlyOperations = validatedOperations.filter((operationId) => !checkedOperations.includes(operationId));
  const unvalidatedRoutes = routes.filter((route) => !validatedOperations.includes(route.functionKey));
  /** The one method of a function (its http event); throws when it has none or several. */
  const methodOf = (functionKey: string) => {
    const methods = functionApiMethods(templateOf(stage), functionKey);
    if (methods.length !== 1) throw new Error(`expected one method integrated with ${functionKey}, found ${methods.length}`);
    return methods[0]!;
  };

  describe('platform conventions', () => {
    if (!ownsTable) {
      it(`holds no DynamoDB table: it uses the table of the ${belongsTo} stack (${belongsTo}-${stage})`, () => {
        expect(resourcesOfType(templateOf(stage), 'AWS::DynamoDB::Table')).toEqual([]);
      });
    }

    if (ownsTable)
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

      it(`include the shared functions of serverless.base.yml (${SHARED_FUNCTIONS.join(', ')})`, () => {
        expect(functions).toEqual(expect.arrayContaining([...SHARED_FUNCTIONS]));
      });

      it.each(functions)(`%s: nodejs24.x on arm64, active tracing, stage environment (HTTP_CACHE_MAX_AGE ${settings.cacheTtlInSeconds})`, (functionKey) => {
        const props = lambdaFunction(templateOf(stage), functionKey).Properties!;
        expect(props.FunctionName).toBe(`${service}-${stage}-${functionKey}`);
        expect(props.Runtime).toBe('nodejs24.x');
        expect(props.Architectures).toEqual(['arm64']);
        expect(props.TracingConfig).toEqual({ Mode: 'Active' });
        expect(props.Environment).toEqual({
          Variables: expect.objectContaining({
            TABLE_NAME: `${belongsTo}-${stage}`,
            STAGE: stage,
            AUTH_AUDIENCE: 'emporium-api',
            // Public GETs say Cache-Control max-age: as long as the stage cache keeps them.
            HTTP_CACHE_MAX_AGE: String(settings.cacheTtlInSeconds),
            // Powertools Metrics: on in AWS (EMF lines in the function's log).
            POWERTOOLS_METRICS_NAMESPACE: 'Emporium',
            POWERTOOLS_METRICS_DISABLED: 'false',
          }) as unknown,
        });
        // Source maps stay off the cold path: Node does not read and parse one at init (docs/adr/0022).
        expect((props.Environment as { Variables: Record<string, unknown> }).Variables).not.toHaveProperty('NODE_OPTIONS');
      });

      it.each(functions)('%s: the Parameters and Secrets extension layer exactly when it reads a `*_PARAMETER` secret, no other layer', (functionKey) => {
        const props = lambdaFunction(templateOf(stage), functionKey).Properties!;
        const variables = Object.keys((props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {});
        if (variables.some((name) => name.endsWith('_PARAMETER'))) {
          expect(props.Layers).toEqual([expect.stringMatching(SECRETS_EXTENSION_LAYER)]);
        } else {
          expect(props.Layers).toBeUndefined();
        }
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

      it.each(functions)('%s: DynamoDB statements allow exactly the expected actions on exactly the expected resources', (functionKey) => {
        const expected = dynamodbAccess[functionKey]!;
        const statements = statementsForService(functionPolicyStatements(templateOf(stage), functionKey), 'dynamodb');
        expect(allowedActions(statements, 'dynamodb')).toEqual([...expected.actions].sort());
        for (const statement of statements) {
          expect(statement.Effect).toBe('Allow');
          expect([...statement.Action].sort()).toEqual([...expected.actions].sort());
          expect(sortByJson(statement.Resource)).toEqual(sortByJson(expected.resources));
        }
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
        const wildcardResources = dynamodb.filter((statement) =>
          statement.Resource.some((res) => res === '*' || (typeof res === 'string' && /:table\/\*$/.test(res))),
        );
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
    });

    describe('alarms and dashboard (@emporium/monitoring, custom.monitoring)', () => {
      const alarmProps = (logicalId: string) => resource(templateOf(stage), logicalId).Properties!;
      const topic = { 'Fn::Sub': `arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:emporium-${stage}-alarms` };
      const { alarms } = settings;

      it(`alarm on the API's 5xx rate above ${alarms.serverErrorRatePercent}%, 4xx rate above ${alarms.clientErrorRatePercent}% and p99 latency above ${alarms.p99LatencyMs} ms`, () => {
        const api = [
          { Name: 'ApiName', Value: `${service}-${stage}` },
          { Name: 'Stage', Value: stage },
        ];
        for (const [logicalId, metricName, threshold] of [
          ['AlarmApiServerErrorRate', '5XXError', alarms.serverErrorRatePercent],
          ['AlarmApiClientErrorRate', '4XXError', alarms.clientErrorRatePercent],
        ] as const) {
          const props = alarmProps(logicalId);
          expect(props.Threshold).toBe(threshold);
          const metrics = props.Metrics as { MetricStat?: { Metric: { MetricName: string; Dimensions: unknown } }; Expression?: string }[];
          expect(metrics.map((m) => m.MetricStat?.Metric.MetricName ?? m.Expression)).toEqual([
            metricName,
            'Count',
            'IF(requests >= 20, 100 * errors / requests, 0)',
          ]);
          expect(metrics[0]!.MetricStat!.Metric.Dimensions).toEqual(api);
        }
        expect(alarmProps('AlarmApiLatencyP99')).toMatchObject({
          MetricName: 'Latency',
          ExtendedStatistic: 'p99',
          Threshold: alarms.p99LatencyMs,
          Dimensions: api,
        });
      });

      it.each(functions)(`%s: alarms on ${alarms.functionErrors} or more errors, and on any throttle, in 5 minutes`, (functionKey) => {
        const key = functionLogicalId(functionKey).replace(/LambdaFunction$/, '');
        const dimensions = [{ Name: 'FunctionName', Value: { Ref: functionLogicalId(functionKey) } }];
        expect(alarmProps(`Alarm${key}Errors`)).toMatchObject({ MetricName: 'Errors', Threshold: alarms.functionErrors, Period: 300, Dimensions: dimensions });
        expect(alarmProps(`Alarm${key}Throttles`)).toMatchObject({ MetricName: 'Throttles', Threshold: 1, Dimensions: dimensions });
      });

      if (ownsTable) {
        it(`alarm on the table's throttled requests and system errors (${service}-${stage})`, () => {
          const metrics = (logicalId: string) =>
            (alarmProps(logicalId).Metrics as { MetricStat?: { Metric: { MetricName: string; Dimensions: { Name: string; Value: string }[] } } }[]).flatMap(
              (m) => (m.MetricStat ? [m.MetricStat.Metric] : []),
            );
          expect(metrics('AlarmTableThrottles').map((m) => m.MetricName)).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
          expect(metrics('AlarmTableSystemErrors').every((m) => m.MetricName === 'SystemErrors' && m.Dimensions[0]!.Value === `${service}-${stage}`)).toBe(
            true,
          );
        });
      }

      it(
        stage === 'prod'
          ? `every alarm notifies emporium-${stage}-alarms when it fires and when it recovers`
          : 'every alarm records its state only (no notification)',
        () => {
          const all = resourcesOfType(templateOf(stage), 'AWS::CloudWatch::Alarm');
          expect(all.length).toBeGreaterThanOrEqual(3 + 2 * functions.length + (ownsTable ? 2 : 0));
          for (const { logicalId, resource: found } of all) {
            const expected = alarms.notify ? { ActionsEnabled: true, AlarmActions: [topic], OKActions: [topic] } : { ActionsEnabled: false };
            expect({ logicalId, ...found.Properties }).toMatchObject({
              logicalId,
              ...expected,
              AlarmName: expect.stringMatching(new RegExp(`^${service}-${stage}-`)) as unknown,
            });
            if (!alarms.notify) expect(found.Properties).not.toHaveProperty('AlarmActions');
          }
        },
      );

      it(`one dashboard, ${service}-${stage}: the API, every function, and the table`, () => {
        const props = alarmProps('MonitoringDashboard') as { DashboardName: string; DashboardBody: { 'Fn::Sub': string } };
        expect(props.DashboardName).toBe(`${service}-${stage}`);
        const body = props.DashboardBody['Fn::Sub'];
        for (const functionKey of functions) expect(body).toContain(JSON.stringify(lambdaFunction(templateOf(stage), functionKey).Properties!.FunctionName));
        expect(body).toContain(`"ApiName","${service}-${stage}"`);
        if (ownsTable) expect(body).toContain(`"TableName","${service}-${stage}"`);
      });
    });

    describe('custom domain (serverless-domain-manager)', () => {
      it(`maps ${apiVersion}/${belongsTo} on ${settings.domainName} to this stack's API (REGIONAL, TLS 1.2), keeping the other stacks' mappings`, () => {
        const state = JSON.parse(readFileSync(path.join(run(stage).packageDir, 'serverless-state.json'), 'utf8')) as {
          service: { custom: { customDomain: Record<string, unknown> } };
        };
        expect(state.service.custom.customDomain).toMatchObject({
          domainName: settings.domainName,
          basePath: `${apiVersion}/${belongsTo}`,
          stage,
          endpointType: 'REGIONAL',
          securityPolicy: 'tls_1_2',
          apiType: 'rest',
          preserveExternalPathMappings: true,
          enabled: true,
        });
      });
    });

    describe('API keys and usage plans', () => {
      it('requires an API key (ApiKeyRequired) exactly on the routes whose contract needs one (openapi/v1.json: apiKeyAuth)', () => {
        const keyed = apiMethods(templateOf(stage))
          .filter((method) => method.resource.Properties!.ApiKeyRequired === true)
          .map((method) => `${method.httpMethod} ${method.path}`);
        expect(keyed.sort()).toEqual(keyedOperationsOf(serviceDir, apiVersion).sort());
      });

      it(`registers its REST API id as /emporium/${stage}/rest-apis/${service}, for the platform stack's usage plans`, () => {
        const parameters = resourcesOfType(templateOf(stage), 'AWS::SSM::Parameter').map((found) => found.resource.Properties);
        expect(parameters).toContainEqual(
          expect.objectContaining({ Name: `/emporium/${stage}/rest-apis/${service}`, Type: 'String', Value: { Ref: 'ApiGatewayRestApi' } }),
        );
      });
    });

    describe('the stage (@emporium/api-stage): in the template, throttled', () => {
      it('is an AWS::ApiGateway::Stage of its own on the deployment (which names no stage), traced, access-logged as JSON', () => {
        const { resource: stageResource } = apiStage(templateOf(stage));
        const deployment = singleResourceOfType(templateOf(stage), 'AWS::ApiGateway::Deployment');
        expect(deployment.resource.Properties!.StageName).toBeUndefined();
        expect(stageResource.Properties).toMatchObject({
          RestApiId: { Ref: 'ApiGatewayRestApi' },
          DeploymentId: { Ref: deployment.logicalId },
          StageName: stage,
          TracingEnabled: true,
          AccessLogSetting: { DestinationArn: { 'Fn::GetAtt': ['ApiGatewayLogGroup', 'Arn'] } },
        });
        const format = JSON.parse(String((stageResource.Properties!.AccessLogSetting as Record<string, unknown>).Format)) as Record<string, string>;
        // integrationLatencyMs is "-" when no function ran: a stage-cache hit, or an answer the gateway made (errorType).
        expect(format).toMatchObject({
          requestId: '$context.requestId',
          ip: '$context.identity.sourceIp',
          apiKeyId: '$context.identity.apiKeyId',
          caller: '$context.authorizer.principalId',
          route: '$context.resourcePath',
          status: '$context.status',
          latencyMs: '$context.responseLatency',
          integrationLatencyMs: '$context.integrationLatency',
          errorType: '$context.error.responseType',
        });
      });

      it(`throttles every method by default at ${settings.throttle.rateLimit} requests/s, bursts of ${settings.throttle.burstLimit}; never logs bodies; detailed metrics per method`, () => {
        expect(stageDefaultMethodSetting(templateOf(stage))).toEqual({
          ResourcePath: '/*',
          HttpMethod: '*',
          ThrottlingRateLimit: settings.throttle.rateLimit,
          ThrottlingBurstLimit: settings.throttle.burstLimit,
          LoggingLevel: 'OFF',
          DataTraceEnabled: false,
          MetricsEnabled: true,
        });
      });

      it('gives every route a throttle no looser than the default, and no route data traces', () => {
        for (const route of routes) {
          const setting = stageMethodSetting(templateOf(stage), route.method, route.path);
          expect(setting.ThrottlingRateLimit).toBeLessThanOrEqual(settings.throttle.rateLimit);
          expect(setting.ThrottlingBurstLimit).toBeLessThanOrEqual(settings.throttle.burstLimit);
          expect(setting.DataTraceEnabled).toBe(false);
          expect(setting.MetricsEnabled).toBe(true);
        }
      });
    });

    describe(`gateway responses (${GATEWAY_RESPONSES_FILE})`, () => {
      it(`are exactly those of ${GATEWAY_RESPONSES_FILE}: ${gatewayResponses.map(({ type }) => type).join(', ')}; a deprecated version's add its Deprecation, Sunset and Link`, () => {
        const found = Object.fromEntries(
          resourcesOfType(templateOf(stage), 'AWS::ApiGateway::GatewayResponse').map(({ logicalId, resource: response }) => [logicalId, response]),
        );
        // The stack's version dates, as every function of it has them (provider.environment, versions.yml).
        const anyFunction = resourcesOfType(templateOf(stage), 'AWS::Lambda::Function')[0]!.resource;
        const env = (anyFunction.Properties?.Environment as { Variables?: Record<string, string> } | undefined)?.Variables ?? {};
        // Computed here from the dates (RFC 9745, RFC 8594, RFC 5829), not by the code under test.
        const deprecated: Record<string, string> = env.API_DEPRECATION
          ? {
              'gatewayresponse.header.Deprecation': `'@${Math.floor(Date.parse(env.API_DEPRECATION) / 1000)}'`,
              ...(env.API_SUNSET ? { 'gatewayresponse.header.Sunset': `'${new Date(env.API_SUNSET).toUTCString()}'` } : {}),
              ...(env.API_SUCCESSOR_BASE_PATH ? { 'gatewayresponse.header.Link': `'<${env.API_SUCCESSOR_BASE_PATH}>; rel="successor-version"'` } : {}),
            }
          : {};
        const expected = gatewayResponses.map(({ logicalId, resource: response }) => [
          logicalId,
          {
            ...response,
            Properties: { ...response.Properties, ResponseParameters: { ...(response.Properties?.ResponseParameters as object), ...deprecated } },
          },
        ]);
        expect(found).toEqual(Object.fromEntries(expected));
      });

      const responseTable = gatewayResponses.map((response) => ({ ...response, status: response.statusCode ?? "API Gateway's status" }));
      it.each(responseTable)(
        '$type ($status): application/problem+json, a problem body once API Gateway substitutes $context',
        ({ logicalId, type, statusCode }) => {
          const props = resource(templateOf(stage), logicalId).Properties!;
          expect(props.ResponseType).toBe(type);
          expect(props.RestApiId).toEqual({ Ref: 'ApiGatewayRestApi' });
          expect(props.ResponseParameters).toEqual(expect.objectContaining({ 'gatewayresponse.header.Content-Type': "'application/problem+json'" }));
          const templates = props.ResponseTemplates as Record<string, string>;
          expect(Object.keys(templates)).toEqual(['application/json']);
          const substituted = substituteContext(templates['application/json']!, type);
          expect(substituted.match(/\$context\.[A-Za-z.]*/g) ?? []).toEqual([]);
          const body = JSON.parse(substituted) as Record<string, unknown>;
          expect(body).toEqual(
            expect.objectContaining({
              type: expect.stringMatching(/^https:\/\/emporium\.example\.com\/problems\/[a-z-]+$/) as unknown,
              title: expect.any(String) as unknown,
              status: statusCode === undefined ? sampleStatus(type) : Number(statusCode),
              detail: expect.any(String) as unknown,
              code: expect.stringMatching(/^[A-Z0-9_]+$/) as unknown,
              instance: CONTEXT_SAMPLES['$context.path'],
              requestId: CONTEXT_SAMPLES['$context.requestId'],
            }),
          );
        },
      );

      it("request validation failures (BAD_REQUEST_BODY, BAD_REQUEST_PARAMETERS) answer 400 VALIDATION_FAILED with the validator's message as detail", () => {
        for (const type of ['BAD_REQUEST_BODY', 'BAD_REQUEST_PARAMETERS']) {
          const found = gatewayResponses.find((response) => response.type === type);
          expect({ type, found: found !== undefined }).toEqual({ type, found: true });
          const props = resource(templateOf(stage), found!.logicalId).Properties!;
          const body = JSON.parse(substituteContext((props.ResponseTemplates as Record<string, string>)['application/json']!, type)) as Record<string, unknown>;
          expect(props.StatusCode).toBe('400');
          expect(body).toEqual(
            expect.objectContaining({ status: 400, code: 'VALIDATION_FAILED', detail: CONTEXT_SAMPLES['$context.error.validationErrorString'] }),
          );
        }
      });
    });

    describe('request validation (openapi/gateway.json)', () => {
      it('one request validator, validating request bodies and parameters', () => {
        const { resource: validator } = singleResourceOfType(templateOf(stage), 'AWS::ApiGateway::RequestValidator');
        expect(validator.Properties).toMatchObject({
          RestApiId: { Ref: 'ApiGatewayRestApi' },
          ValidateRequestBody: true,
          ValidateRequestParameters: true,
        });
      });

      it('every operation of openapi/gateway.json is a route of the route table (operationId = function key), with one method', () => {
        const routed = routes.map((route) => route.functionKey);
        expect(validatedOperations.filter((operationId) => !routed.includes(operationId))).toEqual([]);
        for (const operationId of validatedOperations) {
          expect({ operationId, methods: functionApiMethods(templateOf(stage), operationId).length }).toEqual({ operationId, methods: 1 });
        }
      });

      it.each(validatedOperations)(
        '%s: the method declares the parameters of openapi/gateway.json (required true, optional false) and requires no other',
        (operationId) => {
          const expected = requestParametersOf(gatewayRequests[operationId]!.parameters);
          const declared = methodRequestParameters(methodOf(operationId));
          expect(declared).toEqual(expect.objectContaining(expected));
          // Anything else (cache key parameters) is optional: the gateway must not refuse what the contract allows.
          const requiredElsewhere = Object.entries(declared).filter(([name, required]) => required && !(name in expected));
          expect(requiredElsewhere).toEqual([]);
        },
      );

      it.each(checkedOperations)('%s: guarded by the request validator (openapi/gateway.json gives it a body model or a required parameter)', (operationId) => {
        const { logicalId } = singleResourceOfType(templateOf(stage), 'AWS::ApiGateway::RequestValidator');
        const method = methodOf(operationId);
        expect(method.resource.Properties!.RequestValidatorId).toEqual({ Ref: logicalId });
        expect(methodRequestValidator(templateOf(stage), method)?.resource.Properties).toMatchObject({
          ValidateRequestBody: true,
          ValidateRequestParameters: true,
        });
      });

      // API Gateway checks parameters only for presence: with none required and no body model there
      // is nothing to check, and the framework attaches no validator (the function validates values).
      if (optionalOnlyOperations.length > 0) {
        it.each(optionalOnlyOperations)(
          '%s: only optional parameters in openapi/gateway.json, so no request validator (nothing for the gateway to check)',
          (operationId) => {
            const method = methodOf(operationId);
            expect(method.resource.Properties!.RequestValidatorId).toBeUndefined();
            expect(method.resource.Properties!.RequestModels).toBeUndefined();
          },
        );
      }

      it.each(validatedOperations)('%s: the body model is the draft-04 schema of openapi/gateway.json (none when it has none)', (operationId) => {
        const schemas = gatewayRequests[operationId]!.schemas ?? {};
        const method = methodOf(operationId);
        const models = (method.resource.Properties!.RequestModels ?? {}) as Record<string, unknown>;
        expect(Object.keys(models).sort()).toEqual(Object.keys(schemas).sort());
        for (const [contentType, expected] of Object.entries(schemas)) {
          const model = methodRequestModel(templateOf(stage), method, contentType);
          expect(model?.resource.Properties).toEqual({
            RestApiId: { Ref: 'ApiGatewayRestApi' },
            ContentType: contentType,
            Name: expected.name,
            Description: expected.description,
            Schema: expected.schema,
          });
        }
      });

      if (unvalidatedRoutes.length > 0) {
        it.each(unvalidatedRoutes)(
          '$method $path ($functionKey): no entry in openapi/gateway.json, so no request validator and no body model',
          ({ functionKey }) => {
            const props = methodOf(functionKey).resource.Properties!;
            expect(props.RequestValidatorId).toBeUndefined();
            expect(props.RequestModels).toBeUndefined();
          },
        );
      }

      it('every model is an application/json draft-04 JSON Schema used by a method', () => {
        const used = apiMethods(templateOf(stage)).flatMap((method) =>
          Object.keys((method.resource.Properties!.RequestModels ?? {}) as Record<string, unknown>).map(
            (contentType) => methodRequestModel(templateOf(stage), method, contentType)!.logicalId,
          ),
        );
        for (const { logicalId, resource: model } of resourcesOfType(templateOf(stage), 'AWS::ApiGateway::Model')) {
          const props = model.Properties!;
          expect({
            logicalId,
            contentType: props.ContentType,
            $schema: (props.Schema as Record<string, unknown>).$schema,
            used: used.includes(logicalId),
          }).toEqual({
            logicalId,
            contentType: 'application/json',
            $schema: DRAFT_04_SCHEMA,
            used: true,
          });
        }
      });
    });

    describe(`OpenAPI document (${OPENAPI_DOCUMENT_ROUTE.method} ${OPENAPI_DOCUMENT_ROUTE.path})`, () => {
      const { method: documentMethod, path: documentPath, functionKey } = OPENAPI_DOCUMENT_ROUTE;

      it(`${documentMethod} ${documentPath} -> ${functionKey}, public (no authorizer), in the route table`, () => {
        expect(routes).toContainEqual(expect.objectContaining({ method: documentMethod, path: documentPath, functionKey }));
        const found = apiMethod(templateOf(stage), documentMethod, documentPath);
        expect(functionApiMethods(templateOf(stage), functionKey).map((method) => method.logicalId)).toEqual([found.logicalId]);
        expect(found.resource.Properties!.AuthorizationType).toBe('NONE');
        expect(found.resource.Properties!.AuthorizerId).toBeUndefined();
      });

      it(`${documentMethod} ${documentPath}: cached at the stage for ${settings.cacheTtlInSeconds} s, one entry for every caller (no cache key parameters)`, () => {
        expect(apiStage(templateOf(stage)).resource.Properties!.CacheClusterEnabled).toBe(true);
        expect(stageMethodSetting(templateOf(stage), documentMethod, documentPath)).toMatchObject({
          CachingEnabled: true,
          CacheTtlInSeconds: settings.cacheTtlInSeconds,
        });
        const found = apiMethod(templateOf(stage), documentMethod, documentPath);
        expect(cacheKeyParameters(found)).toEqual([]);
        expect((found.resource.Properties!.Integration as Record<string, unknown>).CacheNamespace).toBeUndefined();
      });

      it(`${functionKey}: 256 MB, 5 s, no DynamoDB access`, () => {
        const props = lambdaFunction(templateOf(stage), functionKey).Properties!;
        expect(props.MemorySize).toBe(256);
        expect(props.Timeout).toBe(5);
        expect(statementsForService(functionPolicyStatements(templateOf(stage), functionKey), 'dynamodb')).toEqual([]);
      });

      it(`${functionKey}: its bundle holds the service's OpenAPI 3.1 document (openapi/${apiVersion}.json)`, async () => {
        const document = JSON.parse(readFileSync(path.join(serviceDir, 'openapi', `${apiVersion}.json`), 'utf8')) as {
          openapi: string;
          info: { title: string };
          paths: Record<string, unknown>;
        };
        expect(document.openapi).toBe('3.1.0');
        const handler = String(lambdaFunction(templateOf(stage), functionKey).Properties!.Handler);
        const bundle = `${handler.slice(0, handler.lastIndexOf('.'))}.js`;
        const code = (await readZipEntry(functionArtifactPath(run(stage), functionKey), bundle)).toString('utf8');
        // esbuild inlines the JSON as an object literal: `openapi: "3.1.0"` (or `"openapi":"3.1.0"`).
        expect(code).toMatch(/\bopenapi"?\s*:\s*"3\.1\.0"/);
        expect(code).toContain(JSON.stringify(document.info.title));
        const missingPaths = Object.keys(document.paths).filter((documentedPath) => !code.includes(JSON.stringify(documentedPath)));
        expect(missingPaths).toEqual([]);
      });
    });

    describe('function artifacts', () => {
      const runtimeDependencies = Object.keys(
        (JSON.parse(readFileSync(path.join(serviceDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {},
      );

      it.each(functions)('%s: zip holds one minified bundle, no source map, no node_modules; its map is kept beside the zips', async (functionKey) => {
        const handler = String(lambdaFunction(templateOf(stage), functionKey).Properties!.Handler); // src/handlers/x.handler
        const bundle = `${handler.slice(0, handler.lastIndexOf('.'))}.js`;
        const zipPath = functionArtifactPath(run(stage), functionKey);
        const names = (await zipEntries(zipPath)).map((entry) => entry.name);
        // Only the bundle: no .map in the zip (docs/adr/0022), no node_modules.
        expect(names).toEqual([bundle]);

        const code = (await readZipEntry(zipPath, bundle)).toString('utf8');
        // Minified (esbuild's unminified output averages ~40 characters a line; minified, thousands)
        // and naming no map to load.
        expect(code.length / code.split('\n').length).toBeGreaterThan(500);
        expect(code).not.toContain('sourceMappingURL');
        // The map is kept with the package, for symbolicating a stack trace of this very bundle.
        const map = JSON.parse(readFileSync(path.join(run(stage).packageDir, 'source-maps', `${bundle}.map`), 'utf8')) as { version: number; mappings: string };
        expect(map.version).toBe(3);
        expect(map.mappings.length).toBeGreaterThan(0);
        // Runtime dependencies are inlined: the bundle never requires them at run time.
        const required = [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]!);
        const unbundled = required.filter((name) => runtimeDependencies.some((dep) => name === dep || name.startsWith(`${dep}/`)));
        expect(unbundled).toEqual([]);
      });

      // The contract's documentation (descriptions, examples: `DOCS && ...`) is built
      // into the OpenAPI document, never into a function (docs/adr/0022); the document's own
      // function serves it, so it alone holds it.
      const documentation = (() => {
        const texts = new Set<string>();
        const walk = (value: unknown): void => {
          if (Array.isArray(value)) value.forEach(walk);
          else if (value && typeof value === 'object')
            for (const [key, child] of Object.entries(value)) {
              // Plain sentences only, so the bundle's quoting and escaping cannot hide one.
              if (key === 'description' && typeof child === 'string' && child.length >= 30 && /^[\w .,;:()'/-]+$/.test(child)) texts.add(child);
              else walk(child);
            }
        };
        walk(JSON.parse(readFileSync(path.join(serviceDir, 'openapi', `${apiVersion}.json`), 'utf8')));
        return [...texts];
      })();
      it.each(functions.filter((functionKey) => functionKey !== OPENAPI_DOCUMENT_ROUTE.functionKey))(
        '%s: its bundle holds none of the OpenAPI documentation text (DOCS, docs/adr/0022)',
        async (functionKey) => {
          expect(documentation.length).toBeGreaterThan(5);
          const handler = String(lambdaFunction(templateOf(stage), functionKey).Properties!.Handler);
          const code = (await readZipEntry(functionArtifactPath(run(stage), functionKey), `${handler.slice(0, handler.lastIndexOf('.'))}.js`)).toString('utf8');
          expect(documentation.filter((text) => code.includes(text))).toEqual([]);
        },
      );
    });
  });
};
