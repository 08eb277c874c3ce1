import { ConflictError, ServiceUnavailableError, TooManyRequestsError, ValidationError } from '../errors';
import { CORS_HEADERS, jsonResponse, problemResponse } from './response';

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag, Location, Retry-After, Deprecation, Sunset, Link, X-Request-Id, X-Amzn-RequestId',
};

describe('CORS headers', () => {
  it('allow any origin and expose the headers clients read', () => {
    expect(CORS_HEADERS).toEqual(CORS);
  });
});

describe('jsonResponse', () => {
  it('answers 200 with the JSON body, its content type and the CORS headers by default', () => {
    expect(jsonResponse({ body: { id: '1' } })).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json', ...CORS },
      body: '{"id":"1"}',
    });
  });

  it('keeps the status and adds the route headers, which may override the defaults', () => {
    const result = jsonResponse({ status: 201, body: [], headers: { location: '/things/1', 'content-type': 'application/vnd.x+json' } });
    expect(result).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'application/vnd.x+json', ...CORS, location: '/things/1' },
      body: '[]',
    });
  });

  it.each([204, 304])('sends no body and no content type with %i, even when given one', (status) => {
    expect(jsonResponse({ status, body: { ignored: true }, headers: { etag: '"3"' } })).toEqual({
      statusCode: status,
      headers: { ...CORS, etag: '"3"' },
      body: '',
    });
  });

  it('sends an empty body without a content type when there is nothing to send', () => {
    expect(jsonResponse({ status: 202 })).toEqual({ statusCode: 202, headers: CORS, body: '' });
  });

  it('serialises falsy bodies', () => {
    expect(jsonResponse({ body: null }).body).toBe('null');
    expect(jsonResponse({ body: 0 }).body).toBe('0');
    expect(jsonResponse({ body: false }).headers).toEqual({ 'content-type': 'application/json', ...CORS });
  });
});

describe('problemResponse: the error contract', () => {
  it('answers an AppError with its status and the problem+json envelope, field by field', () => {
    const error = new ValidationError('Invalid request body', {
      detail: 'The field name of the request body: Required.',
      errors: [{ path: 'body.name', message: 'Required', code: 'invalid_type' }],
    });
    const result = problemResponse(error, 'req-1', '/v1/things');
    expect(result.statusCode).toBe(400);
    expect(result.headers).toEqual({ 'content-type': 'application/problem+json', ...CORS });
    expect(JSON.parse(result.body)).toEqual({
      type: 'https://emporium.example.com/problems/validation-failed',
      title: 'Bad Request',
      status: 400,
      detail: 'The field name of the request body: Required.',
      code: 'VALIDATION_FAILED',
      instance: '/v1/things',
      requestId: 'req-1',
      errors: [{ path: 'body.name', message: 'Required', code: 'invalid_type' }],
    });
  });

  it('puts the fields in the RFC 9457 order, code after detail', () => {
    const result = problemResponse(new ConflictError('taken'), 'req-2', '/x');
    expect(Object.keys(JSON.parse(result.body))).toEqual(['type', 'title', 'status', 'detail', 'code', 'instance', 'requestId']);
  });

  it('uses the message as the detail when there is none, and leaves out an instance it was not given', () => {
    const result = problemResponse(new ConflictError('SKU taken'), 'req-3');
    expect(JSON.parse(result.body)).toEqual({
      type: 'https://emporium.example.com/problems/conflict',
      title: 'Conflict',
      status: 409,
      detail: 'SKU taken',
      code: 'CONFLICT',
      requestId: 'req-3',
    });
  });

  it("adds the error's own headers: Retry-After on a 503 and a 429", () => {
    const busy = problemResponse(new ServiceUnavailableError('Busy', { headers: { 'retry-after': '1' } }), 'req-4');
    expect(busy.statusCode).toBe(503);
    expect(busy.headers).toEqual({ 'content-type': 'application/problem+json', ...CORS, 'retry-after': '1' });
    expect(JSON.parse(busy.body)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', title: 'Service Unavailable', status: 503 });

    const limited = problemResponse(new TooManyRequestsError('Slow down', { headers: { 'retry-after': '30' } }), 'req-5');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers?.['retry-after']).toBe('30');
    expect(JSON.parse(limited.body)).toMatchObject({ code: 'TOO_MANY_REQUESTS', title: 'Too Many Requests', status: 429 });
  });

  it('answers anything else with a generic 500 that leaks nothing', () => {
    const result = problemResponse(Object.assign(new Error('password=hunter2'), { status: 418, headers: { 'x-leak': 'yes' } }), 'req-6', '/y');
    expect(result.statusCode).toBe(500);
    expect(result.headers).toEqual({ 'content-type': 'application/problem+json', ...CORS });
    expect(JSON.parse(result.body)).toEqual({
      type: 'https://emporium.example.com/problems/internal',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred; it has been logged.',
      code: 'INTERNAL',
      instance: '/y',
      requestId: 'req-6',
    });
  });

  it('answers a thrown non-error the same way', () => {
    expect(problemResponse('boom', 'req-7').statusCode).toBe(500);
    expect(problemResponse(undefined, 'req-8').headers).toEqual({ 'content-type': 'application/problem+json', ...CORS });
  });
});
