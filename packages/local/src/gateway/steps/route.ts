import type { Exchange, MountedService, Step } from '../pipeline';
import { problemContext } from '../pipeline';
import { toProxyEvent } from '../proxy-event';
import type { Reply } from '../reply';
import { gatewayProblem, LOCAL_GATEWAY_PROBLEMS } from '../reply';
import * as PROBLEMS from '@emporium/common/problems';

/** What a request to a service still starting is told to wait. */
export const STARTING_RETRY_AFTER_SECONDS = 2;

const corsPreflight = (service: MountedService, allowed: string[]): Reply => ({
  statusCode: 204,
  headers: {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': [...allowed, 'OPTIONS'].join(','),
    'access-control-allow-headers': service.corsHeaders.join(','),
    'access-control-max-age': '600',
  },
  body: Buffer.alloc(0),
});

/**
 * Route match: the custom domain's base path mapping picks the service, then its REST API's
 * resources pick the route. Unknown paths are 404 ROUTE_NOT_FOUND (API Gateway's
 * MISSING_AUTHENTICATION_TOKEN, mapped in the GatewayResponses); a known path with another method
 * is 405 with Allow locally (404 in AWS); OPTIONS on a known path is the CORS preflight. While the
 * platform starts, a path of a service not mounted yet is 503 SERVICE_STARTING with Retry-After.
 */
export const routeStep =
  (services: readonly MountedService[], domainName: (exchange: Exchange) => string, starting: () => readonly string[] = () => []): Step =>
  async (exchange) => {
    const { url, method } = exchange;
    const context = problemContext(exchange);
    try {
      decodeURIComponent(url.pathname);
    } catch {
      return gatewayProblem(LOCAL_GATEWAY_PROBLEMS.MALFORMED_PATH, 'The request path has an invalid percent-encoding.', context);
    }
    const service = services.find((s) => url.pathname === s.basePath || url.pathname.startsWith(`${s.basePath}/`));
    const notFound = () => gatewayProblem(PROBLEMS.ROUTE_NOT_FOUND, `No route for ${method} ${url.pathname}.`, context);
    if (!service) {
      // A service of the platform that is still starting (bundling, tables, seed): come back soon.
      const pending = starting().find((basePath) => url.pathname === basePath || url.pathname.startsWith(`${basePath}/`));
      if (pending) {
        return gatewayProblem(LOCAL_GATEWAY_PROBLEMS.SERVICE_STARTING, `${pending} is starting; retry in a few seconds.`, context, {
          'retry-after': String(STARTING_RETRY_AFTER_SECONDS),
        });
      }
      return notFound();
    }
    const { match, allowed } = service.router.match(method, url.pathname.slice(service.basePath.length) || '/');
    if (method === 'OPTIONS' && allowed.length > 0) return corsPreflight(service, allowed);
    if (!match) {
      if (allowed.length === 0) return notFound();
      return gatewayProblem(LOCAL_GATEWAY_PROBLEMS.METHOD_NOT_ALLOWED, `${method} is not supported here; use ${allowed.join(', ')}.`, context, {
        allow: allowed.join(', '),
      });
    }
    exchange.service = service;
    exchange.match = match;
    exchange.event = toProxyEvent({
      request: exchange.request,
      url,
      match,
      body: exchange.body,
      requestId: exchange.requestId,
      stage: exchange.stage,
      domainName: domainName(exchange),
    });
    return Promise.resolve(undefined);
  };
