import { DOCS } from './contract/meta';
import { defineProblem } from './http/problem';

/**
 * Problems every service shares: request shape, authentication, concurrency, availability.
 * Each is an export of its own, and callers import the module as a namespace
 * (`import * as PROBLEMS from '@emporium/common/problems'`): esbuild then keeps in a function's
 * bundle only the problems it names (docs/adr/0022).
 */

export const VALIDATION_FAILED = defineProblem({
  code: 'VALIDATION_FAILED',
  status: 400,
  title: 'Bad Request',
  description: DOCS && 'A path, query, header or body field is missing or invalid; `errors` names each one.',
});

export const MALFORMED_JSON = defineProblem({
  code: 'MALFORMED_JSON',
  status: 400,
  title: 'Bad Request',
  description: DOCS && 'The request body is not valid JSON.',
});

export const UNAUTHORIZED = defineProblem({
  code: 'UNAUTHORIZED',
  status: 401,
  title: 'Unauthorized',
  description: DOCS && 'No valid bearer token: send `Authorization: Bearer <accessToken>` from POST /v1/users/sessions.',
});

export const FORBIDDEN = defineProblem({
  code: 'FORBIDDEN',
  status: 403,
  title: 'Forbidden',
  description: DOCS && 'The token is valid but its role may not do this.',
});

export const NOT_FOUND = defineProblem({ code: 'NOT_FOUND', status: 404, title: 'Not Found', description: DOCS && 'No such resource.' });

export const ROUTE_NOT_FOUND = defineProblem({
  code: 'ROUTE_NOT_FOUND',
  status: 404,
  title: 'Not Found',
  description: DOCS && 'No route matches this method and path.',
});

export const CONFLICT = defineProblem({
  code: 'CONFLICT',
  status: 409,
  title: 'Conflict',
  description: DOCS && 'The request conflicts with the current state.',
});

export const PRECONDITION_FAILED = defineProblem({
  code: 'PRECONDITION_FAILED',
  status: 412,
  title: 'Precondition Failed',
  description: DOCS && 'If-Match names a version that is no longer current: read the resource again and retry.',
});

export const PAYLOAD_TOO_LARGE = defineProblem({
  code: 'PAYLOAD_TOO_LARGE',
  status: 413,
  title: 'Payload Too Large',
  description: DOCS && 'The request body is larger than this route accepts.',
});

export const UNSUPPORTED_MEDIA_TYPE = defineProblem({
  code: 'UNSUPPORTED_MEDIA_TYPE',
  status: 415,
  title: 'Unsupported Media Type',
  description: DOCS && 'Send the body as `application/json`.',
});

export const UNPROCESSABLE_ENTITY = defineProblem({
  code: 'UNPROCESSABLE_ENTITY',
  status: 422,
  title: 'Unprocessable Entity',
  description: DOCS && 'The request is well-formed but cannot be carried out.',
});

export const PRECONDITION_REQUIRED = defineProblem({
  code: 'PRECONDITION_REQUIRED',
  status: 428,
  title: 'Precondition Required',
  description: DOCS && 'Send If-Match with the ETag of your last read, so a change never overwrites one you have not seen.',
});

export const TOO_MANY_REQUESTS = defineProblem({
  code: 'TOO_MANY_REQUESTS',
  status: 429,
  title: 'Too Many Requests',
  description: DOCS && 'Too many requests; wait for `Retry-After` seconds.',
});

export const INTERNAL = defineProblem({
  code: 'INTERNAL',
  status: 500,
  title: 'Internal Server Error',
  description: DOCS && 'An unexpected error; it has been logged. Quote the requestId when reporting it.',
});

export const BAD_GATEWAY = defineProblem({
  code: 'BAD_GATEWAY',
  status: 502,
  title: 'Bad Gateway',
  description: DOCS && 'A service this one depends on answered something unusable.',
});

export const SERVICE_UNAVAILABLE = defineProblem({
  code: 'SERVICE_UNAVAILABLE',
  status: 503,
  title: 'Service Unavailable',
  description: DOCS && 'Busy with concurrent requests or a dependency is down; safe to retry after `Retry-After` seconds.',
});
