import type { APIGatewayProxyResult } from 'aws-lambda';
import { GATEWAY_PROBLEMS } from '@emporium/common/http/route';
import { FunctionTimeoutError } from '../../runtime/lambda-runtime';
import type { Step } from '../pipeline';
import { problemContext, routed } from '../pipeline';
import type { ProblemContext, Reply } from '../reply';
import { gatewayProblem } from '../reply';
import type { StageCache } from '../stage-cache';

/** Converts a Lambda proxy result to an HTTP reply; a malformed one is a 502, as in API Gateway. */
const fromProxyResult = (result: APIGatewayProxyResult | undefined, context: ProblemContext): Reply => {
  if (!result || typeof result.statusCode !== 'number') {
    return gatewayProblem(GATEWAY_PROBLEMS.FUNCTION_ERROR, 'The function returned a malformed proxy response.', context);
  }
  const headers: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(result.headers ?? {})) headers[key.toLowerCase()] = String(value);
  for (const [key, values] of Object.entries(result.multiValueHeaders ?? {})) headers[key.toLowerCase()] = values.map(String);
  const body = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
  return { statusCode: result.statusCode, headers, body };
};

/**
 * The Lambda proxy integration: invokes the route's function with the event and turns its result
 * into the reply. A timeout or a crash is 502, as in API Gateway. A cached route's answer fills
 * the stage cache (every status, as API Gateway caches whatever the integration answered).
 */
export const integrationStep =
  (cache: StageCache): Step =>
  async (exchange) => {
    const { service, match, event } = routed(exchange);
    const context = problemContext(exchange);
    const fn = service.functions.get(match.route.functionName);
    if (!fn) throw new Error(`No function ${match.route.functionName}`);
    let reply: Reply;
    try {
      reply = fromProxyResult((await fn.invoke(event)) as APIGatewayProxyResult | undefined, context);
    } catch (error) {
      if (error instanceof FunctionTimeoutError) {
        reply = gatewayProblem(GATEWAY_PROBLEMS.FUNCTION_TIMEOUT, `The function did not answer within ${fn.timeoutSeconds}s.`, context);
      } else {
        console.error(`[${service.name}.${fn.name}] invocation failed:`, error);
        reply = gatewayProblem(GATEWAY_PROBLEMS.FUNCTION_ERROR, 'The function failed; see the platform log.', context);
      }
    }
    if (exchange.cacheKey !== undefined) cache.set(exchange.cacheKey, match.route, reply);
    // As in API Gateway, a write does not flush the stage cache: a cached read lives its TTL.
    return reply;
  };
