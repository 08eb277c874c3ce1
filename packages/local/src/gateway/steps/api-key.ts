import { API_KEY_PROBLEMS } from '@emporium/common/http/route';
import type { ApiKeyStore } from '../../api-management/store';
import { localRestApiId } from '../../config/platform-stack';
import type { Step } from '../pipeline';
import { problemContext, routed } from '../pipeline';
import { gatewayProblem } from '../reply';

/**
 * API keys, right after the route match as in API Gateway: on a route that needs one (`private:
 * true`), the `x-api-key` header must name an enabled key that is in a usage plan covering this
 * API stage. Missing, unknown, disabled, revoked or plan-less keys get the same 403
 * INVALID_API_KEY (API Gateway has one gateway response for all of them). The function sees the
 * key in `requestContext.identity` (`apiKey`, `apiKeyId`), as in AWS; the value is never logged.
 */
export const apiKeyStep =
  (store: () => ApiKeyStore | undefined): Step =>
  async (exchange) => {
    const { service, match, event } = routed(exchange);
    if (match.route.http.private !== true) return Promise.resolve(undefined);
    const header = Object.entries(event.headers).find(([name]) => name.toLowerCase() === 'x-api-key')?.[1];
    const admission = store()?.admit(header, localRestApiId(service.name), exchange.stage);
    if (!admission) {
      return gatewayProblem(API_KEY_PROBLEMS.INVALID_API_KEY, 'A valid API key is required in the x-api-key header.', problemContext(exchange));
    }
    exchange.apiKey = admission;
    event.requestContext.identity.apiKey = admission.key.value;
    event.requestContext.identity.apiKeyId = admission.key.id;
    return undefined;
  };
