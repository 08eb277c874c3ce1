import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { AuthContext, Role } from '../auth/context';
import { authContextOf } from '../auth/context';
import { contentionError } from '../dynamodb/errors';
import { ForbiddenError, isAppError, UnauthorizedError } from '../errors';
import { getLogger } from '../logger';
import { getMetrics, recordRequest } from '../metrics';
import { cacheControlOf } from './cache-control';
import { etagOf, expectedVersionFrom, ifNoneMatchHits, versionFromIfMatch } from './etag';
import type { Caller, ParsedRequest } from './request';
import { callerOf, headerOf, parseRequest } from './request';
import { jsonResponse, problemResponse } from './response';
import type { RouteContract } from './route';
import { withCorrelation } from '../correlation';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';
import type { Deprecation } from './versions';
import { deprecationHeaders, deprecationOf } from './versions';

type RequestOf<R extends RouteContract> = R['request'] extends object ? R['request'] : Record<never, never>;

export type HttpRequest<R extends RouteContract> = ParsedRequest<RequestOf<R>> & {
  /** Case-insensitive header lookup. */
  header: (name: string) => string | undefined;
  /** The caller; always set on a route with `roles` (the wrapper answers 401 before the route runs). */
  auth: R['roles'] extends readonly Role[] ? AuthContext : AuthContext | undefined;
  /** The version named by If-Match, on routes with `ifMatch` (required: always a number). */
  expectedVersion: R['ifMatch'] extends 'required' ? number : number | undefined;
  /** The request id: the caller's X-Request-Id, or the gateway's (./request-id). */
  requestId: string;
  /** The caller's address and API key id, as the gateway saw them. */
  caller: Caller;
  event: APIGatewayProxyEvent;
};

type Responses<R extends RouteContract> = R['responses'];
/** The declared body's input type (`DOCS && schema`: the schema's); none declared: no body; a contract not known literally: anything. */
type BodyOf<T> = T extends { body: infer B }
  ? Exclude<B, false> extends z.core.$ZodType
    ? z.input<Exclude<B, false>>
    : unknown
  : 'body' extends keyof T
    ? unknown
    : undefined;

interface StatusResult<S, B> {
  status: S;
  body?: B;
  headers?: Record<string, string>;
}

/** What a route's code returns: one of its declared statuses with that status's body (200 by default). */
export type RouteResult<R extends RouteContract> =
  | { [S in keyof Responses<R> & number]: StatusResult<S, BodyOf<Responses<R>[S]>> }[keyof Responses<R> & number]
  | (200 extends keyof Responses<R>
      ? StatusResult<undefined, BodyOf<Responses<R>[200]>> | Omit<StatusResult<200, BodyOf<Responses<R>[200]>>, 'status'>
      : never);

export type HttpHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** The ONE error mapper: AppError -> its status; anything else -> logged, generic 500. */
const problemErrors = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  onError: (request) => {
    const error = contentionError(request.error) ?? request.error;
    if (isAppError(error) && error.status < 500) {
      getLogger().info('request rejected', { code: error.code, status: error.status });
    } else if (isAppError(error)) {
      getLogger().warn('request failed', { code: error.code, status: error.status, error });
    } else {
      getLogger().error('unhandled error', error as Error);
    }
    request.response = problemResponse(error, requestIdOf(request.event), request.event.path);
  },
});

/**
 * The request id (./request-id) in every log line (`correlation_id`; the gateway's own id too when
 * the caller sent one), one INFO line and the metrics (../metrics) per request, and the id on every
 * answer as X-Request-Id, except answers the stage cache keeps:
 * one cached answer is served to many callers, so it carries none (API Gateway's X-Amzn-RequestId,
 * on every answer, names each call).
 */
const requestIds = (cached: boolean): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => {
  const started = new WeakMap<APIGatewayProxyEvent, number>();
  const annotate = (request: { event: APIGatewayProxyEvent; response: APIGatewayProxyResult | null }) => {
    if (!request.response) return;
    if (!cached) request.response.headers = { ...request.response.headers, [REQUEST_ID_HEADER]: requestIdOf(request.event) };
    // One line per request (at INFO) and its metrics: what the function answered, how long it took.
    const begun = started.get(request.event);
    const durationMs = begun !== undefined ? Math.round((performance.now() - begun) * 10) / 10 : undefined;
    getLogger().info('request', {
      method: request.event.httpMethod,
      route: request.event.resource,
      status: request.response.statusCode,
      ...(durationMs !== undefined ? { durationMs } : {}),
    });
    recordRequest(`${request.event.httpMethod} ${request.event.resource}`, request.response.statusCode, durationMs);
  };
  return {
    before: (request) => {
      started.set(request.event, performance.now());
      const requestId = requestIdOf(request.event);
      getLogger().setCorrelationId(requestId);
      if (requestId !== request.event.requestContext.requestId) getLogger().appendKeys({ gateway_request_id: request.event.requestContext.requestId });
    },
    after: annotate,
    onError: annotate,
  };
};

/** A deprecated API version's headers on every response, success and problem alike (./versions). */
const deprecationNotice = (deprecation: Deprecation): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => {
  const annotate = (request: { event: APIGatewayProxyEvent; response: APIGatewayProxyResult | null }) => {
    if (request.response) request.response.headers = { ...request.response.headers, ...deprecationHeaders(deprecation, request.event.path) };
  };
  return { after: annotate, onError: annotate };
};

const authorize = (auth: AuthContext | undefined, roles: readonly Role[] | undefined): void => {
  if (roles === undefined) return;
  if (auth === undefined) throw new UnauthorizedError('Authentication required', { detail: 'Send Authorization: Bearer <accessToken>.' });
  if (!roles.includes(auth.role)) {
    throw new ForbiddenError('Not allowed', { detail: `This operation needs one of the roles: ${roles.join(', ')}.` });
  }
};

const versionOf = (body: unknown): number | undefined => {
  const version = (body as { version?: unknown } | null | undefined)?.version;
  return typeof version === 'number' ? version : undefined;
};

/**
 * Wraps a route's logic into an API Gateway (REST, Lambda proxy) handler, driven by the route's
 * contract: structured logging context, role check, parsing and zod validation of path, query,
 * headers and body, If-Match, JSON serialisation, ETag (from the body's `version`) with 304 for a
 * matching If-None-Match on GET, Cache-Control, one error mapper to problem+json, and a deprecated
 * version's Deprecation/Sunset/Link headers (./versions). Route code stays free of try/catch and
 * HTTP plumbing.
 *
 * @example
 * export const handler = httpHandler(routes.getProduct, async ({ params }) => ({
 *   body: await getProduct(params.id, getDeps()),
 * }));
 */
export const httpHandler = <R extends RouteContract>(route: R, code: (request: HttpRequest<R>) => Promise<RouteResult<R>>): HttpHandler => {
  const deprecation = deprecationOf(process.env);
  return (
    middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
      .use(injectLambdaContext(getLogger(), { resetKeys: true, logEvent: false })) // events hold passwords and tokens
      // Publishes the request's metrics (EMF) after the hooks below added them; cold starts counted.
      .use(logMetrics(getMetrics(), { captureColdStartMetric: true }))
      .use(requestIds(route.method === 'GET' && route.cache === 'public'))
      .use(deprecation ? [deprecationNotice(deprecation)] : [])
      .use(problemErrors())
      .handler(async (event) => {
        const auth = authContextOf(event);
        authorize(auth, route.roles);
        const parsed = parseRequest(event, route.request ?? {});
        const ifMatch = headerOf(event, 'if-match');
        const expectedVersion = route.ifMatch === 'required' ? expectedVersionFrom(ifMatch) : route.ifMatch ? versionFromIfMatch(ifMatch) : undefined;
        const requestId = requestIdOf(event);
        // The route's code runs in the request's correlation: calls to other services forward it.
        const traceHeader = process.env['_X_AMZN_TRACE_ID'];
        const result = (await withCorrelation({ requestId, ...(traceHeader ? { traceHeader } : {}) }, () =>
          code({
            ...(parsed as ParsedRequest<RequestOf<R>>),
            header: (name) => headerOf(event, name),
            auth: auth as HttpRequest<R>['auth'],
            expectedVersion: expectedVersion as HttpRequest<R>['expectedVersion'],
            requestId,
            caller: callerOf(event),
            event,
          }),
        )) as { status?: number; body?: unknown; headers?: Record<string, string> };
        const headers: Record<string, string> = {};
        const cacheControl = cacheControlOf(route);
        if (cacheControl) headers['cache-control'] = cacheControl;
        const version = route.etag ? versionOf(result.body) : undefined;
        if (version !== undefined) headers['etag'] = etagOf(version);
        Object.assign(headers, result.headers);
        if (route.method === 'GET' && headers['etag'] && ifNoneMatchHits(headerOf(event, 'if-none-match'), headers['etag'])) {
          return jsonResponse({ status: 304, headers });
        }
        return jsonResponse({ status: result.status ?? 200, body: result.body, headers });
      })
  );
};
