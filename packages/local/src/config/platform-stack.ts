import { existsSync } from 'node:fs';
import path from 'node:path';
import type { QuotaPeriod } from '../api-management/quota';
import type { UsagePlan } from '../api-management/store';
import { WORKSPACE_ROOT } from '../paths';
import { PlatformError } from '../platform-error';
import { localSecret } from './local-secrets';
import type { ServiceDefinition } from './service-config';
import { loadServiceConfig } from './service-config';

/** The folder of the platform stack (usage plans, first-party API keys). */
export const PLATFORM_STACK_DIR = path.join(WORKSPACE_ROOT, 'platform');

/** The REST API id of a service on the local platform (as its proxy events carry it). */
export const localRestApiId = (service: string): string => `local-${service}`;

export interface ConfiguredKey {
  name: string;
  value: string;
  enabled: boolean;
  description?: string;
  /** The name of the usage plan the stack puts it in. */
  planName: string;
}

export interface ApiManagementConfig {
  plans: Omit<UsagePlan, 'id'>[];
  keys: ConfiguredKey[];
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

const SSM_REFERENCE = /^\{\{resolve:ssm:([^}:]+)\}\}$/;

const refOf = (value: unknown): string | undefined =>
  value !== null && typeof value === 'object' && typeof (value as { Ref?: unknown }).Ref === 'string' ? (value as { Ref: string }).Ref : undefined;

/**
 * The SSM String parameters the services' stacks write that the platform stack reads: each
 * service registers its REST API id (serverless.base.yml: apiRegistration), locally its local id.
 */
const localParameters = (services: readonly ServiceDefinition[]): Map<string, string> => {
  const parameters = new Map<string, string>();
  for (const service of services) {
    for (const resource of Object.values((service.config.resources?.Resources ?? {}) as Resources)) {
      const name = resource.Properties?.['Name'];
      if (resource.Type === 'AWS::SSM::Parameter' && typeof name === 'string' && refOf(resource.Properties?.['Value']) === 'ApiGatewayRestApi') {
        parameters.set(name, localRestApiId(service.name));
      }
    }
  }
  return parameters;
};

const numberOf = (value: unknown, where: string): number => {
  const number = Number(value);
  if (value === undefined || !Number.isFinite(number)) throw new PlatformError(`platform/serverless.yml: ${where} is not a number (${JSON.stringify(value)})`);
  return number;
};

/**
 * The usage plans and first-party API keys of the platform stack (platform/serverless.yml), as
 * CloudFormation would create them for the stage: the same resources, resolved for the local
 * platform. A plan's API stages are those of the mounted services (`{{resolve:ssm:...}}` of their
 * registrations; a service not running is left out); a key's value, an SSM String in AWS, is the
 * local secret of the same name (.emporium/keys/). Undefined when there is no platform stack.
 */
export const loadApiManagement = async (stage: string, services: readonly ServiceDefinition[]): Promise<ApiManagementConfig | undefined> => {
  if (!existsSync(path.join(PLATFORM_STACK_DIR, 'serverless.yml'))) return undefined;
  const { config } = await loadServiceConfig(PLATFORM_STACK_DIR, stage);
  const resources = (config.resources?.Resources ?? {}) as Resources;
  const parameters = localParameters(services);
  const plans = new Map<string, Omit<UsagePlan, 'id'>>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::ApiGateway::UsagePlan') continue;
    const props = resource.Properties ?? {};
    const throttle = props['Throttle'] as Record<string, unknown> | undefined;
    const quota = props['Quota'] as Record<string, unknown> | undefined;
    const stages = (props['ApiStages'] as { ApiId?: unknown; Stage?: unknown }[] | undefined) ?? [];
    plans.set(logicalId, {
      name: typeof props['UsagePlanName'] === 'string' ? props['UsagePlanName'] : logicalId,
      ...(typeof props['Description'] === 'string' ? { description: props['Description'] } : {}),
      apiStages: stages.flatMap((apiStage) => {
        const reference = SSM_REFERENCE.exec(String(apiStage.ApiId))?.[1];
        const apiId = reference ? parameters.get(reference) : undefined;
        return apiId ? [{ apiId, stage: String(apiStage.Stage) }] : [];
      }),
      ...(throttle
        ? {
            throttle: {
              rateLimit: numberOf(throttle['RateLimit'], `${logicalId}.Throttle.RateLimit`),
              burstLimit: numberOf(throttle['BurstLimit'], `${logicalId}.Throttle.BurstLimit`),
            },
          }
        : {}),
      ...(quota ? { quota: { limit: numberOf(quota['Limit'], `${logicalId}.Quota.Limit`), period: String(quota['Period']) as QuotaPeriod } } : {}),
    });
  }
  const planOfKey = new Map<string, string>();
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::ApiGateway::UsagePlanKey') continue;
    const key = refOf(resource.Properties?.['KeyId']);
    const plan = plans.get(refOf(resource.Properties?.['UsagePlanId']) ?? '');
    if (key && plan) planOfKey.set(key, plan.name);
  }
  const keys: ConfiguredKey[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::ApiGateway::ApiKey') continue;
    const props = resource.Properties ?? {};
    const reference = SSM_REFERENCE.exec(String(props['Value']))?.[1];
    if (!reference) throw new PlatformError(`platform/serverless.yml: ${logicalId}.Value must be {{resolve:ssm:<name>}}`);
    const planName = planOfKey.get(logicalId);
    if (!planName) throw new PlatformError(`platform/serverless.yml: ${logicalId} is in no usage plan`);
    keys.push({
      name: typeof props['Name'] === 'string' ? props['Name'] : logicalId,
      value: await localSecret(reference),
      // CloudFormation's default: a key is created disabled unless Enabled says true.
      enabled: props['Enabled'] === true || props['Enabled'] === 'true',
      ...(typeof props['Description'] === 'string' ? { description: props['Description'] } : {}),
      planName,
    });
  }
  return { plans: [...plans.values()], keys };
};
