import { API_KEY_PROBLEMS, GATEWAY_PROBLEMS } from '@emporium/common/http/route';
import type { ApiKeyStore } from '../../api-management/store';
import type { Exchange, Step } from '../pipeline';
import { problemContext, routed } from '../pipeline';
import type { Reply } from '../reply';
import { gatewayProblem } from '../reply';
import type { Admission, Buckets } from '../throttle/token-bucket';

const throttled = (exchange: Exchange, admission: Extract<Admission, { allowed: false }>, detail: string): Reply =>
  gatewayProblem(GATEWAY_PROBLEMS.THROTTLED, `${detail}; retry after ${admission.retryAfterSeconds} s.`, problemContext(exchange), {
    'retry-after': String(admission.retryAfterSeconds),
  });

/**
 * Throttling and quota, as API Gateway applies them after the authorizer:
 *
 * 1. the API key's usage plan throttle (one token bucket per key and plan, shared by every API
 *    stage of the plan);
 * 2. the stage throttle of the method (one bucket per method, all clients together), from the same
 *    settings the CloudFormation stage is written from (@emporium/api-stage);
 * 3. the key's quota for the period (429 QUOTA_EXCEEDED until it resets), and the request is
 *    counted in the key's usage of the day.
 *
 * An empty bucket is 429 THROTTLED with Retry-After and the function is not invoked. Before the
 * stage cache: cached answers count too, as in AWS. Without `throttle` (benchmarks of the handler
 * path), 1 and 2 are skipped; quotas still hold.
 */
export const throttleStep =
  (buckets: Buckets, store: () => ApiKeyStore | undefined, options: { throttle: boolean }): Step =>
  async (exchange) => {
    const { service, match } = routed(exchange);
    const { route } = match;
    const { apiKey } = exchange;
    if (options.throttle && apiKey?.plan.throttle) {
      const admission = buckets.take(`plan ${apiKey.plan.id} ${apiKey.key.id}`, apiKey.plan.throttle);
      if (!admission.allowed)
        return throttled(
          exchange,
          admission,
          `More than ${apiKey.plan.throttle.rateLimit} requests a second (bursts of ${apiKey.plan.throttle.burstLimit}) for this API key's plan`,
        );
    }
    if (options.throttle) {
      const admission = buckets.take(`${service.name} ${route.method} ${route.resource}`, route.stage.throttle);
      if (!admission.allowed) {
        const path = `${service.basePath}${route.resource === '/' ? '' : route.resource}`;
        return throttled(
          exchange,
          admission,
          `More than ${route.stage.throttle.rateLimit} requests a second (bursts of ${route.stage.throttle.burstLimit}) to ${route.method} ${path}`,
        );
      }
    }
    if (apiKey) {
      const quota = store()?.countRequest(apiKey.plan.id, apiKey.key.id);
      if (quota && !quota.allowed) {
        return gatewayProblem(
          API_KEY_PROBLEMS.QUOTA_EXCEEDED,
          `The API key's quota of ${apiKey.plan.quota?.limit} requests a ${apiKey.plan.quota?.period.toLowerCase()} is used up; it resets on ${quota.resetsOn} (UTC).`,
          problemContext(exchange),
        );
      }
    }
    return Promise.resolve(undefined);
  };
