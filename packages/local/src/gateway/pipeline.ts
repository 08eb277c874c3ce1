import type { ClientRateRule } from '@emporium/api-stage/settings';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ApiKey, UsagePlan } from '../api-management/store';
import type { IncomingMessage } from 'node:http';
import type { LocalFunction } from '../runtime/lambda-runtime';
import type { GatewayAuthorizer } from './authorizer';
import type { ProblemContext, Reply } from './reply';
import type { RouteMatch, Router } from './router';

/** A service as the front door mounts it: its base path on the domain, routes, functions, authorizers. */
export interface MountedService {
  name: string;
  region: string;
  /** Authorizers by function name, for routes that declare `authorizer`. */
  authorizers: Map<string, GatewayAuthorizer>;
  basePath: string;
  router: Router;
  functions: Map<string, LocalFunction>;
  corsHeaders: string[];
  /** Its stage's per-client rate rules (AWS WAF in front of the stage). */
  clientRateRules: ClientRateRule[];
  /**
   * Headers of every answer the gateway itself makes for this stack (its gateway responses in AWS):
   * a deprecated API version's Deprecation, Sunset and Link (@emporium/api-stage adds the same).
   */
  gatewayHeaders: Readonly<Record<string, string>>;
}

/** One request on its way through the gateway; each step reads it and may add to it. */
export interface Exchange {
  request: IncomingMessage;
  url: URL;
  method: string;
  body: Buffer;
  requestId: string;
  stage: string;
  /** Set by the route step. */
  service?: MountedService;
  match?: RouteMatch;
  /** The Lambda proxy event, built by the route step once the route is known. */
  event?: APIGatewayProxyEvent;
  /** Set by the API key step on a route that needs a key: the key and the usage plan it calls under. */
  apiKey?: { key: ApiKey; plan: UsagePlan };
  /** Set by the stage cache step when the route is cached: the entry to look up and to fill. */
  cacheKey?: string;
  /** Whether the answer came from the stage cache (undefined: the route is not cached). */
  cached?: boolean;
}

export const problemContext = (exchange: Exchange): ProblemContext => ({ requestId: exchange.requestId, instance: exchange.url.pathname });

/** A step answers (ends the request with a reply) or lets the request go on (undefined). */
export type Step = (exchange: Exchange) => Promise<Reply | undefined>;

/**
 * Runs the steps in order until one answers. The front door's steps follow API Gateway's order
 * for a REST API request (gateway/front-door.ts):
 *
 *   per-client rate rules (AWS WAF, in front of the gateway) -> route match -> API key
 *   -> authorizer -> throttling and quota -> request validation -> stage cache
 *   -> integration (the Lambda function)
 */
export const runPipeline = async (steps: readonly Step[], exchange: Exchange): Promise<Reply> => {
  for (const step of steps) {
    const reply = await step(exchange);
    if (reply) return reply;
  }
  throw new Error('No gateway step answered the request');
};

/** The route step has run: the exchange has a service, a route and an event. */
export const routed = (exchange: Exchange): Required<Pick<Exchange, 'service' | 'match' | 'event'>> => {
  const { service, match, event } = exchange;
  if (!service || !match || !event) throw new Error('gateway step ran before the route step');
  return { service, match, event };
};
