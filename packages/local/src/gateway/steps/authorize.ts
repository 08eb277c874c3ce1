import * as PROBLEMS from '@emporium/common/problems';
import type { Step } from '../pipeline';
import { problemContext, routed } from '../pipeline';
import { gatewayProblem, LOCAL_GATEWAY_PROBLEMS } from '../reply';

/**
 * The route's Lambda TOKEN authorizer, run as API Gateway runs it (gateway/authorizer.ts): no
 * token -> 401 without invoking; `Unauthorized` -> 401; a policy that does not allow the method ->
 * 403; a failing authorizer -> 500. On Allow its context reaches the function's event.
 */
export const authorizeStep =
  (stage: string): Step =>
  async (exchange) => {
    const { service, match, event } = routed(exchange);
    const config = match.route.http.authorizer;
    if (!config) return undefined;
    const context = problemContext(exchange);
    const name = typeof config === 'string' ? config : ((config as { name?: string }).name ?? '');
    const authorizer = service.authorizers.get(name);
    if (!authorizer) return gatewayProblem(LOCAL_GATEWAY_PROBLEMS.AUTHORIZER_CONFIGURATION_ERROR, `No authorizer function named ${name}.`, context);
    const header = Object.entries(event.headers).find(([key]) => key.toLowerCase() === 'authorization')?.[1];
    const methodArn = `arn:aws:execute-api:${service.region}:000000000000:${event.requestContext.apiId}/${stage}/${event.httpMethod}${event.path.slice(service.basePath.length)}`;
    const outcome = await authorizer.authorize(header, methodArn);
    switch (outcome.kind) {
      case 'allow':
        event.requestContext.authorizer = outcome.context;
        return undefined;
      case 'unauthorized':
        return gatewayProblem(PROBLEMS.UNAUTHORIZED, 'A valid bearer token is required.', context, { 'www-authenticate': 'Bearer' });
      case 'denied':
        return gatewayProblem(PROBLEMS.FORBIDDEN, 'Not allowed.', context);
      case 'failed':
        return gatewayProblem(LOCAL_GATEWAY_PROBLEMS.AUTHORIZER_FAILURE, 'The authorizer failed; see the platform log.', context);
    }
  };
