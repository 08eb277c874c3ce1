import type { StageConfigInput } from '@emporium/api-stage/settings';
import { stageSettingsOf } from '@emporium/api-stage/settings';
import type { HttpEventConfig } from '../config/service-config';
import type { RequestValidator } from './request-validator';
import type { Route } from './router';
import { compileRoute } from './router';

/** The stage of the gateway's own tests: roomy limits, the cache on. */
export const TEST_API_STAGE = { throttling: { rateLimit: 1000, burstLimit: 1000 }, caching: { enabled: true, ttlInSeconds: 60 } };

/**
 * A route from an http event as a service's serverless.yml declares it, with its stage settings
 * computed as the platform computes them (@emporium/api-stage): for the gateway's unit tests.
 */
export const testRoute = (
  service: string,
  functionName: string,
  http: HttpEventConfig & Record<string, unknown>,
  options: { apiStage?: NonNullable<StageConfigInput['custom']>['apiStage']; validator?: RequestValidator } = {},
): Route => {
  const settings = stageSettingsOf({
    provider: { stage: 'local' },
    custom: { apiStage: options.apiStage ?? TEST_API_STAGE },
    functions: { [functionName]: { events: [{ http }] } },
  });
  const stage = settings.methods[0];
  if (!stage) throw new Error('no method');
  return compileRoute({
    service,
    functionName,
    method: stage.method,
    resource: stage.path,
    http,
    stage,
    ...(options.validator ? { validator: options.validator } : {}),
  });
};
