import type { ClientRateRule } from '@emporium/api-stage/settings';
import { matchesUriPattern } from '@emporium/api-stage/settings';
import { CLIENT_THROTTLED_DETAIL } from '@emporium/api-stage/template';
import { GATEWAY_PROBLEMS } from '@emporium/common/http/route';
import type { Step } from '../pipeline';
import { problemContext } from '../pipeline';
import { gatewayProblem } from '../reply';
import type { Clock } from '../throttle/token-bucket';
import { ClientWindows } from '../throttle/client-window';

/**
 * Per-client rate rules, in front of everything as AWS WAF is in front of API Gateway: a request
 * whose method and URL-decoded path match a rule (the web ACL's statements) is counted for
 * its client (the TCP peer's address, never a header) and refused with 429 THROTTLED and the
 * rule's static Retry-After (its window) while the client is over the limit.
 */
export const clientRateStep = (rules: () => readonly ClientRateRule[], clock: Clock = Date.now): Step => {
  const counters = new WeakMap<ClientRateRule, ClientWindows>();
  return async (exchange) => {
    const path = exchange.url.pathname;
    const client = exchange.request.socket.remoteAddress ?? 'unknown';
    for (const rule of rules()) {
      if (rule.method !== exchange.method || !matchesUriPattern(rule, path)) continue;
      let windows = counters.get(rule);
      if (!windows) counters.set(rule, (windows = new ClientWindows(rule, clock)));
      if (!windows.admit(client)) {
        return gatewayProblem(GATEWAY_PROBLEMS.THROTTLED, CLIENT_THROTTLED_DETAIL, problemContext(exchange), { 'retry-after': String(rule.windowSeconds) });
      }
    }
    return Promise.resolve(undefined);
  };
};
