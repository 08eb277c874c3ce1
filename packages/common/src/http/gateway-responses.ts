import * as PROBLEMS from '../problems';
import type { ProblemDefinition } from './problem';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';
import { CORS_HEADERS } from './response';
import { API_KEY_PROBLEMS, GATEWAY_PROBLEMS } from './route';

/**
 * API Gateway's own answers (unknown route, bad token, throttled, invalid body...) in the platform's
 * one envelope, as AWS::ApiGateway::GatewayResponse resources. Generated from the same problem
 * builder the handlers and the local front door use into serverless.gateway-responses.json
 * (`pnpm generate`), which serverless.base.yml includes in every service's resources.
 *
 * A gateway response template is not VTL: only `$context` substitutions. `$context.error.messageString`
 * is already a quoted JSON string; `$context.error.validationErrorString` is not.
 */

interface GatewayResponseSpec {
  responseType: string;
  /** Fixed status, or undefined to keep the gateway's (DEFAULT_4XX/5XX). */
  statusCode?: number;
  definition?: ProblemDefinition;
  /** The `detail` as a template fragment (quoted JSON string or a quoted $context variable). */
  detail: string;
  headers?: Record<string, string>;
}

const RAW = '\u0000raw:';
const raw = (template: string) => `${RAW}${template}`;

/** The problem envelope with `$context` placeholders spliced in unquoted where they carry their own quotes. */
const template = (spec: GatewayResponseSpec): string => {
  const body = problem({
    status: spec.statusCode ?? (raw('$context.status') as unknown as number),
    title: spec.definition?.title ?? raw('$context.error.messageString'),
    code: spec.definition?.code ?? raw('"$context.error.responseType"'),
    detail: raw(spec.detail),
    instance: raw('"$context.path"'),
    requestId: raw('"$context.requestId"'),
  });
  if (!spec.definition) body.type = raw('"https://emporium.example.com/problems/gateway-error"');
  return JSON.stringify(body).replace(/"\\u0000raw:((?:[^"\\]|\\.)*)"/g, (_, inner: string) => JSON.parse(`"${inner}"`) as string);
};

const quoted = (text: string) => JSON.stringify(text);

export const GATEWAY_RESPONSES: readonly GatewayResponseSpec[] = [
  { responseType: 'DEFAULT_4XX', detail: '$context.error.messageString' },
  {
    responseType: 'DEFAULT_5XX',
    definition: PROBLEMS.INTERNAL,
    detail: quoted('The gateway could not complete the request; quote the requestId when reporting it.'),
  },
  {
    responseType: 'MISSING_AUTHENTICATION_TOKEN',
    statusCode: 404,
    definition: PROBLEMS.ROUTE_NOT_FOUND,
    detail: quoted('No route matches this method and path.'),
  },
  {
    responseType: 'UNAUTHORIZED',
    statusCode: 401,
    definition: PROBLEMS.UNAUTHORIZED,
    detail: quoted('A valid bearer token is required.'),
    headers: { 'WWW-Authenticate': 'Bearer' },
  },
  { responseType: 'ACCESS_DENIED', statusCode: 403, definition: PROBLEMS.FORBIDDEN, detail: quoted('Not allowed.') },
  {
    responseType: 'THROTTLED',
    statusCode: 429,
    definition: GATEWAY_PROBLEMS.THROTTLED,
    detail: quoted('Request rate above the limit; retry after Retry-After seconds.'),
    headers: { 'Retry-After': '1' },
  },
  // API keys and usage plans: a missing and an invalid key are one response type in API Gateway.
  {
    responseType: 'INVALID_API_KEY',
    statusCode: 403,
    definition: API_KEY_PROBLEMS.INVALID_API_KEY,
    detail: quoted('A valid API key is required in the x-api-key header.'),
  },
  {
    responseType: 'QUOTA_EXCEEDED',
    statusCode: 429,
    definition: API_KEY_PROBLEMS.QUOTA_EXCEEDED,
    detail: quoted("The API key's quota for this period is used up; it resets at the start of the next period (UTC)."),
  },
  // Request validation (models + RequestValidator): the field that failed, in API Gateway's words.
  { responseType: 'BAD_REQUEST_BODY', statusCode: 400, definition: PROBLEMS.VALIDATION_FAILED, detail: '"$context.error.validationErrorString"' },
  { responseType: 'BAD_REQUEST_PARAMETERS', statusCode: 400, definition: PROBLEMS.VALIDATION_FAILED, detail: '"$context.error.validationErrorString"' },
];

const logicalId = (responseType: string) =>
  `GatewayResponse${responseType
    .toLowerCase()
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}`;

/** The CloudFormation `Resources` of every gateway response, for the service's REST API. */
export const gatewayResponseResources = (): Record<string, unknown> =>
  Object.fromEntries(
    GATEWAY_RESPONSES.map((spec) => [
      logicalId(spec.responseType),
      {
        Type: 'AWS::ApiGateway::GatewayResponse',
        Properties: {
          RestApiId: { Ref: 'ApiGatewayRestApi' },
          ResponseType: spec.responseType,
          ...(spec.statusCode !== undefined ? { StatusCode: String(spec.statusCode) } : {}),
          ResponseParameters: {
            'gatewayresponse.header.Content-Type': `'${PROBLEM_CONTENT_TYPE}'`,
            'gatewayresponse.header.Access-Control-Allow-Origin': "'*'",
            // What a browser may read of a gateway answer, as of a function's (Retry-After of a 429 included).
            'gatewayresponse.header.Access-Control-Expose-Headers': `'${CORS_HEADERS['access-control-expose-headers']}'`,
            // The caller's request id, echoed (API Gateway adds X-Amzn-RequestId, its own, to every answer).
            'gatewayresponse.header.X-Request-Id': 'method.request.header.X-Request-Id',
            ...Object.fromEntries(Object.entries(spec.headers ?? {}).map(([name, value]) => [`gatewayresponse.header.${name}`, `'${value}'`])),
          },
          ResponseTemplates: { 'application/json': template(spec) },
        },
      },
    ]),
  );
