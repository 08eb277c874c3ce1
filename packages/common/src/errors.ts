/**
 * The platform's error model. Every error a caller may see is an `AppError` with a stable `code`
 * and an HTTP `status`; the HTTP wrapper turns it into one problem+json envelope (RFC 9457).
 * Anything else becomes a generic 500 that never leaks internals.
 *
 * Codes, statuses and titles are declared once as problem definitions (./problems and each
 * contract's problems; documented in OpenAPI, listed per route); error classes take them from
 * there (`errorClass`).
 */
import type { ProblemDefinition } from './http/problem';
import * as PROBLEMS from './problems';

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
