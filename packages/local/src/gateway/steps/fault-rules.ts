import * as PROBLEMS from '@emporium/common/problems';
import { defineProblem, PROBLEM_CONTENT_TYPE, problemOf } from '@emporium/common/http/problem';
import type { FaultControl } from '../../engine/faults';
import { FaultRulesError } from '../../engine/faults';
import type { Exchange, Step } from '../pipeline';
import { problemContext } from '../pipeline';
import type { Reply } from '../reply';
import { gatewayProblem, jsonReply, LOCAL_GATEWAY_PROBLEMS } from '../reply';

/** The engine's fault rules on the front door (docs/adr/0020); the platform's own, not API Gateway's. */
export const FAULT_RULES_PATH = '/_emporium/faults';

export const FAULT_RULES_PROBLEMS = {
  INVALID_FAULT_RULES: defineProblem({
    code: 'INVALID_FAULT_RULES',
    status: 400,
    title: 'Bad Request',
    description: 'The fault rules are not valid: `errors` names each problem; the rules in force are unchanged.',
  }),
} as const;

const NO_STORE = { 'cache-control': 'no-store' };

const invalidRules = (exchange: Exchange, error: FaultRulesError, bare: boolean): Reply => {
  // `rules.0.rate` -> `body.0.rate` for a bare list, `body.rules.0.rate` for { rules: [...] }.
  const errors = error.errors.map((e) => ({ path: bare ? e.path.replace(/^rules/, 'body') : `body.${e.path}`, message: e.message }));
  const context = problemContext(exchange);
  return {
    gateway: true,
    statusCode: 400,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...NO_STORE },
    body: Buffer.from(
      JSON.stringify(
        problemOf(FAULT_RULES_PROBLEMS.INVALID_FAULT_RULES, {
          detail: `${errors.length} problem${errors.length === 1 ? '' : 's'} in the fault rules; nothing changed.`,
          instance: context.instance,
          requestId: context.requestId,
          errors,
        }),
      ),
    ),
  };
};

/**
 * `/_emporium/faults`: GET the rules in force with their injection counters, PUT a new set (a list
 * or `{ "rules": [...] }`; replaces the rules, counters from 0), DELETE them all (204).
 */
export const faultRulesStep =
  (faults: () => FaultControl | undefined): Step =>
  async (exchange) => {
    const { pathname } = exchange.url;
    if (pathname !== FAULT_RULES_PATH && pathname !== `${FAULT_RULES_PATH}/`) return undefined;
    const control = faults();
    const context = problemContext(exchange);
    if (!control) return gatewayProblem(PROBLEMS.ROUTE_NOT_FOUND, 'This platform has no DynamoDB engine to inject faults into.', context);
    switch (exchange.method) {
      case 'GET':
      case 'HEAD':
        return jsonReply(200, await control.state(), NO_STORE);
      case 'DELETE':
        await control.clear();
        return { statusCode: 204, headers: NO_STORE, body: Buffer.alloc(0) };
      case 'PUT': {
        let input: unknown;
        try {
          input = JSON.parse(exchange.body.toString('utf8'));
        } catch {
          return gatewayProblem(PROBLEMS.MALFORMED_JSON, 'The body is not valid JSON: send the rules as a JSON list or { "rules": [...] }.', context);
        }
        try {
          return jsonReply(200, await control.set(input), NO_STORE);
        } catch (error) {
          if (error instanceof FaultRulesError) return invalidRules(exchange, error, Array.isArray(input));
          throw error;
        }
      }
      default:
        return gatewayProblem(LOCAL_GATEWAY_PROBLEMS.METHOD_NOT_ALLOWED, `Use GET, PUT or DELETE on ${FAULT_RULES_PATH}, not ${exchange.method}.`, context, {
          allow: 'GET, PUT, DELETE',
        });
    }
  };
