import { z } from 'zod';
import { defineRoute, pathOf, problemsOf, successStatusesOf } from './route';
import { defineProblem } from './problem';

const NOT_FOUND = defineProblem({ code: 'THING_NOT_FOUND', status: 404, title: 'Thing not found', description: 'No such thing.' });
const base = { operationId: 'op', summary: 's', tags: ['T'], responses: { 200: { description: 'ok' } } } as const;
const codes = (route: Parameters<typeof problemsOf>[0]) => problemsOf(route).map((p) => `${p.status} ${p.code}`);

describe('route contracts', () => {
  it('derive every problem from the route shape: validation, auth, preconditions, body limits, availability', () => {
    const route = defineRoute({ ...base, method: 'PATCH', path: '/things/{id}', roles: ['admin'], ifMatch: 'required', request: { body: z.object({}) }, problems: [NOT_FOUND] });
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
