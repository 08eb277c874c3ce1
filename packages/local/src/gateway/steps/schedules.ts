import * as PROBLEMS from '@emporium/common/problems';
import type { LocalScheduler } from '../../runtime/scheduler';
import type { Step } from '../pipeline';
import { problemContext } from '../pipeline';
import { gatewayProblem, jsonReply, LOCAL_GATEWAY_PROBLEMS } from '../reply';

/** The scheduled functions on the front door: the platform's own, not API Gateway's. */
export const SCHEDULES_PATH = '/_emporium/schedules';

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * `GET /_emporium/schedules`: every `schedule` event the platform runs (service, function, rate).
 * `POST /_emporium/schedules/{service}/{function}`: runs that function's schedule now, as its rule
 * would, and answers how it went (200 with the result, or 200 with ok: false and the error: the
 * run happened and failed), so tests and developers need not wait for the rate.
 */
export const schedulesStep =
  (scheduler: () => LocalScheduler | undefined): Step =>
  async (exchange) => {
    const { pathname } = exchange.url;
    if (pathname !== SCHEDULES_PATH && !pathname.startsWith(`${SCHEDULES_PATH}/`)) return undefined;
    const context = problemContext(exchange);
    const running = scheduler();
    if (!running)
      return gatewayProblem(LOCAL_GATEWAY_PROBLEMS.SERVICE_STARTING, 'The platform is still starting; schedules run once it is up.', context, {
        'retry-after': '1',
      });
    const [service, functionName, ...rest] = pathname.slice(SCHEDULES_PATH.length).split('/').filter(Boolean);
    if (service === undefined) {
      if (exchange.method !== 'GET' && exchange.method !== 'HEAD') {
        return gatewayProblem(LOCAL_GATEWAY_PROBLEMS.METHOD_NOT_ALLOWED, `Use GET on ${SCHEDULES_PATH}, not ${exchange.method}.`, context, { allow: 'GET' });
      }
      return jsonReply(200, { schedules: running.schedules }, NO_STORE);
    }
    const known = running.schedules.some((schedule) => schedule.service === service && schedule.functionName === functionName);
    if (functionName === undefined || rest.length > 0 || !known) {
      const names = running.schedules.map((schedule) => `${schedule.service}/${schedule.functionName}`).join(', ') || 'none';
      return gatewayProblem(PROBLEMS.ROUTE_NOT_FOUND, `No scheduled function at ${pathname}; scheduled: ${names}.`, context);
    }
    if (exchange.method !== 'POST') {
      return gatewayProblem(LOCAL_GATEWAY_PROBLEMS.METHOD_NOT_ALLOWED, `Use POST to run ${service}/${functionName} now, not ${exchange.method}.`, context, {
        allow: 'POST',
      });
    }
    return jsonReply(200, await running.run(service, functionName), NO_STORE);
  };
