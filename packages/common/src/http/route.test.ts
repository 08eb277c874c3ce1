import { z } from 'zod';
import * as PROBLEMS from '../problems';
import { API_KEY_PROBLEMS, defineRoute, GATEWAY_PROBLEMS, openApiDocumentRoute, pathOf, problemsOf, successStatusesOf } from './route';
import { defineProblem } from './problem';

const NOT_FOUND = defineProblem({ code: 'THING_NOT_FOUND', status: 404, title: 'Thing not found', description: 'No such thing.' });
const base = { operationId: 'op', summary: 's', tags: ['T'], responses: { 200: { description: 'ok' } } } as const;
const codes = (route: Parameters<typeof problemsOf>[0]) => problemsOf(route).map((p) => `${p.status} ${p.code}`);

describe('route contracts', () => {
  it('derive every problem from the route shape: validation, auth, preconditions, body limits, availability', () => {
    const route = defineRoute({
      ...base,
      method: 'PATCH',
      path: '/things/{id}',
      roles: ['admin'],
      ifMatch: 'required',
      request: { body: z.object({}) },
      problems: [NOT_FOUND],
    });
    expect(codes(route)).toEqual([
      '404 THING_NOT_FOUND',
      '400 VALIDATION_FAILED',
      '400 MALFORMED_JSON',
      '413 PAYLOAD_TOO_LARGE',
      '415 UNSUPPORTED_MEDIA_TYPE',
      '401 UNAUTHORIZED',
      '403 FORBIDDEN',
      '428 PRECONDITION_REQUIRED',
      '412 PRECONDITION_FAILED',
      '500 INTERNAL',
      '503 SERVICE_UNAVAILABLE',
      '429 THROTTLED',
      '502 FUNCTION_ERROR',
      '502 FUNCTION_TIMEOUT',
    ]);
  });

  it('give a public GET no auth problems and no body problems', () => {
    const route = defineRoute({ ...base, method: 'GET', path: '/things' });
    expect(codes(route)).not.toEqual(expect.arrayContaining(['401 UNAUTHORIZED']));
    expect(codes(route)).not.toEqual(expect.arrayContaining(['415 UNSUPPORTED_MEDIA_TYPE']));
  });

  it('add 304 to the success statuses of a GET with an ETag only', () => {
    expect(successStatusesOf(defineRoute({ ...base, method: 'GET', path: '/t', etag: true }))).toEqual([200, 304]);
    expect(successStatusesOf(defineRoute({ ...base, method: 'POST', path: '/t', etag: true }))).toEqual([200]);
  });

  it('fill path parameters, URL-encoded, and refuse a missing one', () => {
    expect(pathOf({ path: '/reservations/{id}/release' }, { id: 'a b/c' })).toBe('/reservations/a%20b%2Fc/release');
    expect(() => pathOf({ path: '/things/{id}' })).toThrow('no value for {id}');
  });
});

describe('route contracts: problems by shape', () => {
  it('give a public GET exactly validation, availability and the gateway problems', () => {
    expect(codes(defineRoute({ ...base, method: 'GET', path: '/things' }))).toEqual([
      '400 VALIDATION_FAILED',
      '500 INTERNAL',
      '503 SERVICE_UNAVAILABLE',
      '429 THROTTLED',
      '502 FUNCTION_ERROR',
      '502 FUNCTION_TIMEOUT',
    ]);
  });

  it('add the API key problems on a route that takes a key, and 412 alone for an optional If-Match', () => {
    expect(codes(defineRoute({ ...base, method: 'POST', path: '/things', apiKey: true, ifMatch: 'optional' }))).toEqual([
      '400 VALIDATION_FAILED',
      '403 INVALID_API_KEY',
      '429 QUOTA_EXCEEDED',
      '412 PRECONDITION_FAILED',
      '500 INTERNAL',
      '503 SERVICE_UNAVAILABLE',
      '429 THROTTLED',
      '502 FUNCTION_ERROR',
      '502 FUNCTION_TIMEOUT',
    ]);
  });

  it('list a problem once, the route definition winning its place', () => {
    const conflict = defineProblem({ code: 'VALIDATION_FAILED', status: 400, title: 'Own', description: 'Own words.' });
    const found = problemsOf(defineRoute({ ...base, method: 'GET', path: '/t', problems: [conflict] }));
    expect(found.filter((p) => p.code === 'VALIDATION_FAILED')).toEqual([PROBLEMS.VALIDATION_FAILED]);
    expect(found[0]?.code).toBe('VALIDATION_FAILED');
  });

  it('declare what the gateway answers, by value', () => {
    expect(Object.values(GATEWAY_PROBLEMS).map(({ code, status, title }) => [code, status, title])).toEqual([
      ['THROTTLED', 429, 'Too Many Requests'],
      ['FUNCTION_ERROR', 502, 'Bad Gateway'],
      ['FUNCTION_TIMEOUT', 502, 'Bad Gateway'],
    ]);
    expect(Object.values(API_KEY_PROBLEMS).map(({ code, status, title }) => [code, status, title])).toEqual([
      ['INVALID_API_KEY', 403, 'Forbidden'],
      ['QUOTA_EXCEEDED', 429, 'Too Many Requests'],
    ]);
    for (const definition of [...Object.values(GATEWAY_PROBLEMS), ...Object.values(API_KEY_PROBLEMS)])
      expect(String(definition.description).length).toBeGreaterThan(20);
  });

  it('list the success statuses as declared', () => {
    expect(
      successStatusesOf(defineRoute({ ...base, method: 'POST', path: '/t', responses: { 201: { description: 'c' }, 200: { description: 'r' } } })),
    ).toEqual([200, 201]);
    expect(successStatusesOf(defineRoute({ ...base, method: 'GET', path: '/t' }))).toEqual([200]);
  });

  it('fill every parameter, greedy ones included, and leave a path without any alone', () => {
    expect(pathOf({ path: '/a/{x}/b/{y}' }, { x: '1', y: '2' })).toBe('/a/1/b/2');
    expect(pathOf({ path: '/files/{proxy+}' }, { proxy: 'a' })).toBe('/files/a');
    expect(pathOf({ path: '/' })).toBe('/');
    expect(() => pathOf({ path: '/a/{x}/b/{y}' }, { x: '1' })).toThrow('pathOf(/a/{x}/b/{y}): no value for {y}');
  });

  it('serve the OpenAPI document as a public, cached GET', () => {
    expect(openApiDocumentRoute).toMatchObject({ operationId: 'getOpenApiDocument', method: 'GET', path: '/openapi.json', cache: 'public', tags: ['API'] });
    expect(openApiDocumentRoute).not.toHaveProperty('roles');
  });
});
