import { problemOf } from '@emporium/common/http/problem';
import { deprecationOf, gatewayDeprecationHeaders } from '@emporium/common/http/versions';
import { GATEWAY_PROBLEMS } from '@emporium/common/http/route';
import { CLIENT_WINDOWS, MIN_CLIENT_LIMIT, stageSettingsOf } from './settings';
import type { StageConfigInput } from './settings';
import { addGatewayResponseHeaders, applyStageSettings, CLIENT_THROTTLED_DETAIL } from './template';

/**
 * Serverless Framework plugin (listed in serverless.base.yml): puts the service's API Gateway stage
 * into its CloudFormation template at package time (template.ts), from `custom.apiStage` and the
 * http events' `throttling`, `clientThrottling` and `caching` (settings.ts). Throttling and the
 * stage cache are not patched after the deploy (the Framework's own stage update still sets the
 * same tracing, access log and tags), so `serverless package` shows what a deploy sets (docs/adr/0012).
 */

type GatewayResources = { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

interface Naming {
  normalizePath(path: string): string;
  getMethodLogicalId(resourceId: string, method: string): string;
  getApiGatewayLogGroupLogicalId(): string;
}

interface Serverless {
  service: StageConfigInput & {
    service: string;
    /** The `resources` section: one object, or the fragments a serverless.yml lists. */
    resources?: GatewayResources | GatewayResources[];
    provider: {
      environment?: Record<string, unknown>;
      stage?: string;
      tracing?: { apiGateway?: boolean };
      logs?: { restApi?: boolean | { accessLogging?: boolean; format?: string } };
      apiGateway?: { metrics?: boolean };
      tags?: Record<string, string>;
      stackTags?: Record<string, string>;
      compiledCloudFormationTemplate: { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
    };
  };
  getProvider(name: 'aws'): { naming: Naming; getStage(): string };
  configSchemaHandler?: {
    defineCustomProperties(schema: unknown): void;
    defineFunctionEventProperties(provider: string, event: string, schema: unknown): void;
  };
}

/** The access log when the service configures none: one JSON object a request. */
export const DEFAULT_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  apiKeyId: '$context.identity.apiKeyId',
  caller: '$context.authorizer.principalId',
  method: '$context.httpMethod',
  route: '$context.resourcePath',
  path: '$context.path',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  responseLength: '$context.responseLength',
  requestTime: '$context.requestTime',
});

const numberOrParam = { anyOf: [{ type: 'number' }, { type: 'string' }] };
const integerOrParam = { anyOf: [{ type: 'integer' }, { type: 'string' }] };
const booleanOrParam = { anyOf: [{ type: 'boolean' }, { type: 'string' }] };

const throttleSchema = {
  type: 'object',
  properties: { rateLimit: numberOrParam, burstLimit: integerOrParam },
  additionalProperties: false,
};

const schemas = {
  custom: {
    properties: {
      apiStage: {
        type: 'object',
        properties: {
          throttling: throttleSchema,
          caching: {
            type: 'object',
            properties: {
              enabled: booleanOrParam,
              clusterSize: { type: 'string' },
              ttlInSeconds: integerOrParam,
              dataEncrypted: booleanOrParam,
            },
            additionalProperties: false,
          },
        },
        required: ['throttling'],
        additionalProperties: false,
      },
    },
  },
  http: {
    properties: {
      throttling: throttleSchema,
      clientThrottling: {
        type: 'object',
        description: `At most \`limit\` (>= ${MIN_CLIENT_LIMIT}) requests per client IP in \`windowSeconds\` (${CLIENT_WINDOWS.join(', ')})`,
        properties: { limit: integerOrParam, windowSeconds: integerOrParam },
        required: ['limit', 'windowSeconds'],
        additionalProperties: false,
      },
      caching: {
        type: 'object',
        properties: {
          enabled: booleanOrParam,
          ttlInSeconds: integerOrParam,
          dataEncrypted: booleanOrParam,
          cacheKeyParameters: {
            type: 'array',
            items: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false },
          },
        },
        additionalProperties: false,
      },
    },
  },
};

export default class ApiStagePlugin {
  readonly hooks: Record<string, () => void>;

  constructor(private readonly serverless: Serverless) {
    serverless.configSchemaHandler?.defineCustomProperties(schemas.custom);
    serverless.configSchemaHandler?.defineFunctionEventProperties('aws', 'http', schemas.http);
    this.hooks = {
      'before:package:finalize': () => this.compile(),
      // `serverless offline start` packages nothing; @emporium/local/serverless-offline renders the
      // `resources` section's gateway responses after this (docs/adr/0024), deprecation headers included.
      'before:offline:start:init': () => this.addDeprecationHeaders(),
    };
  }

  private compile(): void {
    const { service } = this.serverless;
    const aws = this.serverless.getProvider('aws');
    const { provider } = service;
    const settings = stageSettingsOf({ ...service, provider: { ...provider, stage: aws.getStage() } });
    const restApiLogs = typeof provider.logs?.restApi === 'object' ? provider.logs.restApi : provider.logs?.restApi ? {} : undefined;
    const throttled = problemOf(GATEWAY_PROBLEMS.THROTTLED, { detail: CLIENT_THROTTLED_DETAIL });
    applyStageSettings(provider.compiledCloudFormationTemplate, settings, {
      service: service.service,
      methodLogicalId: (method, path) => aws.naming.getMethodLogicalId(aws.naming.normalizePath(path), method),
      tracingEnabled: provider.tracing?.apiGateway === true,
      metricsEnabled: provider.apiGateway?.metrics === true,
      ...(restApiLogs && restApiLogs.accessLogging !== false
        ? { accessLog: { logGroupLogicalId: aws.naming.getApiGatewayLogGroupLogicalId(), format: restApiLogs.format ?? DEFAULT_ACCESS_LOG_FORMAT } }
        : {}),
      tags: { ...provider.stackTags, ...provider.tags },
      throttledBody: JSON.stringify(throttled),
    });
    this.addDeprecationHeaders();
  }

  /**
   * A deprecated API version (API_DEPRECATION, from versions.yml): the gateway responses of the
   * `resources` section (merged into the template after this hook) carry its headers too.
   */
  private addDeprecationHeaders(): void {
    const { service } = this.serverless;
    const { provider } = service;
    const environment = Object.fromEntries(
      Object.entries(provider.environment ?? {}).map(([name, value]) => [name, typeof value === 'string' ? value : undefined]),
    );
    const deprecation = deprecationOf(environment);
    if (deprecation) {
      for (const fragment of ([] as GatewayResources[]).concat(service.resources ?? []))
        addGatewayResponseHeaders(fragment.Resources ?? {}, gatewayDeprecationHeaders(deprecation));
    }
  }
}
