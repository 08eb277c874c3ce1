/**
 * Infrastructure test: packages users (`serverless package`, offline, no AWS account) for the
 * stages dev, test and prod and asserts on the CloudFormation it would deploy and on the function
 * zips. The platform-wide conventions (runtime, tracing, log retention, one role per function, the
 * shared authorizer, gateway responses, request validation as openapi/gateway.json says, the
 * OpenAPI document, artifacts, per-stage data protection, the base table shape, exactly the listed
 * routes) come from describePlatformConventions (@emporium/testing/platform-checks). The
 * expectations below (IAM surface, secrets, routes and caching, validated bodies, table
 * attributes) are the review document of the service's infrastructure: change them together with
 * serverless.yml (and the contract, for the bodies).
 */
import path from 'node:path';
import { resource, singleResourceOfType } from '@emporium/testing/cloudformation/template';
import { type Stage, STAGE_SETTINGS, STAGES } from '@emporium/testing/cloudformation/stages';
import { functionLogicalId, functionPolicyStatements, lambdaFunction, statementsForService } from '@emporium/testing/cloudformation/lambda';
import { apiMethod, webAclRules, bodyModelsByFunction, integratedFunctionLogicalId, stageMethodSetting } from '@emporium/testing/cloudformation/api-gateway';
import type { DynamoDbAccess } from '@emporium/testing/platform-checks';
import {
  AUTHORIZER_LOGICAL_ID,
  describePlatformConventions,
  TABLE_ARN,
  OPENAPI_DOCUMENT_ROUTE,
  packageStagesForSuite,
} from '@emporium/testing/platform-checks';

const SERVICE_DIR = path.resolve(__dirname, '..');
const SERVICE = 'users';

/**
 * The whole DynamoDB surface of the service: every function, the exact DynamoDB actions its own
 * role allows on the table. A function missing here, an extra action or a wider resource fails.
 */
const onTable = (...actions: string[]): DynamoDbAccess => ({ actions, resources: actions.length > 0 ? [TABLE_ARN] : [] });
const DYNAMODB_ACCESS: Record<string, DynamoDbAccess> = {
  authorize: onTable(),
  getOpenApiDocument: onTable(),
  registerUser: onTable('dynamodb:PutItem'),
  signIn: onTable('dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'),
  getMe: onTable('dynamodb:GetItem'),
  updateMe: onTable('dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'),
  getUser: onTable('dynamodb:GetItem'),
  getJwks: onTable(),
  issueServiceToken: onTable(),
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

/**
 * Routes (paths below the base path v1/users): method, path, the function behind it, whether the
 * authorizer guards it and whether the stage cache keeps its answers (only public documents: a
 * cached answer of a protected route would be served to any caller the authorizer lets through).
 */
const ROUTES: { method: string; path: string; functionKey: string; authorized: boolean; cached: boolean; throttle?: 'registration' | 'signIn' | 'writes' }[] = [
  { ...OPENAPI_DOCUMENT_ROUTE, authorized: false, cached: true },
  { method: 'POST', path: '/', functionKey: 'registerUser', authorized: false, cached: false, throttle: 'registration' },
  { method: 'POST', path: '/sessions', functionKey: 'signIn', authorized: false, cached: false, throttle: 'signIn' },
  { method: 'GET', path: '/me', functionKey: 'getMe', authorized: true, cached: false },
  { method: 'PATCH', path: '/me', functionKey: 'updateMe', authorized: true, cached: false, throttle: 'writes' },
  { method: 'GET', path: '/{id}', functionKey: 'getUser', authorized: true, cached: false },
  { method: 'GET', path: '/.well-known/jwks.json', functionKey: 'getJwks', authorized: false, cached: true },
  { method: 'POST', path: '/service-tokens', functionKey: 'issueServiceToken', authorized: false, cached: false, throttle: 'signIn' },
];

/**
 * The request bodies API Gateway validates before the function runs: function -> model name (the
 * model's schema is generated from the contract into openapi/gateway.json; that the template holds
 * exactly that schema is a platform convention). Every other route has no body model.
 */
const BODY_MODELS: Record<string, string> = {
  registerUser: 'RegisterUserRequest',
  signIn: 'SignInRequest',
  updateMe: 'UpdateMeRequest',
  issueServiceToken: 'IssueServiceTokenRequest',
};

const suite = packageStagesForSuite({ serviceDir: SERVICE_DIR });
const { templateOf } = suite;

describe.each(STAGES)('users packaged for %s', (stage) => {
  describePlatformConventions({
    ...suite,
    serviceDir: SERVICE_DIR,
    service: SERVICE,
    stage,
    dynamodbAccess: DYNAMODB_ACCESS,
    routes: ROUTES,
    // Reading (and decrypting) SSM SecureStrings: which functions, which parameters is checked below.
    extraAllowedActions: ['ssm:GetParameter', 'kms:Decrypt'],
  });

  describe('DynamoDB table', () => {
    it('has only the key attributes, no global indexes, TTL on expiresAt', () => {
      const props = resource(templateOf(stage), 'Table').Properties!;
      expect(props.AttributeDefinitions).toEqual([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ]);
      expect(props.GlobalSecondaryIndexes).toBeUndefined();
      expect(props.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    });
  });

  describe('Lambda functions', () => {
    const variablesOf = (functionKey: string) =>
      (lambdaFunction(templateOf(stage), functionKey).Properties!.Environment as { Variables: Record<string, unknown> }).Variables;

    it.each(FUNCTIONS)('%s: no signing key in the environment, only its parameter name where it is read', (functionKey) => {
      const variables = variablesOf(functionKey);
      expect(variables.JWT_SIGNING_KEY).toBeUndefined();
      expect(variables.JWT_SIGNING_KEY_PARAMETER).toBe(SIGNING_KEY_READERS.includes(functionKey) ? `/emporium/${stage}/jwt-signing-key` : undefined);
    });

    // Events (passwords, tokens) are never logged: httpHandler sets logEvent: false in code.
    it('signIn issues tokens for 15 minutes', () => {
      expect(variablesOf('signIn').ACCESS_TOKEN_TTL_SECONDS).toBe('900');
    });
  });

  describe('IAM (one role per function)', () => {
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
  });

  describe('API Gateway', () => {
    it.each(ROUTES)('$method $path -> $functionKey, authorizer: $authorized', ({ method, path: routePath, functionKey, authorized }) => {
      const found = apiMethod(templateOf(stage), method, routePath);
      expect(integratedFunctionLogicalId(found)).toBe(functionLogicalId(functionKey));
      const props = found.resource.Properties!;
      if (authorized) {
        expect(props.AuthorizationType).toBe('CUSTOM');
        // The shared TOKEN authorizer (its declaration is a platform convention).
        expect(props.AuthorizerId).toEqual({ Ref: AUTHORIZER_LOGICAL_ID });
      } else {
        expect(props.AuthorizationType).toBe('NONE');
        expect(props.AuthorizerId).toBeUndefined();
      }
    });

    it.each(ROUTES)('$method $path: cached at the stage: $cached', ({ method, path: routePath, cached }) => {
      const setting = stageMethodSetting(templateOf(stage), method, routePath);
      expect(setting.CachingEnabled).toBe(cached);
      if (cached) expect(setting.CacheTtlInSeconds).toBe(STAGE_SETTINGS[stage].cacheTtlInSeconds);
    });

    it.each(ROUTES)('$method $path: throttled as $throttle (the stage default when undefined)', ({ method, path: routePath, throttle }) => {
      const expected = throttle ? STAGE_SETTINGS[stage].throttleClasses[throttle] : STAGE_SETTINGS[stage].throttle;
      expect(stageMethodSetting(templateOf(stage), method, routePath)).toMatchObject({
        ThrottlingRateLimit: expected.rateLimit,
        ThrottlingBurstLimit: expected.burstLimit,
      });
    });

    // Per client (source IP), in front of the stage: sign-in cannot be used to guess passwords or
    // to lock accounts out at scale, registration cannot mint accounts in bulk.
    it.each([
      ['signIn', 'POST', '/sessions', '/v1/users/sessions'],
      ['registration', 'POST', '/', '/v1/users'],
    ] as const)('limits each client on %s (%s %s) with an AWS WAF rate-based rule answering 429 THROTTLED', (limitName, method, _path, domainPath) => {
      const functionKey = limitName === 'signIn' ? 'signIn' : 'registerUser';
      const rule = webAclRules(templateOf(stage))[`client-rate-${functionKey}`];
      const { limit, windowSeconds } = STAGE_SETTINGS[stage].clientLimits[limitName];
      expect(rule).toMatchObject({
        Statement: { RateBasedStatement: { Limit: limit, EvaluationWindowSec: windowSeconds, AggregateKeyType: 'IP' } },
        Action: { Block: { CustomResponse: { ResponseCode: 429, ResponseHeaders: [{ Name: 'Retry-After', Value: String(windowSeconds) }] } } },
      });
      const scope = JSON.stringify(rule);
      expect(scope).toContain(`"SearchString":"${method}"`);
      expect(scope).toContain(`"RegexString":"^(${domainPath.slice(0, '/v1/users'.length)}|/${stage})${_path === '/' ? '' : _path}/?$"`);
      expect(scope).toContain('"Type":"URL_DECODE"');
    });

    it('answers a blocked client in the envelope, and associates the web ACL with this stage', () => {
      const acl = singleResourceOfType(templateOf(stage), 'AWS::WAFv2::WebACL').resource.Properties!;
      expect(Object.keys(webAclRules(templateOf(stage))).sort()).toEqual(['client-rate-registerUser', 'client-rate-signIn']);
      expect(acl).toMatchObject({ Name: `users-${stage}`, Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
      const body = JSON.parse((acl.CustomResponseBodies as Record<string, { Content: string }>).throttled!.Content) as Record<string, unknown>;
      expect(body).toMatchObject({ status: 429, code: 'THROTTLED', title: 'Too Many Requests' });
      expect(singleResourceOfType(templateOf(stage), 'AWS::WAFv2::WebACLAssociation').resource.Properties!.ResourceArn).toEqual({
        'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${ApiGatewayRestApi}/stages/${ApiGatewayStage}',
      });
    });

    it(`the gateway validates the bodies of exactly ${Object.keys(BODY_MODELS).join(', ')}, each against its model`, () => {
      expect(bodyModelsByFunction(templateOf(stage), FUNCTIONS)).toEqual(BODY_MODELS);
    });
  });
});
