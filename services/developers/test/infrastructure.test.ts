/**
 * Infrastructure test: packages developers for dev, test and prod (offline) and asserts on the
 * CloudFormation it would deploy. The platform-wide conventions come from
 * describePlatformConventions; the tables below are this service's review document (its DynamoDB
 * and API Gateway management surface, its routes): change them together with serverless.yml.
 */
import path from 'node:path';
import { apiMethod, integratedFunctionLogicalId, stageMethodSetting } from '@emporium/testing/cloudformation/api-gateway';
import { functionLogicalId, functionPolicyStatements, lambdaFunction, statementsForService } from '@emporium/testing/cloudformation/lambda';
import { STAGE_SETTINGS, STAGES } from '@emporium/testing/cloudformation/stages';
import type { DynamoDbAccess } from '@emporium/testing/platform-checks';
import { describePlatformConventions, indexArn, OPENAPI_DOCUMENT_ROUTE, packageStagesForSuite, TABLE_ARN } from '@emporium/testing/platform-checks';

const SERVICE_DIR = path.resolve(__dirname, '..');

/** The whole DynamoDB surface: every function, its exact actions and resources. */
const DYNAMODB_ACCESS: Record<string, DynamoDbAccess> = {
  authorize: { actions: [], resources: [] },
  getOpenApiDocument: { actions: [], resources: [] },
  // PutItem: the app; UpdateItem: the owner's app count (same transaction), then the issued key.
  createApp: { actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], resources: [TABLE_ARN] },
  listApps: { actions: ['dynamodb:Query'], resources: [indexArn('gsi1'), indexArn('gsi2')] },
  getApp: { actions: ['dynamodb:GetItem'], resources: [TABLE_ARN] },
  updateApp: { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resources: [TABLE_ARN] },
  rotateKey: { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resources: [TABLE_ARN] },
  revokeKey: { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resources: [TABLE_ARN] },
  getUsage: { actions: ['dynamodb:GetItem'], resources: [TABLE_ARN] },
};
const FUNCTIONS = Object.keys(DYNAMODB_ACCESS);

/** An IAM resource as a readable path: `/usageplans/<free>/keys` for the free plan's id from SSM. */
const resourcePathOf = (stage: string, resource: unknown): string => {
  const record = resource as { 'Fn::Sub'?: string; 'Fn::Join'?: [string, unknown[]] };
  const text =
    record['Fn::Sub'] ?? (record['Fn::Join']?.[1] ?? []).map((part) => (typeof part === 'string' ? part : `\${${(part as { Ref: string }).Ref}}`)).join('');
  const prefix = 'arn:${AWS::Partition}:apigateway:${AWS::Region}::';
  if (!text.startsWith(prefix)) throw new Error(`not an API Gateway resource: ${JSON.stringify(resource)}`);
  return text.slice(prefix.length).replace(new RegExp(`\\{\\{resolve:ssm:/emporium/${stage}/usage-plans/(\\w+)\\}\\}`, 'g'), '<$1>');
};
/**
 * The API Gateway management API surface, least privilege: per function, each method it may call
 * and on exactly which resource paths (`<free>`: the free plan's id, published by the platform
 * stack). Keys only ever go into, or out of, the third-party plans; nothing else is touched.
 */
const API_GATEWAY_ACCESS: Record<string, Record<string, string[]>> = {
  createApp: {
    'apigateway:GET': ['/usageplans'],
    'apigateway:POST': ['/apikeys', '/usageplans/<free>/keys', '/usageplans/<partner>/keys'],
    'apigateway:DELETE': ['/apikeys/*'],
  },
  rotateKey: {
    'apigateway:GET': ['/usageplans'],
    'apigateway:POST': ['/apikeys', '/usageplans/<free>/keys', '/usageplans/<partner>/keys'],
    'apigateway:DELETE': ['/apikeys/*'],
  },
  revokeKey: { 'apigateway:DELETE': ['/apikeys/*'] },
  updateApp: {
    'apigateway:GET': ['/usageplans'],
    'apigateway:POST': ['/usageplans/<free>/keys', '/usageplans/<partner>/keys'],
    'apigateway:DELETE': ['/usageplans/<free>/keys/*', '/usageplans/<partner>/keys/*'],
    'apigateway:PATCH': ['/apikeys/*'],
  },
  getUsage: { 'apigateway:GET': ['/usageplans', '/usageplans/<free>/usage', '/usageplans/<partner>/usage'] },
};

/** Routes: method, path, the function behind it, its throttle class (the stage default when none). */
const ROUTES: { method: string; path: string; functionKey: string; throttle?: 'writes' }[] = [
  OPENAPI_DOCUMENT_ROUTE,
  { method: 'POST', path: '/apps', functionKey: 'createApp', throttle: 'writes' },
  { method: 'GET', path: '/apps', functionKey: 'listApps' },
  { method: 'GET', path: '/apps/{id}', functionKey: 'getApp' },
  { method: 'PATCH', path: '/apps/{id}', functionKey: 'updateApp', throttle: 'writes' },
  { method: 'POST', path: '/apps/{id}/key/rotate', functionKey: 'rotateKey', throttle: 'writes' },
  { method: 'DELETE', path: '/apps/{id}/key', functionKey: 'revokeKey', throttle: 'writes' },
  { method: 'GET', path: '/apps/{id}/usage', functionKey: 'getUsage' },
];

const suite = packageStagesForSuite({ serviceDir: SERVICE_DIR });
const { templateOf } = suite;

describe.each(STAGES)('developers packaged for %s', (stage) => {
  describePlatformConventions({
    ...suite,
    serviceDir: SERVICE_DIR,
    service: 'developers',
    stage,
    dynamodbAccess: DYNAMODB_ACCESS,
    routes: ROUTES,
    extraAllowedActions: ['apigateway:GET', 'apigateway:POST', 'apigateway:PATCH', 'apigateway:DELETE'],
  });

  it.each(ROUTES)('$method $path -> $functionKey, throttled as $throttle, no API key needed', ({ method, path: routePath, functionKey, throttle }) => {
    const found = apiMethod(templateOf(stage), method, routePath);
    expect(integratedFunctionLogicalId(found)).toBe(functionLogicalId(functionKey));
    expect(found.resource.Properties!.ApiKeyRequired).toBe(false);
    const expected = throttle ? STAGE_SETTINGS[stage].throttleClasses[throttle] : STAGE_SETTINGS[stage].throttle;
    expect(stageMethodSetting(templateOf(stage), method, routePath)).toMatchObject({
      ThrottlingRateLimit: expected.rateLimit,
      ThrottlingBurstLimit: expected.burstLimit,
    });
  });

  it.each(FUNCTIONS)('%s: may call exactly its API Gateway management operations, on exactly their resources', (functionKey) => {
    const statements = statementsForService(functionPolicyStatements(templateOf(stage), functionKey), 'apigateway');
    const granted: Record<string, string[]> = {};
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow');
      for (const action of statement.Action) (granted[action] ??= []).push(...statement.Resource.map((resource) => resourcePathOf(stage, resource)));
    }
    const sorted = (access: Record<string, string[]>) => Object.fromEntries(Object.entries(access).map(([action, paths]) => [action, [...paths].sort()]));
    expect(sorted(granted)).toEqual(sorted(API_GATEWAY_ACCESS[functionKey] ?? {}));
  });

  it.each(['createApp', 'updateApp', 'rotateKey', 'getUsage'])(`%s finds the usage plans of the stage by name (emporium-${stage}-<plan>)`, (functionKey) => {
    expect((lambdaFunction(templateOf(stage), functionKey).Properties!.Environment as { Variables: Record<string, string> }).Variables.USAGE_PLAN_PREFIX).toBe(
      `emporium-${stage}-`,
    );
  });
});
