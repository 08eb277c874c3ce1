import * as z from 'zod/mini';
import { DOCS, withMeta } from '../contract/meta';
import type { Role } from '../auth/context';
import * as PROBLEMS from '../problems';
import type { ProblemDefinition } from './problem';
import { defineProblem } from './problem';

/**
 * A route's contract: its request (path, query, headers, body) and every response it can give
 * (success bodies and headers, each problem code with its status), declared once, next to the
 * route, in the service's contract package. From it come the handler's parsing and validation
 * (httpHandler), its role check, Cache-Control, ETag/If-None-Match and If-Match handling, the
 * gateway's request models (API Gateway validation, in AWS and locally), the OpenAPI document and
 * the response checks of the tests.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Response headers a contract can declare; each is documented once (openapi). */
export type ResponseHeaderName = 'ETag' | 'Location' | 'Retry-After';

/** Documentation text of a contract: `DOCS && '...'`, so `false` in a function's bundle (docs/adr/0022). */
export type DocsText = string | false;

export interface SuccessResponse {
  description: DocsText;
  /**
   * The JSON body (application/json), as `DOCS && schema`: the documents and the tests' response
   * checks read it, a function never does, so its bundle leaves it out (`false`). None for 204/304.
   */
  body?: z.core.$ZodType | false;
  headers?: readonly ResponseHeaderName[];
}

export interface RouteRequest {
  /** Path parameters, e.g. `{ id }` for `/products/{id}`. */
  params?: z.core.$ZodObject;
  query?: z.core.$ZodObject;
  /** Request headers the route reads, keys in their canonical spelling (`Idempotency-Key`). */
  headers?: z.core.$ZodObject;
  /** The JSON body. */
  body?: z.core.$ZodType;
  /** Largest body accepted (413 above); default DEFAULT_MAX_BODY_BYTES. */
  maxBodyBytes?: number;
}

export interface RouteContract {
  /** Unique per API, camelCase; also the function's name in serverless.yml. */
  operationId: string;
  method: HttpMethod;
  /** API Gateway resource path under the service's base path: `/products/{id}`, `/` for the base path. */
  path: string;
  summary: DocsText;
  description?: DocsText;
  tags: readonly string[] | false;
  /** Roles allowed, with a bearer token; absent for a public route. */
  roles?: readonly Role[];
  /**
   * The route needs an API key (`x-api-key`) of an app on a usage plan: the gateway refuses a
   * missing, unknown, disabled or revoked key (403 INVALID_API_KEY), throttles per key and counts
   * the key's quota (429 QUOTA_EXCEEDED). Third-party and first-party apps send one; a signed-in
   * user still authenticates with the bearer token (docs/adr/0013).
   */
  apiKey?: boolean;
  request?: RouteRequest;
  /**
   * The resource is versioned: success answers carry `ETag: "<version>"`, and a GET answers 304
   * (no body) when If-None-Match names the current ETag.
   */
  etag?: boolean;
  /** If-Match on a change: `required` answers 428 without it; both answer 412 when it is stale. */
  ifMatch?: 'required' | 'optional';
  /**
   * Cache-Control of a GET: `public` (shared caches and the gateway's stage cache may keep it for
   * the stage's cache TTL) or `private` (per-caller data: `private, no-store`).
   */
  cache?: 'public' | 'private';
  /** Success statuses and their bodies. */
  responses: Readonly<Partial<Record<200 | 201 | 202 | 204, SuccessResponse>>>;
  /** The route's own problems (standard ones follow from its shape: problemsOf). */
  problems?: readonly ProblemDefinition[];
}

/** Declares a route's contract, keeping its literal types for the handler. */
export const defineRoute = <const R extends RouteContract>(route: R): R => route;

/** Problems the gateway itself answers on any route (in AWS through GatewayResponses, locally the front door). */
export const GATEWAY_PROBLEMS = {
  THROTTLED: defineProblem({
    code: 'THROTTLED',
    status: 429,
    title: 'Too Many Requests',
    description: DOCS && 'Request rate above the limit; retry after `Retry-After` seconds.',
  }),
  FUNCTION_ERROR: defineProblem({
    code: 'FUNCTION_ERROR',
    status: 502,
    title: 'Bad Gateway',
    description: DOCS && 'The function behind the route failed or answered malformed output.',
  }),
  FUNCTION_TIMEOUT: defineProblem({
    code: 'FUNCTION_TIMEOUT',
    status: 502,
    title: 'Bad Gateway',
    description: DOCS && 'The function behind the route did not answer within its timeout.',
  }),
} as const;

/** What the gateway answers on a route that needs an API key (in AWS through GatewayResponses). */
export const API_KEY_PROBLEMS = {
  INVALID_API_KEY: defineProblem({
    code: 'INVALID_API_KEY',
    status: 403,
    title: 'Forbidden',
    description: DOCS && 'No valid API key: send the key of your app in `x-api-key` (a missing, unknown, disabled or revoked key is refused alike).',
  }),
  QUOTA_EXCEEDED: defineProblem({
    code: 'QUOTA_EXCEEDED',
    status: 429,
    title: 'Too Many Requests',
    description: DOCS && "The API key's quota for this period is used up; it resets at the start of the next period (UTC).",
  }),
} as const;

/**
 * Every problem a route can answer: its own, those that follow from its shape (validation,
 * authentication, preconditions) and those every route can give (500, 503, the gateway's).
 */
export const problemsOf = (route: RouteContract): ProblemDefinition[] => {
  const request = route.request ?? {};
  const found: ProblemDefinition[] = [...(route.problems ?? [])];
  // Any route refuses invalid parameters, and a body where it takes none.
  found.push(PROBLEMS.VALIDATION_FAILED);
  if (request.body) found.push(PROBLEMS.MALFORMED_JSON, PROBLEMS.PAYLOAD_TOO_LARGE, PROBLEMS.UNSUPPORTED_MEDIA_TYPE);
  if (route.roles) found.push(PROBLEMS.UNAUTHORIZED, PROBLEMS.FORBIDDEN);
  if (route.apiKey) found.push(...Object.values(API_KEY_PROBLEMS));
  if (route.ifMatch === 'required') found.push(PROBLEMS.PRECONDITION_REQUIRED);
  if (route.ifMatch) found.push(PROBLEMS.PRECONDITION_FAILED);
  found.push(PROBLEMS.INTERNAL, PROBLEMS.SERVICE_UNAVAILABLE, ...Object.values(GATEWAY_PROBLEMS));
  const byCode = new Map<string, ProblemDefinition>();
  for (const definition of found) byCode.set(definition.code, definition);
  return [...byCode.values()];
};

/** The success statuses a route answers, 304 included for an ETag'd GET. */
export const successStatusesOf = (route: RouteContract): number[] => [
  ...Object.keys(route.responses).map(Number),
  ...(route.etag && route.method === 'GET' ? [304] : []),
];

/** Every API serves its own OpenAPI document at `<base path>/openapi.json` (a public, cached GET). */
export const openApiDocumentRoute = defineRoute({
  operationId: 'getOpenApiDocument',
  method: 'GET',
  path: '/openapi.json',
  summary: DOCS && "This API's OpenAPI 3.1 document",
  description: DOCS && 'The document this page is generated from: every route, parameter, response and problem code.',
  tags: DOCS && ['API'],
  cache: 'public',
  responses: {
    200: { description: DOCS && 'The OpenAPI 3.1 document', body: DOCS && withMeta(z.record(z.string(), z.unknown()), DOCS && { id: 'OpenApiDocument' }) },
  },
});

/** A route's path with its parameters filled in (URL-encoded): `/products/{id}` -> `/products/01J...`. */
export const pathOf = (route: Pick<RouteContract, 'path'>, params: Record<string, string> = {}): string =>
  route.path.replace(/\{(\w+)\+?\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`pathOf(${route.path}): no value for {${name}}`);
    return encodeURIComponent(value);
  });
