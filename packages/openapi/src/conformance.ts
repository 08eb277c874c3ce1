import type { ApiContract } from '@emporium/common/http/api';
import { problemSchema, PROBLEM_CONTENT_TYPE } from '@emporium/common/http/problem';
import type { RouteContract } from '@emporium/common/http/route';
import { problemsOf, successStatusesOf } from '@emporium/common/http/route';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod/mini';
import { apiEvent, lambdaContext } from '@emporium/testing/events';
import type { EventInput } from '@emporium/testing/events';
import type { JsonResponse, RequestOptions } from '@emporium/testing/http';
import { request } from '@emporium/testing/http';

/** A response as the checks see it: status, a header lookup and the parsed body. */
export interface CheckedResponse {
  status: number;
  header: (name: string) => string | undefined | null;
  body: unknown;
}

/**
 * What is wrong with a response under the route's contract (empty when it conforms): an undeclared
 * status, a success body that does not match its schema, a declared header missing, a problem
 * that is not the envelope, or a problem code the route does not declare for that status.
 */
export const contractViolations = (route: RouteContract, response: CheckedResponse): string[] => {
  const where = `${route.method} ${route.path} answered ${response.status}`;
  const out: string[] = [];
  if (response.status >= 400) {
    const contentType = response.header('content-type') ?? '';
    if (!contentType.startsWith(PROBLEM_CONTENT_TYPE)) out.push(`${where} as ${contentType || 'no content type'}, not ${PROBLEM_CONTENT_TYPE}`);
    const parsed = problemSchema.safeParse(response.body);
    if (!parsed.success) return [...out, `${where} with a body that is not the problem envelope: ${parsed.error.message}`];
    if (parsed.data.status !== response.status) out.push(`${where} but its problem says status ${parsed.data.status}`);
    const declared = problemsOf(route).filter((p) => p.status === response.status);
    if (!declared.some((p) => p.code === parsed.data.code)) {
      out.push(
        `${where} ${parsed.data.code}, which the contract does not declare for ${response.status} (declared: ${declared.map((p) => p.code).join(', ') || 'none'})`,
      );
    }
    return out;
  }
  if (!successStatusesOf(route).includes(response.status)) {
    return [`${where}, a status the contract does not declare (declared: ${successStatusesOf(route).join(', ')})`];
  }
  if (response.status === 304) {
    if (response.body !== undefined && response.body !== '') out.push(`${where} with a body`);
    if (!response.header('etag')) out.push(`${where} without an ETag`);
    return out;
  }
  const declared = route.responses[response.status as 200];
  if (declared?.body) {
    const parsed = z.safeParse(declared.body, response.body);
    if (!parsed.success)
      out.push(
        `${where} with a body that does not match its schema: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      );
  } else if (response.body !== undefined && response.body !== '') {
    out.push(`${where} with a body the contract does not declare`);
  }
  for (const name of declared?.headers ?? []) if (!response.header(name)) out.push(`${where} without the declared ${name} header`);
  if (route.method === 'GET' && route.cache && !response.header('cache-control')) out.push(`${where} without Cache-Control`);
  return out;
};

/** Fails the test with every violation listed. */
export const expectConforms = (route: RouteContract, response: CheckedResponse): void => {
  const violations = contractViolations(route, response);
  if (violations.length > 0) throw new Error(`Response breaks the contract:\n- ${violations.join('\n- ')}`);
};

export type Handler = (event: APIGatewayProxyEvent, context: ReturnType<typeof lambdaContext>) => Promise<APIGatewayProxyResult>;

/**
 * Invokes a handler with an API Gateway event for its route and checks the answer against the
 * route's contract before the test looks at it: every handler test is a contract test too.
 */
export const invokeRoute = async (route: RouteContract, handler: Handler, input: EventInput = {}) => {
  const event = apiEvent({ method: route.method, resource: route.path, ...input });
  const result = await handler(event, lambdaContext());
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const json: unknown = result.body ? JSON.parse(result.body) : undefined;
  expectConforms(route, { status: result.statusCode, header: (name) => headers[name.toLowerCase()], body: json });
  // Bodies are read loosely by tests.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment
  return { ...result, headers, json: json as any };
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const routeMatcher = (api: ApiContract, route: RouteContract) => {
  const pattern = `${api.basePath}${route.path === '/' ? '' : route.path}`
    .split('/')
    .map((segment) => (/^\{\w+\+\}$/.test(segment) ? '.+' : /^\{\w+\}$/.test(segment) ? '[^/]+' : escape(segment)))
    .join('/');
  return { route, regex: new RegExp(`^${pattern}/?$`), literals: route.path.split('/').filter((s) => s && !s.startsWith('{')).length };
};

/** The route of these APIs that a method + URL path reaches (literal segments win, as in API Gateway). */
export const routeFor = (apis: readonly ApiContract[], method: string, pathname: string): RouteContract | undefined => {
  try {
    decodeURIComponent(pathname);
  } catch {
    return undefined; // the gateway refuses a malformed path before it matches any route
  }
  const candidates = apis
    .flatMap((api) => api.routes.map((route) => routeMatcher(api, route)))
    .filter((m) => m.route.method === method.toUpperCase() && m.regex.test(pathname))
    .sort((a, b) => b.literals - a.literals);
  return candidates[0]?.route;
};

/**
 * `request` (fetch + JSON) that checks every answer from a route of these APIs against its contract:
 * end-to-end tests drive the platform through it, so each of their calls is a contract test too.
 * Answers to paths no route matches (gateway 404/405) are checked to be the problem envelope.
 */
export const contractRequest =
  (apis: readonly ApiContract[]) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async <T = any>(url: string, options: RequestOptions = {}): Promise<JsonResponse<T>> => {
    const response = await request<T>(url, options);
    const { pathname } = new URL(url);
    const method = options.method ?? 'GET';
    const route = routeFor(apis, method, pathname);
    const checked: CheckedResponse = { status: response.status, header: (name) => response.headers.get(name), body: response.text ? response.body : undefined };
    if (route && method !== 'HEAD' && method !== 'OPTIONS') expectConforms(route, checked);
    else if (response.status >= 400 && method !== 'HEAD' && !problemSchema.safeParse(response.body).success) {
      throw new Error(`${method} ${pathname} answered ${response.status} without the problem envelope: ${response.text}`);
    }
    return response;
  };
