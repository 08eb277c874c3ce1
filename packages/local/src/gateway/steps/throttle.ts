import { GATEWAY_PROBLEMS } from '@emporium/common/http/route';
import type { Step } from '../pipeline';
import { problemContext, routed } from '../pipeline';
import { gatewayProblem } from '../reply';
import type { Buckets } from '../throttle/token-bucket';

/**
 * Stage throttling, as API Gateway applies it after the authorizer: one token bucket per method
 * of the stage, with the method's rate and burst from the same settings the CloudFormation stage
 * is written from (@emporium/api-stage). Empty: 429 THROTTLED with Retry-After, and the function
 * is not invoked. Runs before the stage cache: cached answers count too, as in AWS.
 */
export const throttleStep =
  (buckets: Buckets): Step =>
  async (exchange) => {
    const { service, match } = routed(exchange);
    const { route } = match;
    const admission = buckets.take(`${service.name} ${route.method} ${route.resource}`, route.stage.throttle);
    if (admission.allowed) return Promise.resolve(undefined);
    return gatewayProblem(GATEWAY_PROBLEMS.THROTTLED, `More than ${route.stage.throttle.rateLimit} requests a second (bursts of ${route.stage.throttle.burstLimit}) to ${route.method} ${service.basePath}${route.resource === '/' ? '' : route.resource}; retry after ${admission.retryAfterSeconds} s.`, problemContext(exchange), {
      'retry-after': String(admission.retryAfterSeconds),
    });
  };
