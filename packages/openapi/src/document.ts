import type { ApiContract } from '@emporium/common/http/api';
import type { ProblemDefinition } from '@emporium/common/http/problem';
import { PROBLEM_CONTENT_TYPE, problemOf, problemSchema } from '@emporium/common/http/problem';
import type { ResponseHeaderName, RouteContract } from '@emporium/common/http/route';
import { problemsOf } from '@emporium/common/http/route';
import { z } from 'zod';
import type { oas31, ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import { documented } from './documented';
import { createDocument } from 'zod-openapi';

const RESPONSE_HEADERS: Record<ResponseHeaderName | 'Cache-Control', z.ZodType> = {
  ETag: z
    .string()
    .meta({ description: 'The version of the resource, `"<version>"`: send it as If-Match to change it, or as If-None-Match to revalidate', example: '"3"' }),
  Location: z.string().meta({ description: 'The URL of the created resource', example: '/v1/catalog/products/01JF3Z8X6M4Q2W9RZK7T5B1C0D' }),
  'Retry-After': z.string().meta({ description: 'Seconds to wait before retrying', example: '1' }),
  'Cache-Control': z.string().meta({ description: 'How long caches may keep this answer', example: 'public, max-age=300' }),
};

const headersOf = (names: readonly (ResponseHeaderName | 'Cache-Control')[]) =>
  names.length === 0 ? undefined : z.object(Object.fromEntries(names.map((name) => [name, RESPONSE_HEADERS[name]])));

const ifMatchHeader = (required: boolean) => {
  const schema = z
    .string()
    .meta({ description: 'The ETag of your last read of the resource, e.g. `"3"`: a stale one is 412 and changes nothing', example: '"3"' });
  return required ? schema : schema.optional();
};
const ifNoneMatchHeader = z
  .string()
  .optional()
  .meta({ description: 'The ETag you hold: when it is still current the answer is 304 without a body', example: '"3"' });

type ProblemResponse = NonNullable<ZodOpenApiResponsesObject[`4${string}`]>;

const pascal = (code: string) =>
  code
    .toLowerCase()
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/**
 * One response per status: the codes that share it, each with an example body. Identical
 * responses (the same codes at the same status: 401 UNAUTHORIZED, 429 THROTTLED...) are one
 * component (`#/components/responses/Unauthorized`) that every operation references.
 */
const problemResponses = (problems: readonly ProblemDefinition[], shared: Map<string, ProblemResponse>): ZodOpenApiResponsesObject => {
  const byStatus = new Map<number, ProblemDefinition[]>();
  for (const definition of problems) byStatus.set(definition.status, [...(byStatus.get(definition.status) ?? []), definition]);
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, definitions] of [...byStatus].sort(([a], [b]) => a - b)) {
    const codes = definitions.map((d) => d.code) as [string, ...string[]];
    const id = codes.map(pascal).join('Or');
    let response = shared.get(id);
    if (!response) {
      response = {
        id,
        description: definitions.map((d) => `\`${d.code}\`: ${documented(d.description)}`).join('\n\n'),
        ...(status === 429 || status === 503 ? { headers: headersOf(['Retry-After']) } : {}),
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: z.intersection(problemSchema, z.looseObject({ code: z.enum(codes), status: z.literal(status) })),
            examples: Object.fromEntries(
              definitions.map((d) => [
                d.code,
                { summary: d.title, value: problemOf(d, { detail: documented(d.description), requestId: 'c0a8012e-5f3b-4c6e-9d2a-7b1e8f4a6d35' }) },
              ]),
            ),
          },
        },
      };
      shared.set(id, response);
    }
    responses[String(status) as `4${string}`] = response;
  }
  return responses;
};

const successResponses = (route: RouteContract): ZodOpenApiResponsesObject => {
  const responses: ZodOpenApiResponsesObject = {};
  const cacheHeader: 'Cache-Control'[] = route.method === 'GET' && route.cache ? ['Cache-Control'] : [];
  for (const [status, response] of Object.entries(route.responses)) {
    if (!response) continue;
    const names = [...(response.headers ?? []), ...cacheHeader];
    responses[status as `2${string}`] = {
      description: documented(response.description),
      headers: headersOf(names),
      ...(response.body === undefined ? {} : { content: { 'application/json': { schema: documented(response.body) } } }),
    };
  }
  if (route.etag && route.method === 'GET') {
    responses['304'] = { description: 'Not modified: the ETag in If-None-Match is current', headers: headersOf(['ETag', ...cacheHeader]) };
  }
  return responses;
};

const API_KEY_SCHEME = {
  type: 'apiKey',
  in: 'header',
  name: 'x-api-key',
  description: "Your app's API key, from `POST /v1/developers/apps` (shown once). Metered and throttled by the app's usage plan.",
} as const;

const rolesNote = (route: RouteContract): string =>
  (route.roles ? `\n\nNeeds a bearer token with the role ${route.roles.map((r) => `\`${r}\``).join(' or ')}.` : '\n\nPublic: no token needed.') +
  (route.apiKey ? " Needs your app's API key in `x-api-key` (from /v1/developers)." : '');

const operationOf = (route: RouteContract, shared: Map<string, ProblemResponse>): ZodOpenApiOperationObject => {
  const request = route.request ?? {};
  const headerShape: Record<string, z.core.$ZodType> = { ...(request.headers?._zod.def.shape ?? {}) };
  if (route.ifMatch) headerShape['If-Match'] = ifMatchHeader(route.ifMatch === 'required');
  if (route.etag && route.method === 'GET') headerShape['If-None-Match'] = ifNoneMatchHeader;
  const header = Object.keys(headerShape).length > 0 ? z.object(headerShape) : undefined;
  return {
    operationId: route.operationId,
    summary: documented(route.summary),
    description: `${documented(route.description ?? route.summary)}${rolesNote(route)}`,
    tags: [...documented(route.tags)],
    security: route.roles || route.apiKey ? [{ ...(route.roles ? { bearerAuth: [] } : {}), ...(route.apiKey ? { apiKeyAuth: [] } : {}) }] : [],
    ...(request.params || request.query || header
      ? {
          requestParams: {
            ...(request.params ? { path: request.params } : {}),
            ...(request.query ? { query: request.query } : {}),
            ...(header ? { header } : {}),
          },
        }
      : {}),
    ...(request.body ? { requestBody: { required: true, content: { 'application/json': { schema: request.body } } } } : {}),
    responses: { ...successResponses(route), ...problemResponses(problemsOf(route), shared) },
  };
};

/**
 * The API's OpenAPI 3.1 document, generated from its route contracts (zod-openapi): every route,
 * parameter and header, the bearer security scheme, every success response and every problem code
 * with its status and an example. Served at `<base path>/openapi.json`.
 */
export const openApiDocument = (api: ApiContract): oas31.OpenAPIObject => {
  const paths: ZodOpenApiPathsObject = {};
  const shared = new Map<string, ProblemResponse>();
  for (const route of api.routes) {
    const item = (paths[route.path] ??= {});
    item[route.method.toLowerCase() as 'get'] = operationOf(route, shared);
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: api.title,
      version: api.version,
      description: api.description,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    // Relative: the API is at the same path on every host that serves this document (the local
    // platform, or a stage's custom domain from serverless.base.yml).
    servers: [{ url: api.basePath, description: 'The host serving this document: http://localhost:3000 locally, the stage domain in AWS' }],
    tags: api.tags.map((tag) => ({ ...tag })),
    components: {
      securitySchemes: {
        ...(api.routes.some((route) => route.apiKey) ? { apiKeyAuth: API_KEY_SCHEME } : {}),
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An access token from `POST /v1/users/sessions` (15 minutes), or a service token from `POST /v1/users/service-tokens`.',
        },
      },
    },
    paths,
  }) as oas31.OpenAPIObject;
};
