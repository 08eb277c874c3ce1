/**
 * The platform's error model. Every error a caller may see is an `AppError` with a stable `code`
 * and an HTTP `status`; the HTTP wrapper turns it into one problem+json envelope (RFC 9457).
 * Anything else becomes a generic 500 that never leaks internals.
 */

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

export class ValidationError extends AppError {
  readonly code: string = 'VALIDATION_FAILED';
  readonly status = 400;
  readonly title = 'Bad Request';
}

export class MalformedJsonError extends ValidationError {
  override readonly code = 'MALFORMED_JSON';
}

export class UnauthorizedError extends AppError {
  readonly code: string = 'UNAUTHORIZED';
  readonly status = 401;
  readonly title = 'Unauthorized';
}

export class ForbiddenError extends AppError {
  readonly code: string = 'FORBIDDEN';
  readonly status = 403;
  readonly title = 'Forbidden';
}

export class NotFoundError extends AppError {
  readonly code: string = 'NOT_FOUND';
  readonly status = 404;
  readonly title = 'Not Found';
}

export class MethodNotAllowedError extends AppError {
  readonly code = 'METHOD_NOT_ALLOWED';
  readonly status = 405;
  readonly title = 'Method Not Allowed';
}

export class ConflictError extends AppError {
  readonly code: string = 'CONFLICT';
  readonly status = 409;
  readonly title = 'Conflict';
}

export class PreconditionFailedError extends AppError {
  readonly code = 'PRECONDITION_FAILED';
  readonly status = 412;
  readonly title = 'Precondition Failed';
}

export class PayloadTooLargeError extends AppError {
  readonly code = 'PAYLOAD_TOO_LARGE';
  readonly status = 413;
  readonly title = 'Payload Too Large';
}

export class UnsupportedMediaTypeError extends AppError {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
  readonly status = 415;
  readonly title = 'Unsupported Media Type';
}

export class UnprocessableEntityError extends AppError {
  readonly code: string = 'UNPROCESSABLE_ENTITY';
  readonly status = 422;
  readonly title = 'Unprocessable Entity';
}

export class PreconditionRequiredError extends AppError {
  readonly code = 'PRECONDITION_REQUIRED';
  readonly status = 428;
  readonly title = 'Precondition Required';
}

export class TooManyRequestsError extends AppError {
  readonly code: string = 'TOO_MANY_REQUESTS';
  readonly status = 429;
  readonly title = 'Too Many Requests';
}

/** A service this one depends on answered something unusable. */
export class BadGatewayError extends AppError {
  readonly code: string = 'BAD_GATEWAY';
  readonly status = 502;
  readonly title = 'Bad Gateway';
}

/** The request could not be served now (contention, a dependency down); safe to retry later. */
export class ServiceUnavailableError extends AppError {
  readonly code: string = 'SERVICE_UNAVAILABLE';
  readonly status = 503;
  readonly title = 'Service Unavailable';
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
