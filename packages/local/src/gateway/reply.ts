import type { ProblemDefinition } from '@emporium/common/http/problem';
import { defineProblem, PROBLEM_CONTENT_TYPE, problemOf } from '@emporium/common/http/problem';
import { CORS_HEADERS } from '@emporium/common/http/response';

/** What the front door sends back: status, headers, body. */
export interface Reply {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** Answered by the gateway itself (API Gateway: a gateway response), not by a function. */
  gateway?: true;
}

/** Where a gateway problem happened, for its `instance` and `requestId`. */
export interface ProblemContext {
  requestId: string;
  instance: string;
}

/**
 * A gateway-made error in the platform's one envelope, built by the same problem builder as the
 * handlers' errors and the generated GatewayResponses of AWS (@emporium/common/http/problem).
 */
export const gatewayProblem = (definition: ProblemDefinition, detail: string, context: ProblemContext, headers: Record<string, string> = {}): Reply => ({
  gateway: true,
  statusCode: definition.status,
  // CORS as the GatewayResponses and the functions' answers have it (what a browser may read included).
  headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...CORS_HEADERS, ...headers },
  body: Buffer.from(JSON.stringify(problemOf(definition, { detail, instance: context.instance, requestId: context.requestId }))),
});

/** Problems only the local front door answers (HTTP-level ones API Gateway answers in its own way). */
export const LOCAL_GATEWAY_PROBLEMS = {
  METHOD_NOT_ALLOWED: defineProblem({
    code: 'METHOD_NOT_ALLOWED',
    status: 405,
    title: 'Method Not Allowed',
    description: 'The path exists but not with this method (API Gateway answers 404 ROUTE_NOT_FOUND).',
  }),
  MALFORMED_REQUEST_TARGET: defineProblem({
    code: 'MALFORMED_REQUEST_TARGET',
    status: 400,
    title: 'Bad Request',
    description: 'The request target is not a valid path.',
  }),
  MALFORMED_PATH: defineProblem({
    code: 'MALFORMED_PATH',
    status: 400,
    title: 'Bad Request',
    description: 'The request path has an invalid percent-encoding.',
  }),
  REQUEST_TIMEOUT: defineProblem({ code: 'REQUEST_TIMEOUT', status: 408, title: 'Request Timeout', description: 'The request was not received in time.' }),
  HEADERS_TOO_LARGE: defineProblem({
    code: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
    status: 431,
    title: 'Request Header Fields Too Large',
    description: 'The request headers are larger than the gateway accepts.',
  }),
  MALFORMED_REQUEST: defineProblem({ code: 'MALFORMED_REQUEST', status: 400, title: 'Bad Request', description: 'The request is not valid HTTP.' }),
  AUTHORIZER_FAILURE: defineProblem({
    code: 'AUTHORIZER_FAILURE',
    status: 500,
    title: 'Internal Server Error',
    description: 'The authorizer failed; see the platform log.',
  }),
  AUTHORIZER_CONFIGURATION_ERROR: defineProblem({
    code: 'AUTHORIZER_CONFIGURATION_ERROR',
    status: 500,
    title: 'Internal Server Error',
    description: 'The route names an authorizer that does not exist.',
  }),
  SERVICE_STARTING: defineProblem({
    code: 'SERVICE_STARTING',
    status: 503,
    title: 'Service Unavailable',
    description: 'The local platform is still starting this service; retry after Retry-After seconds.',
  }),
  INTERNAL: defineProblem({ code: 'INTERNAL', status: 500, title: 'Internal Server Error', description: 'The local gateway failed; see its log.' }),
} as const;

export const jsonReply = (statusCode: number, value: unknown, headers: Record<string, string> = {}): Reply => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify(value)),
});
