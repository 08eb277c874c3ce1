/** The REST API: resources, methods, authorizers, request validation, the stage. */
import type { CfnTemplate, CfnValue, FoundResource } from './template';
import { asList, isRecord, referencedLogicalId, resource, resourcesOfType } from './template';
import { functionLogicalId } from './lambda';
// ---------------------------------------------------------------------------------------------
// API Gateway (REST API)
// ---------------------------------------------------------------------------------------------

export interface ApiMethod extends FoundResource {
  httpMethod: string;
  /** The resource path, e.g. `/products/{id}` (`/` for the root resource). */
  path: string;
  /** Logical ID of the AWS::ApiGateway::RestApi the method belongs to. */
  restApiLogicalId: string | undefined;
}

const normalizePath = (value: string): string => `/${value.split('/').filter(Boolean).join('/')}`;

/**
 * The path of an API Gateway resource given a ResourceId/ParentId value: follows the
 * AWS::ApiGateway::Resource chain (PathPart, ParentId) up to the RestApi's RootResourceId.
 */
export const apiResourcePath = (template: CfnTemplate, resourceId: CfnValue): string => {
  const parts: string[] = [];
  const seen = new Set<string>();
  let current = resourceId;
  for (;;) {
    if (isRecord(current) && Array.isArray(current['Fn::GetAtt']) && current['Fn::GetAtt'][1] === 'RootResourceId') break;
    const logicalId = referencedLogicalId(current);
    if (!logicalId) throw new Error(`cannot resolve API Gateway resource ${JSON.stringify(current)}`);
    if (seen.has(logicalId)) throw new Error(`API Gateway resource cycle at ${logicalId}`);
    seen.add(logicalId);
    const res = resource(template, logicalId);
    if (res.Type === 'AWS::ApiGateway::RestApi') break; // { Ref: RestApi } used as root is not valid CFN, but harmless here
    if (res.Type !== 'AWS::ApiGateway::Resource') throw new Error(`${logicalId} is a ${res.Type}, not an AWS::ApiGateway::Resource`);
    parts.unshift(String(res.Properties?.PathPart));
    current = res.Properties?.ParentId;
  }
  return normalizePath(parts.join('/'));
};

/** Every AWS::ApiGateway::Method with its HTTP method and resolved path. */
export const apiMethods = (template: CfnTemplate): ApiMethod[] =>
  resourcesOfType(template, 'AWS::ApiGateway::Method').map(({ logicalId, resource: method }) => ({
    logicalId,
    resource: method,
    httpMethod: String(method.Properties?.HttpMethod).toUpperCase(),
    path: apiResourcePath(template, method.Properties?.ResourceId),
    restApiLogicalId: referencedLogicalId(method.Properties?.RestApiId),
  }));

/**
 * The AWS::ApiGateway::Method for an HTTP method and path (`GET`, `/products/{id}`), resolved
 * through the resource chain rather than the framework's logical ID naming. Throws when there is
 * none or (several REST APIs) more than one; pass restApiLogicalId to choose the API.
 */
export const apiMethod = (template: CfnTemplate, httpMethod: string, resourcePath: string, restApiLogicalId?: string): ApiMethod => {
  const all = apiMethods(template);
  const wanted = { httpMethod: httpMethod.toUpperCase(), path: normalizePath(resourcePath) };
  const found = all.filter(
    (method) =>
      method.httpMethod === wanted.httpMethod &&
      method.path === wanted.path &&
      (restApiLogicalId === undefined || method.restApiLogicalId === restApiLogicalId),
  );
  if (found.length !== 1) {
    const available = all
      .map((method) => `${method.httpMethod} ${method.path}`)
      .sort()
      .join(', ');
    throw new Error(`expected one ${wanted.httpMethod} ${wanted.path} method, found ${found.length}; methods: ${available}`);
  }
  return found[0]!;
};

/** The Integration.CacheKeyParameters of a method (empty when it has none). */
export const cacheKeyParameters = (method: FoundResource): string[] => {
  const integration = method.resource.Properties?.Integration;
  return isRecord(integration) ? asList(integration.CacheKeyParameters).map(String) : [];
};

/** The Lambda function logical ID an AWS_PROXY method integrates with, or undefined. */
export const integratedFunctionLogicalId = (method: FoundResource): string | undefined => {
  const integration = method.resource.Properties?.Integration;
  if (!isRecord(integration)) return undefined;
  const uri = integration.Uri;
  const joined = isRecord(uri) && Array.isArray(uri['Fn::Join']) ? asList(uri['Fn::Join'][1]) : asList(uri);
  return joined.map(referencedLogicalId).find((id) => id !== undefined && id.endsWith('LambdaFunction'));
};

/** The methods (CORS preflight OPTIONS aside) integrated with the function `functionKey`: its http events. */
export const functionApiMethods = (template: CfnTemplate, functionKey: string): ApiMethod[] =>
  apiMethods(template).filter((method) => method.httpMethod !== 'OPTIONS' && integratedFunctionLogicalId(method) === functionLogicalId(functionKey));

/** The RequestParameters of a method (`{ 'method.request.path.id': true }`; empty when it has none). */
export const methodRequestParameters = (method: FoundResource): Record<string, boolean> => {
  const parameters = method.resource.Properties?.RequestParameters;
  return isRecord(parameters) ? Object.fromEntries(Object.entries(parameters).map(([name, required]) => [name, required === true])) : {};
};

/**
 * The AWS::ApiGateway::RequestValidator the method's RequestValidatorId references, or undefined when
 * the method has none. Throws when it references anything else.
 */
export const methodRequestValidator = (template: CfnTemplate, method: FoundResource): FoundResource | undefined => {
  const validatorId = method.resource.Properties?.RequestValidatorId;
  if (validatorId === undefined) return undefined;
  const logicalId = referencedLogicalId(validatorId);
  if (!logicalId) throw new Error(`${method.logicalId}: RequestValidatorId is no reference: ${JSON.stringify(validatorId)}`);
  const validator = resource(template, logicalId);
  if (validator.Type !== 'AWS::ApiGateway::RequestValidator') throw new Error(`${logicalId} (validator of ${method.logicalId}) is a ${validator.Type}`);
  return { logicalId, resource: validator };
};

/**
 * The AWS::ApiGateway::Model the method's RequestModels references for a content type, or undefined
 * when it has none for it. Throws when it references anything else.
 */
export const methodRequestModel = (template: CfnTemplate, method: FoundResource, contentType = 'application/json'): FoundResource | undefined => {
  const models = method.resource.Properties?.RequestModels;
  if (!isRecord(models) || models[contentType] === undefined) return undefined;
  const logicalId = referencedLogicalId(models[contentType]);
  if (!logicalId) throw new Error(`${method.logicalId}: RequestModels[${contentType}] is no reference: ${JSON.stringify(models[contentType])}`);
  const model = resource(template, logicalId);
  if (model.Type !== 'AWS::ApiGateway::Model') throw new Error(`${logicalId} (model of ${method.logicalId}) is a ${model.Type}`);
  return { logicalId, resource: model };
};

/** Which functions' routes have a body model, and its name: `{ createProduct: 'CreateProductRequest' }`. */
export const bodyModelsByFunction = (template: CfnTemplate, functionKeys: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(
    resourcesOfType(template, 'AWS::ApiGateway::Method').flatMap((method): [string, CfnValue][] => {
      const model = methodRequestModel(template, method);
      if (!model) return [];
      const functionKey = functionKeys.find((key) => functionLogicalId(key) === integratedFunctionLogicalId(method));
      if (!functionKey) throw new Error(`${method.logicalId} has a request model but integrates none of ${functionKeys.join(', ')}`);
      return [[functionKey, model.resource.Properties?.Name ?? null]];
    }),
  );

/**
 * The `request.parameters` of a Serverless Framework http event (`{ paths: { id: true },
 * querystrings: { limit: false }, headers: { 'Idempotency-Key': true } }`) as the method's
 * RequestParameters they compile to (`method.request.path.id: true`...).
 */
export const requestParametersOf = (
  parameters: {
    paths?: Record<string, boolean>;
    querystrings?: Record<string, boolean>;
    headers?: Record<string, boolean>;
  } = {},
): Record<string, boolean> => ({
  ...Object.fromEntries(Object.entries(parameters.paths ?? {}).map(([name, required]) => [`method.request.path.${name}`, required])),
  ...Object.fromEntries(Object.entries(parameters.querystrings ?? {}).map(([name, required]) => [`method.request.querystring.${name}`, required])),
  ...Object.fromEntries(Object.entries(parameters.headers ?? {}).map(([name, required]) => [`method.request.header.${name}`, required])),
});

// ---------------------------------------------------------------------------------------------
// The stage (@emporium/api-stage): throttling, stage cache, per-client rate rules
// ---------------------------------------------------------------------------------------------

/** One entry of the stage's MethodSettings, as AWS::ApiGateway::Stage names them. */
export interface StageMethodSetting {
  ResourcePath: string;
  HttpMethod: string;
  ThrottlingRateLimit?: number;
  ThrottlingBurstLimit?: number;
  CachingEnabled?: boolean;
  CacheTtlInSeconds?: number;
  CacheDataEncrypted?: boolean;
  LoggingLevel?: string;
  DataTraceEnabled?: boolean;
  MetricsEnabled?: boolean;
}

/** The one AWS::ApiGateway::Stage of the REST API (the stage the deployment is published to). */
export const apiStage = (template: CfnTemplate): FoundResource => {
  const stages = resourcesOfType(template, 'AWS::ApiGateway::Stage');
  if (stages.length !== 1) throw new Error(`expected one AWS::ApiGateway::Stage, found ${stages.length}`);
  return stages[0]!;
};

/** `/products/{id}` as a MethodSettings ResourcePath: `/~1products~1{id}` (the root stays `/`). */
export const methodSettingsPath = (resourcePath: string): string => {
  const path = normalizePath(resourcePath);
  return path === '/' ? '/' : `/${path.replace(/\//g, '~1')}`;
};

const methodSettings = (template: CfnTemplate): StageMethodSetting[] => {
  const settings = apiStage(template).resource.Properties?.MethodSettings;
  if (!Array.isArray(settings)) throw new Error('the stage has no MethodSettings');
  return settings as StageMethodSetting[];
};

/** The stage-wide MethodSettings entry (`/*`, `*`): every method's defaults. */
export const stageDefaultMethodSetting = (template: CfnTemplate): StageMethodSetting => {
  const found = methodSettings(template).filter((setting) => setting.ResourcePath === '/*' && setting.HttpMethod === '*');
  if (found.length !== 1) throw new Error(`expected one stage-wide MethodSettings entry (/*, *), found ${found.length}`);
  return found[0]!;
};

/** The MethodSettings entry of one method (`GET`, `/products/{id}`); throws when there is not exactly one. */
export const stageMethodSetting = (template: CfnTemplate, httpMethod: string, resourcePath: string): StageMethodSetting => {
  const wanted = { HttpMethod: httpMethod.toUpperCase(), ResourcePath: methodSettingsPath(resourcePath) };
  const all = methodSettings(template);
  const found = all.filter((setting) => setting.HttpMethod === wanted.HttpMethod && setting.ResourcePath === wanted.ResourcePath);
  if (found.length !== 1) {
    const available = all.map((setting) => `${setting.HttpMethod} ${setting.ResourcePath}`).join(', ');
    throw new Error(`expected one MethodSettings entry for ${wanted.HttpMethod} ${wanted.ResourcePath}, found ${found.length}; entries: ${available}`);
  }
  return found[0]!;
};

/** The rules of the stage's AWS WAF web ACL (per-client rate limits), by name; {} without a web ACL. */
export const webAclRules = (template: CfnTemplate): Record<string, Record<string, unknown>> => {
  const acls = resourcesOfType(template, 'AWS::WAFv2::WebACL');
  if (acls.length === 0) return {};
  if (acls.length > 1) throw new Error(`expected at most one AWS::WAFv2::WebACL, found ${acls.length}`);
  const rules = acls[0]!.resource.Properties?.Rules;
  return Object.fromEntries((Array.isArray(rules) ? (rules as Record<string, unknown>[]) : []).map((rule) => [String(rule.Name), rule]));
};
