import * as PROBLEMS from '@emporium/common/problems';
import type { Step } from '../pipeline';
import { problemContext, routed } from '../pipeline';
import { gatewayProblem } from '../reply';

/**
 * Request validation before the function runs, as API Gateway's RequestValidator does: missing
 * required parameters (BAD_REQUEST_PARAMETERS) or a body that fails the route's model
 * (BAD_REQUEST_BODY) are 400 VALIDATION_FAILED in the envelope, naming what failed; the function
 * is not invoked. The function validates again (defence in depth).
 */
export const validateStep = (): Step => async (exchange) => {
  const { match, event } = routed(exchange);
  const { validator } = match.route;
  if (!validator) return Promise.resolve(undefined);
  const outcome = validator.validate({
    pathParameters: event.pathParameters,
    query: event.queryStringParameters,
    headers: event.headers,
    contentType: exchange.request.headers['content-type'],
    body: event.isBase64Encoded ? null : event.body,
  });
  if (outcome.ok) return undefined;
  return gatewayProblem(PROBLEMS.VALIDATION_FAILED, outcome.message, problemContext(exchange));
};
