import { stageSettingsOf } from './settings';
import { addGatewayResponseHeaders, applyStageSettings, methodSettingsPath } from './template';

const fixture = () => ({
  Resources: {
    ApiGatewayRestApi: { Type: 'AWS::ApiGateway::RestApi', Properties: {} },
    ApiGatewayMethodProductsIdVarGet: {
      Type: 'AWS::ApiGateway::Method',
      Properties: { RequestParameters: { 'method.request.path.id': true }, Integration: { Type: 'AWS_PROXY' } },
    },
    ApiGatewayMethodSessionsPost: { Type: 'AWS::ApiGateway::Method', Properties: { Integration: { Type: 'AWS_PROXY' } } },
    ApiGatewayDeployment123: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: { Ref: 'ApiGatewayRestApi' }, StageName: 'dev' } },
    ApiGatewayUsagePlan: { Type: 'AWS::ApiGateway::UsagePlan', DependsOn: 'ApiGatewayDeployment123', Properties: {} },
  } as Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: string | string[] }>,
});

const settings = (clientThrottling?: unknown) =>
  stageSettingsOf({
    provider: { stage: 'dev' },
    custom: {
      apiStage: { throttling: { rateLimit: 100, burstLimit: 200 }, caching: { enabled: true, ttlInSeconds: 30 } },
      customDomain: { basePath: 'v1/users' },
    },
    functions: {
      getProduct: {
        events: [
          {
            http: {
              path: '/products/{id}',
              method: 'get',
              caching: { enabled: true, cacheKeyParameters: [{ name: 'request.path.id' }, { name: 'request.header.If-None-Match' }] },
            },
          },
        ],
      },
      signIn: {
        events: [
          { http: { path: '/sessions', method: 'post', throttling: { rateLimit: 10, burstLimit: 20 }, ...(clientThrottling ? { clientThrottling } : {}) } },
        ],
      },
    },
  });

const options = {
  service: 'users',
  methodLogicalId: (method: string, path: string) =>
    `ApiGatewayMethod${path === '/products/{id}' ? 'ProductsIdVar' : 'Sessions'}${method.charAt(0)}${method.slice(1).toLowerCase()}`,
  tracingEnabled: true,
  metricsEnabled: false,
  accessLog: { logGroupLogicalId: 'ApiGatewayLogGroup', format: '{"requestId":"$context.requestId"}' },
  tags: { project: 'emporium' },
  throttledBody: '{"code":"THROTTLED"}',
};

describe('applyStageSettings', () => {
  it('makes the stage a resource of its own on the deployment, with the throttles and stage cache', () => {
    const template = fixture();
    applyStageSettings(template, settings(), options);
    expect(template.Resources.ApiGatewayDeployment123!.Properties).toEqual({ RestApiId: { Ref: 'ApiGatewayRestApi' } });
    const stage = template.Resources.ApiGatewayStage!;
    expect(stage.Type).toBe('AWS::ApiGateway::Stage');
    expect(stage.Properties).toMatchObject({
      RestApiId: { Ref: 'ApiGatewayRestApi' },
      DeploymentId: { Ref: 'ApiGatewayDeployment123' },
      StageName: 'dev',
      TracingEnabled: true,
      CacheClusterEnabled: true,
      CacheClusterSize: '0.5',
      AccessLogSetting: { DestinationArn: { 'Fn::GetAtt': ['ApiGatewayLogGroup', 'Arn'] }, Format: '{"requestId":"$context.requestId"}' },
      Tags: [{ Key: 'project', Value: 'emporium' }],
    });
    const logging = { LoggingLevel: 'OFF', DataTraceEnabled: false, MetricsEnabled: false };
    expect(stage.Properties!.MethodSettings).toEqual([
      { ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200, ...logging },
      {
        ResourcePath: '/~1products~1{id}',
        HttpMethod: 'GET',
        ThrottlingRateLimit: 100,
        ThrottlingBurstLimit: 200,
        CachingEnabled: true,
        CacheTtlInSeconds: 30,
        CacheDataEncrypted: false,
        ...logging,
      },
      { ResourcePath: '/~1sessions', HttpMethod: 'POST', ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20, CachingEnabled: false, ...logging },
    ]);
  });

  it('makes what waited for the deployment (its stage) wait for the stage', () => {
    const template = fixture();
    applyStageSettings(template, settings(), options);
    expect(template.Resources.ApiGatewayUsagePlan!.DependsOn).toEqual(['ApiGatewayDeployment123', 'ApiGatewayStage']);
  });

  it("puts a cached method's key parameters and namespace on the method", () => {
    const template = fixture();
    applyStageSettings(template, settings(), options);
    const method = template.Resources.ApiGatewayMethodProductsIdVarGet!.Properties!;
    expect(method.RequestParameters).toEqual({ 'method.request.path.id': true, 'method.request.header.If-None-Match': false });
    expect(method.Integration).toEqual({
      Type: 'AWS_PROXY',
      CacheKeyParameters: ['method.request.path.id', 'method.request.header.If-None-Match'],
      CacheNamespace: 'ApiGatewayMethodProductsIdVarGetCacheNS',
    });
    expect(template.Resources.ApiGatewayMethodSessionsPost!.Properties!.Integration).toEqual({ Type: 'AWS_PROXY' });
  });

  it('adds no web ACL without per-client limits', () => {
    const template = fixture();
    applyStageSettings(template, settings(), options);
    expect(Object.values(template.Resources).filter((r) => r.Type.startsWith('AWS::WAFv2'))).toEqual([]);
  });

  it('turns per-client limits into an AWS WAF rate-based rule on the stage, answering 429 in the envelope', () => {
    const template = fixture();
    applyStageSettings(template, settings({ limit: 10, windowSeconds: 60 }), options);
    const acl = template.Resources.ApiGatewayWebAcl!;
    expect(acl).toMatchObject({
      Type: 'AWS::WAFv2::WebACL',
      Properties: {
        Name: 'users-dev',
        Scope: 'REGIONAL',
        DefaultAction: { Allow: {} },
        CustomResponseBodies: { throttled: { ContentType: 'APPLICATION_JSON', Content: '{"code":"THROTTLED"}' } },
        VisibilityConfig: { CloudWatchMetricsEnabled: true, MetricName: 'users-dev', SampledRequestsEnabled: true },
      },
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a WAF rule is deeply nested JSON
    const [rule] = acl.Properties!.Rules as any[];
    expect(rule).toMatchObject({
      Name: 'client-rate-signIn',
      Priority: 0,
      Action: { Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'throttled', ResponseHeaders: [{ Name: 'Retry-After', Value: '60' }] } } },
    });
    const statement = rule!.Statement.RateBasedStatement;
    expect(statement).toMatchObject({ Limit: 10, EvaluationWindowSec: 60, AggregateKeyType: 'IP' });
    const [method, path] = statement.ScopeDownStatement.AndStatement.Statements;
    expect(method.ByteMatchStatement).toMatchObject({ FieldToMatch: { Method: {} }, PositionalConstraint: 'EXACTLY', SearchString: 'POST' });
    expect(path.RegexMatchStatement).toEqual({
      FieldToMatch: { UriPath: {} },
      RegexString: '^(/v1/users|/dev)/sessions/?$',
      TextTransformations: [{ Priority: 0, Type: 'URL_DECODE' }],
    });
    expect(template.Resources.ApiGatewayWebAclAssociation).toEqual({
      Type: 'AWS::WAFv2::WebACLAssociation',
      Properties: {
        ResourceArn: { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${ApiGatewayRestApi}/stages/${ApiGatewayStage}' },
        WebACLArn: { 'Fn::GetAtt': ['ApiGatewayWebAcl', 'Arn'] },
      },
    });
  });

  it('leaves a template without a REST API alone', () => {
    const template = { Resources: { Table: { Type: 'AWS::DynamoDB::Table' } } };
    applyStageSettings(template, settings(), options);
    expect(template).toEqual({ Resources: { Table: { Type: 'AWS::DynamoDB::Table' } } });
  });
});

describe('methodSettingsPath', () => {
  it.each([
    ['/', '/'],
    ['/products', '/~1products'],
    ['/products/{id}/release', '/~1products~1{id}~1release'],
  ])('%s -> %s', (path, escaped) => expect(methodSettingsPath(path)).toBe(escaped));
});

describe('addGatewayResponseHeaders', () => {
  const resources = () => ({
    GatewayResponseDefault4xx: {
      Type: 'AWS::ApiGateway::GatewayResponse',
      Properties: { ResponseType: 'DEFAULT_4XX', ResponseParameters: { 'gatewayresponse.header.Content-Type': "'application/problem+json'" } },
    },
    GatewayResponseThrottled: { Type: 'AWS::ApiGateway::GatewayResponse', Properties: { ResponseType: 'THROTTLED' } },
    Table: { Type: 'AWS::DynamoDB::Table', Properties: {} },
  });

  it('adds each header as a quoted static value to every gateway response, keeping their own, and touches nothing else', () => {
    const found = resources();
    addGatewayResponseHeaders(found, { Deprecation: '@1796601600', Link: '</v2/catalog>; rel="successor-version"' });
    expect(found.GatewayResponseDefault4xx.Properties.ResponseParameters).toEqual({
      'gatewayresponse.header.Content-Type': "'application/problem+json'",
      'gatewayresponse.header.Deprecation': "'@1796601600'",
      'gatewayresponse.header.Link': `'</v2/catalog>; rel="successor-version"'`,
    });
    expect((found.GatewayResponseThrottled.Properties as Record<string, unknown>).ResponseParameters).toEqual({
      'gatewayresponse.header.Deprecation': "'@1796601600'",
      'gatewayresponse.header.Link': `'</v2/catalog>; rel="successor-version"'`,
    });
    expect(found.Table).toEqual({ Type: 'AWS::DynamoDB::Table', Properties: {} });
  });

  it('changes nothing without headers, and refuses a value a static string cannot hold', () => {
    const found = resources();
    addGatewayResponseHeaders(found, {});
    expect(found).toEqual(resources());
    expect(() => addGatewayResponseHeaders(resources(), { Link: "<it's>" })).toThrow('a static value cannot hold a single quote');
  });
});
