/**
 * The platform's error model. Every error a caller may see is an `AppError` with a stable `code`
 * and an HTTP `status`; the HTTP wrapper turns it into one problem+json envelope (RFC 9457).
 * Anything else becomes a generic 500 that never leaks internals.
 *
 * Codes, statuses and titles are declared once as problem definitions (the contract: documented
 * in OpenAPI, listed per route); error classes take them from there (`errorClass`).
 */
import type { ProblemDefinition } from './http/problem';
import { DOCS } from './contract/meta';
import { defineProblem } from './http/problem';

/** One invalid field of a request, e.g. `{ path: 'body.price.amount', message: 'Expected integer' }`. */
export interface FieldError {
  path: string;
  message: string;
  code?: string;
}

export interface AppErrorOptions extends ErrorOptions {
  detail?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

export abstract class AppError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
  abstract readonly title: string;
  /** Human-readable explanation for this occurrence; defaults to the message. */
  readonly detail: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(message: string, options: AppErrorOptions = {}) {
    super(message, options);
    this.name = new.target.name;
    this.detail = options.detail ?? message;
    this.errors = options.errors;
    this.headers = options.headers;
  }
}

/** The base class of the errors of one problem definition: code, status and title come from it. */
export const errorClass = <D extends ProblemDefinition>(definition: D) => {
  abstract class DefinedError extends AppError {
    static readonly definition: D = definition;
    readonly code: D['code'] = definition.code;
    readonly status: number = definition.status;
    readonly title: string = definition.title;
  }
  return DefinedError;
};

/** Problems every service shares: request shape, authentication, concurrency, availability. */
export const PROBLEMS = {
  VALIDATION_FAILED: defineProblem({
    code: 'VALIDATION_FAILED',
    status: 400,
    title: 'Bad Request',
    description: DOCS && 'A path, query, header or body field is missing or invalid; `errors` names each one.',
  }),
  MALFORMED_JSON: defineProblem({
    code: 'MALFORMED_JSON',
    status: 400,
    title: 'Bad Request',
    description: DOCS && 'The request body is not valid JSON.',
  }),
  UNAUTHORIZED: defineProblem({
    code: 'UNAUTHORIZED',
    status: 401,
    title: 'Unauthorized',
    description: DOCS && 'No valid bearer token: send `Authorization: Bearer <accessToken>` from POST /v1/users/sessions.',
  }),
  FORBIDDEN: defineProblem({
    code: 'FORBIDDEN',
    status: 403,
    title: 'Forbidden',
    description: DOCS && 'The token is valid but its role may not do this.',
  }),
  NOT_FOUND: defineProblem({ code: 'NOT_FOUND', status: 404, title: 'Not Found', description: DOCS && 'No such resource.' }),
  ROUTE_NOT_FOUND: defineProblem({
    code: 'ROUTE_NOT_FOUND',
    status: 404,
    title: 'Not Found',
    description: DOCS && 'No route matches this method and path.',
  }),
  CONFLICT: defineProblem({ code: 'CONFLICT', status: 409, title: 'Conflict', description: DOCS && 'The request conflicts with the current state.' }),
  PRECONDITION_FAILED: defineProblem({
    code: 'PRECONDITION_FAILED',
    status: 412,
    title: 'Precondition Failed',
    description: DOCS && 'If-Match names a version that is no longer current: read the resource again and retry.',
  }),
  PAYLOAD_TOO_LARGE: defineProblem({
    code: 'PAYLOAD_TOO_LARGE',
    status: 413,
    title: 'Payload Too Large',
    description: DOCS && 'The request body is larger than this route accepts.',
  }),
  UNSUPPORTED_MEDIA_TYPE: defineProblem({
    code: 'UNSUPPORTED_MEDIA_TYPE',
    status: 415,
    title: 'Unsupported Media Type',
    description: DOCS && 'Send the body as `application/json`.',
  }),
  UNPROCESSABLE_ENTITY: defineProblem({
    code: 'UNPROCESSABLE_ENTITY',
    status: 422,
    title: 'Unprocessable Entity',
    description: DOCS && 'The request is well-formed but cannot be carried out.',
  }),
  PRECONDITION_REQUIRED: defineProblem({
    code: 'PRECONDITION_REQUIRED',
    status: 428,
    title: 'Precondition Required',
    description: DOCS && 'Send If-Match with the ETag of your last read, so a change never overwrites one you have not seen.',
  }),
  TOO_MANY_REQUESTS: defineProblem({
    code: 'TOO_MANY_REQUESTS',
    status: 429,
    title: 'Too Many Requests',
    description: DOCS && 'Too many requests; wait for `Retry-After` seconds.',
  }),
  INTERNAL: defineProblem({
    code: 'INTERNAL',
    status: 500,
    title: 'Internal Server Error',
    description: DOCS && 'An unexpected error; it has been logged. Quote the requestId when reporting it.',
  }),
  BAD_GATEWAY: defineProblem({
    code: 'BAD_GATEWAY',
    status: 502,
    title: 'Bad Gateway',
    description: DOCS && 'A service this one depends on answered something unusable.',
  }),
  SERVICE_UNAVAILABLE: defineProblem({
    code: 'SERVICE_UNAVAILABLE',
    status: 503,
    title: 'Service Unavailable',
    description: DOCS && 'Busy with concurrent requests or a dependency is down; safe to retry after `Retry-After` seconds.',
  }),
} as const;

export class ValidationError extends errorClass(PROBLEMS.VALIDATION_FAILED) {}
export class MalformedJsonError extends errorClass(PROBLEMS.MALFORMED_JSON) {}
export class UnauthorizedError extends errorClass(PROBLEMS.UNAUTHORIZED) {}
export class ForbiddenError extends errorClass(PROBLEMS.FORBIDDEN) {}
export class NotFoundError extends errorClass(PROBLEMS.NOT_FOUND) {}
export class ConflictError extends errorClass(PROBLEMS.CONFLICT) {}
export class PreconditionFailedError extends errorClass(PROBLEMS.PRECONDITION_FAILED) {}
export class PayloadTooLargeError extends errorClass(PROBLEMS.PAYLOAD_TOO_LARGE) {}
export class UnsupportedMediaTypeError extends errorClass(PROBLEMS.UNSUPPORTED_MEDIA_TYPE) {}
export class UnprocessableEntityError extends errorClass(PROBLEMS.UNPROCESSABLE_ENTITY) {}
export class PreconditionRequiredError extends errorClass(PROBLEMS.PRECONDITION_REQUIRED) {}
export class TooManyRequestsError extends errorClass(PROBLEMS.TOO_MANY_REQUESTS) {}
/** A service this one depends on answered something unusable. */
export class BadGatewayError extends errorClass(PROBLEMS.BAD_GATEWAY) {}
/** The request could not be served now (contention, a dependency down); safe to retry later. */
export class ServiceUnavailableError extends errorClass(PROBLEMS.SERVICE_UNAVAILABLE) {}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
