import { monitoringConfigOf, monitoringResources } from './alarms';

/**
 * Serverless Framework plugin (listed in serverless.base.yml): adds the stack's CloudWatch alarms
 * and dashboard (alarms.ts) to its template at package time, from `custom.monitoring`. No AWS call:
 * `serverless package` shows what a deploy creates (docs/adr/0018).
 */
interface Serverless {
  service: {
    service: string;
    custom?: { monitoring?: Record<string, unknown> };
    provider: { compiledCloudFormationTemplate: { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> } };
  };
  getProvider(name: 'aws'): { getStage(): string };
  configSchemaHandler?: { defineCustomProperties(schema: unknown): void };
}

const numberOrParam = { anyOf: [{ type: 'number' }, { type: 'string' }] };

const schema = {
  properties: {
    monitoring: {
      type: 'object',
      properties: {
        notify: { anyOf: [{ type: 'boolean' }, { type: 'string' }] },
        topicName: { type: 'string' },
        periodSeconds: numberOrParam,
        minRequests: numberOrParam,
        api: {
          type: 'object',
          properties: { serverErrorRatePercent: numberOrParam, clientErrorRatePercent: numberOrParam, p99LatencyMs: numberOrParam },
          additionalProperties: false,
        },
        functions: { type: 'object', properties: { errors: numberOrParam, throttles: numberOrParam }, additionalProperties: false },
        tables: { type: 'object', properties: { throttledRequests: numberOrParam, systemErrors: numberOrParam }, additionalProperties: false },
      },
      required: ['topicName', 'api', 'functions', 'tables'],
      additionalProperties: false,
    },
  },
};

export default class MonitoringPlugin {
  readonly hooks: Record<string, () => void>;

  constructor(private readonly serverless: Serverless) {
    serverless.configSchemaHandler?.defineCustomProperties(schema);
    // After the Framework merges `resources` into the template: the tables are there by then.
    this.hooks = { 'after:aws:package:finalize:mergeCustomProviderResources': () => this.compile() };
  }

  private compile(): void {
    const { service } = this.serverless;
    const config = monitoringConfigOf(service.custom?.monitoring);
    if (!config) return;
    const resources = service.provider.compiledCloudFormationTemplate.Resources;
    Object.assign(resources, monitoringResources({ service: service.service, stage: this.serverless.getProvider('aws').getStage(), resources }, config));
  }
}
