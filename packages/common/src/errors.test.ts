import {
  AppError,
  BadGatewayError,
  ConflictError,
  errorClass,
  ForbiddenError,
  isAppError,
  MalformedJsonError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  PreconditionRequiredError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  UnprocessableEntityError,
  UnsupportedMediaTypeError,
  ValidationError,
} from './errors';
import * as PROBLEMS from './problems';
import { defineProblem } from './http/problem';

describe('the shared problems: the error contract by value', () => {
  it.each([
    ['VALIDATION_FAILED', 400, 'Bad Request'],
    ['MALFORMED_JSON', 400, 'Bad Request'],
    ['UNAUTHORIZED', 401, 'Unauthorized'],
    ['FORBIDDEN', 403, 'Forbidden'],
    ['NOT_FOUND', 404, 'Not Found'],
    ['ROUTE_NOT_FOUND', 404, 'Not Found'],
    ['CONFLICT', 409, 'Conflict'],
    ['PRECONDITION_FAILED', 412, 'Precondition Failed'],
    ['PAYLOAD_TOO_LARGE', 413, 'Payload Too Large'],
    ['UNSUPPORTED_MEDIA_TYPE', 415, 'Unsupported Media Type'],
    ['UNPROCESSABLE_ENTITY', 422, 'Unprocessable Entity'],
    ['PRECONDITION_REQUIRED', 428, 'Precondition Required'],
    ['TOO_MANY_REQUESTS', 429, 'Too Many Requests'],
    ['INTERNAL', 500, 'Internal Server Error'],
    ['BAD_GATEWAY', 502, 'Bad Gateway'],
    ['SERVICE_UNAVAILABLE', 503, 'Service Unavailable'],
  ] as const)('%s is %i %s', (code, status, title) => {
    expect(PROBLEMS[code]).toEqual({ code, status, title, description: expect.any(String) });
  });

  it('lists exactly these problems, each documented', () => {
    expect(Object.keys(PROBLEMS)).toHaveLength(16);
    for (const [key, definition] of Object.entries(PROBLEMS)) {
      expect(definition.code).toBe(key);
      expect(String(definition.description).length).toBeGreaterThan(10);
    }
  });

  it('tells the caller what to do where it matters', () => {
    expect(PROBLEMS.UNAUTHORIZED.description).toContain('Authorization: Bearer');
    expect(PROBLEMS.TOO_MANY_REQUESTS.description).toContain('Retry-After');
    expect(PROBLEMS.SERVICE_UNAVAILABLE.description).toContain('Retry-After');
    expect(PROBLEMS.PRECONDITION_REQUIRED.description).toContain('If-Match');
    expect(PROBLEMS.INTERNAL.description).toContain('requestId');
  });
});

describe('the error classes', () => {
  it.each([
    [ValidationError, 'VALIDATION_FAILED', 400, 'Bad Request'],
    [MalformedJsonError, 'MALFORMED_JSON', 400, 'Bad Request'],
    [UnauthorizedError, 'UNAUTHORIZED', 401, 'Unauthorized'],
    [ForbiddenError, 'FORBIDDEN', 403, 'Forbidden'],
    [NotFoundError, 'NOT_FOUND', 404, 'Not Found'],
    [ConflictError, 'CONFLICT', 409, 'Conflict'],
    [PreconditionFailedError, 'PRECONDITION_FAILED', 412, 'Precondition Failed'],
    [PayloadTooLargeError, 'PAYLOAD_TOO_LARGE', 413, 'Payload Too Large'],
    [UnsupportedMediaTypeError, 'UNSUPPORTED_MEDIA_TYPE', 415, 'Unsupported Media Type'],
    [UnprocessableEntityError, 'UNPROCESSABLE_ENTITY', 422, 'Unprocessable Entity'],
    [PreconditionRequiredError, 'PRECONDITION_REQUIRED', 428, 'Precondition Required'],
    [TooManyRequestsError, 'TOO_MANY_REQUESTS', 429, 'Too Many Requests'],
    [BadGatewayError, 'BAD_GATEWAY', 502, 'Bad Gateway'],
    [ServiceUnavailableError, 'SERVICE_UNAVAILABLE', 503, 'Service Unavailable'],
  ] as const)('%p carries %s, %i, %s', (Class, code, status, title) => {
    const error = new Class('message');
    expect({ code: error.code, status: error.status, title: error.title }).toEqual({ code, status, title });
    expect(error.name).toBe(Class.name);
    expect(error.message).toBe('message');
    expect(error).toBeInstanceOf(AppError);
    expect(error).toBeInstanceOf(Error);
    expect(Class.definition.code).toBe(code);
  });

  it('takes the detail from the message unless given one, and keeps field errors, headers and the cause', () => {
    expect(new NotFoundError('No such product').detail).toBe('No such product');
    const cause = new Error('root');
    const error = new TooManyRequestsError('Slow down', {
      detail: 'Wait a second.',
      errors: [{ path: 'body.x', message: 'bad' }],
      headers: { 'retry-after': '1' },
      cause,
    });
    expect(error.detail).toBe('Wait a second.');
    expect(error.errors).toEqual([{ path: 'body.x', message: 'bad' }]);
    expect(error.headers).toEqual({ 'retry-after': '1' });
    expect(error.cause).toBe(cause);
    const plain = new ConflictError('taken');
    expect(plain.errors).toBeUndefined();
    expect(plain.headers).toBeUndefined();
  });

  it('makes a service its own error classes from its problem definitions', () => {
    const definition = defineProblem({ code: 'OUT_OF_STOCK', status: 409, title: 'Conflict', description: 'Not enough stock.' });
    class OutOfStockError extends errorClass(definition) {}
    const error = new OutOfStockError('Only 2 left');
    expect({ name: error.name, code: error.code, status: error.status, title: error.title, detail: error.detail }).toEqual({
      name: 'OutOfStockError',
      code: 'OUT_OF_STOCK',
      status: 409,
      title: 'Conflict',
      detail: 'Only 2 left',
    });
    expect(OutOfStockError.definition).toBe(definition);
    expect(isAppError(error)).toBe(true);
  });

  it('isAppError tells our errors from anything else', () => {
    expect(isAppError(new ConflictError('x'))).toBe(true);
    expect(isAppError(new Error('x'))).toBe(false);
    expect(isAppError({ code: 'CONFLICT', status: 409 })).toBe(false);
    expect(isAppError(undefined)).toBe(false);
  });
});
