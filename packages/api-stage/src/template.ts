import type { ClientRateRule, MethodSettings, StageSettings } from './settings';

/**
 * Writes a service's stage settings into its CloudFormation template (docs/adr/0012):
 *
 * - the stage becomes an `AWS::ApiGateway::Stage` resource (`ApiGatewayStage`) pointing at the
 *   framework's deployment, instead of a side effect of `Deployment.StageName`, so its throttling,
 *   stage cache, tracing and access log are in the template (reviewed, diffed, promoted, rolled
 *   back with the stack) rather than patched onto the stage after the deploy;
 * - each cached method gets its cache key parameters and namespace;
 * - per-client rate rules become one AWS WAF web ACL (rate-based rules answering 429 in the
 *   platform's envelope) associated with the stage.
 */

type Template = { Resources: Record<string, Resource>; Outputs?: Record<string, unknown> };
type Resource = { Type: string; Properties?: Record<string, unknown>; DependsOn?: string | string[] };

export const STAGE_LOGICAL_ID = 'ApiGatewayStage';
export const WEB_ACL_LOGICAL_ID = 'ApiGatewayWebAcl';
export const WEB_ACL_ASSOCIATION_LOGICAL_ID = 'ApiGatewayWebAclAssociation';
const REST_API_LOGICAL_ID = 'ApiGatewayRestApi';
/** The key of the WAF custom response body every client rate rule answers with. */
export const THROTTLED_BODY_KEY = 'throttled';
/** What a client over a per-client rate rule is told (AWS WAF's body is static: no request id). */
export const CLIENT_THROTTLED_DETAIL = 'Too many requests from your address to this route; retry after Retry-After seconds.';

export interface StageTemplateOptions {
  service: string;
  /** The framework's logical id of a method (its naming: `ApiGatewayMethodProductsIdVarGet`). */
  methodLogicalId: (method: string, path: string) => string;
  tracingEnabled: boolean;
  metricsEnabled: boolean;
  /** The access log: the framework's log group and the format from provider.logs.restApi. */
  accessLog?: { logGroupLogicalId: string; format: string };
  tags: Record<string, string>;
  /** The body a client over its rate limit gets from AWS WAF: the platform's problem envelope. */
  throttledBody: string;
}

/** `/products/{id}` as a MethodSettings ResourcePath: `/~1products~1{id}`; the root stays `/`. */
export const methodSettingsPath = (path: string): string => (path === '/' ? '/' : `/${path.replace(/\//g, '~1')}`);

const throttleFields = (method: Pick<MethodSettings, 'throttle'>) => ({
  ThrottlingRateLimit: method.throttle.rateLimit,
  ThrottlingBurstLimit: method.throttle.burstLimit,
});

const methodSettings = (settings: StageSettings, options: StageTemplateOptions) => {
  // Execution logs stay off (the access log has what operations need); data traces would log
  // request bodies, passwords among them.
  const logging = { LoggingLevel: 'OFF', DataTraceEnabled: false, MetricsEnabled: options.metricsEnabled };
  return [
    { ResourcePath: '/*', HttpMethod: '*', ...throttleFields(settings), ...logging },
    // A method's entry overrides the stage's for that method entirely, so each repeats every field.
    ...settings.methods.map((method) => ({
      ResourcePath: methodSettingsPath(method.path),
      HttpMethod: method.method,
      ...throttleFields(method),
      CachingEnabled: method.caching.enabled,
      ...(method.caching.enabled ? { CacheTtlInSeconds: method.caching.ttlInSeconds, CacheDataEncrypted: method.caching.dataEncrypted } : {}),
      ...logging,
    })),
  ];
};

const dependsOn = (resource: Resource): string[] => (resource.DependsOn === undefined ? [] : ([] as string[]).concat(resource.DependsOn));

const findDeployment = (template: Template): string => {
  const deployments = Object.entries(template.Resources).filter(([, resource]) => resource.Type === 'AWS::ApiGateway::Deployment');
  if (deployments.length !== 1) throw new Error(`expected one AWS::ApiGateway::Deployment in the template, found ${deployments.length}`);
  return deployments[0]![0];
};

const cacheKeys = (template: Template, method: MethodSettings, options: StageTemplateOptions): void => {
  if (!method.caching.enabled || method.caching.cacheKeyParameters.length === 0) return;
  const logicalId = options.methodLogicalId(method.method, method.path);
  const resource = template.Resources[logicalId];
  if (resource?.Type !== 'AWS::ApiGateway::Method' || !resource.Properties) throw new Error(`no method ${logicalId} for ${method.method} ${method.path}`);
  const properties = resource.Properties as { RequestParameters?: Record<string, boolean>; Integration?: Record<string, unknown> };
  const integration = (properties.Integration ??= {});
  const requestParameters = (properties.RequestParameters ??= {});
  integration.CacheKeyParameters = method.caching.cacheKeyParameters.map((name) => `method.${name}`);
  for (const name of method.caching.cacheKeyParameters) requestParameters[`method.${name}`] ??= false;
  integration.CacheNamespace = `${logicalId}CacheNS`;
};

const byteMatch = (field: Record<string, unknown>, text: string) => ({
  ByteMatchStatement: { FieldToMatch: field, PositionalConstraint: 'EXACTLY', SearchString: text, TextTransformations: [{ Priority: 0, Type: 'NONE' }] },
});

/** The URI path, URL-decoded first (so `/v1/users/%73essions` is the sign-in path too), against a regex. */
const uriMatch = (pattern: string) => ({
  RegexMatchStatement: { FieldToMatch: { UriPath: {} }, RegexString: pattern, TextTransformations: [{ Priority: 0, Type: 'URL_DECODE' }] },
});

const visibility = (metricName: string) => ({ CloudWatchMetricsEnabled: true, MetricName: metricName, SampledRequestsEnabled: true });

/** An AWS WAF rate-based rule: at most `limit` requests per client IP in the window on this route; over it, 429. */
const wafRule = (rule: ClientRateRule, priority: number, service: string) => {
  return {
    Name: rule.name,
    Priority: priority,
    Statement: {
      RateBasedStatement: {
        Limit: rule.limit,
        EvaluationWindowSec: rule.windowSeconds,
        AggregateKeyType: 'IP',
        ScopeDownStatement: { AndStatement: { Statements: [byteMatch({ Method: {} }, rule.method), uriMatch(rule.uriPattern)] } },
      },
    },
    Action: {
      Block: {
        CustomResponse: {
          ResponseCode: 429,
          CustomResponseBodyKey: THROTTLED_BODY_KEY,
          ResponseHeaders: [{ Name: 'Retry-After', Value: String(rule.windowSeconds) }],
        },
      },
    },
    VisibilityConfig: visibility(`${service}-${rule.name}`),
  };
};

/** Applies the stage settings to the compiled template (in place). A template without a REST API is left alone. */
export const applyStageSettings = (template: Template, settings: StageSettings, options: StageTemplateOptions): void => {
  if (!template.Resources[REST_API_LOGICAL_ID]) return;
  const deployment = findDeployment(template);
  const deploymentResource = template.Resources[deployment]!;
  delete deploymentResource.Properties?.StageName;

  template.Resources[STAGE_LOGICAL_ID] = {
    Type: 'AWS::ApiGateway::Stage',
    Properties: {
      RestApiId: { Ref: REST_API_LOGICAL_ID },
      DeploymentId: { Ref: deployment },
      StageName: settings.stage,
      TracingEnabled: options.tracingEnabled,
      CacheClusterEnabled: settings.cache.clusterEnabled,
      ...(settings.cache.clusterEnabled ? { CacheClusterSize: settings.cache.clusterSize } : {}),
      ...(options.accessLog
        ? { AccessLogSetting: { DestinationArn: { 'Fn::GetAtt': [options.accessLog.logGroupLogicalId, 'Arn'] }, Format: options.accessLog.format } }
        : {}),
      MethodSettings: methodSettings(settings, options),
      Tags: Object.entries(options.tags).map(([Key, Value]) => ({ Key, Value })),
    },
  };
  // What used the stage through the deployment (usage plans, API keys) waits for the stage now.
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (logicalId !== STAGE_LOGICAL_ID && dependsOn(resource).includes(deployment)) resource.DependsOn = [...dependsOn(resource), STAGE_LOGICAL_ID];
  }
  for (const method of settings.methods) cacheKeys(template, method, options);

  if (settings.clientRateRules.length === 0) return;
  const name = `${options.service}-${settings.stage}`;
  template.Resources[WEB_ACL_LOGICAL_ID] = {
    Type: 'AWS::WAFv2::WebACL',
    Properties: {
      Name: name,
      Scope: 'REGIONAL',
      Description: `Per-client rate limits of ${name} (@emporium/api-stage)`,
      DefaultAction: { Allow: {} },
      CustomResponseBodies: { [THROTTLED_BODY_KEY]: { ContentType: 'APPLICATION_JSON', Content: options.throttledBody } },
      Rules: settings.clientRateRules.map((rule, index) => wafRule(rule, index, options.service)),
      VisibilityConfig: visibility(name),
    },
  };
  template.Resources[WEB_ACL_ASSOCIATION_LOGICAL_ID] = {
    Type: 'AWS::WAFv2::WebACLAssociation',
    Properties: {
      // Ref of a stage is its name: the association waits for the stage.
      ResourceArn: { 'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}::/restapis/\${${REST_API_LOGICAL_ID}}/stages/\${${STAGE_LOGICAL_ID}}` },
      WebACLArn: { 'Fn::GetAtt': [WEB_ACL_LOGICAL_ID, 'Arn'] },
    },
  };
};

/**
 * Static headers on every gateway response of the stack (`AWS::ApiGateway::GatewayResponse`): a
 * deprecated API version's Deprecation, Sunset and Link (@emporium/common/http/versions), so the
 * gateway's own answers (401, 403, 404, 429, 5xx) say what the functions' answers say. A header
 * value in a gateway response is a quoted static string.
 */
export const addGatewayResponseHeaders = (resources: Record<string, Resource>, headers: Readonly<Record<string, string>>): void => {
  if (Object.keys(headers).length === 0) return;
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::ApiGateway::GatewayResponse') continue;
    const properties = (resource.Properties ??= {});
    const parameters = { ...(properties.ResponseParameters as Record<string, string> | undefined) };
    for (const [name, value] of Object.entries(headers)) {
      if (value.includes("'")) throw new Error(`gateway response header ${name}: a static value cannot hold a single quote (${value})`);
      parameters[`gatewayresponse.header.${name}`] = `'${value}'`;
    }
    properties.ResponseParameters = parameters;
  }
};
