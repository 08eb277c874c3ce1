import * as z from 'zod/mini';
import * as PROBLEMS from '../problems';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, problem, problemOf, problemSchema, problemType } from './problem';

describe('the problem envelope', () => {
  it('is application/problem+json, typed under the documentation base', () => {
    expect(PROBLEM_CONTENT_TYPE).toBe('application/problem+json');
    expect(PROBLEM_TYPE_BASE).toBe('https://emporium.example.com/problems/');
  });

  it.each([
    ['VALIDATION_FAILED', 'https://emporium.example.com/problems/validation-failed'],
    ['NOT_FOUND', 'https://emporium.example.com/problems/not-found'],
    ['A_B_C', 'https://emporium.example.com/problems/a-b-c'],
    ['INTERNAL', 'https://emporium.example.com/problems/internal'],
  ])('types %s as %s', (code, type) => {
    expect(problemType(code)).toBe(type);
  });

  it('holds every field it is given, in order', () => {
    const body = problem({
      status: 400,
      title: 'Bad Request',
      code: 'VALIDATION_FAILED',
      detail: 'd',
      instance: '/v1/x',
      requestId: 'r',
      errors: [{ path: 'body.a', message: 'm' }],
    });
    expect(Object.entries(body)).toEqual([
      ['type', 'https://emporium.example.com/problems/validation-failed'],
      ['title', 'Bad Request'],
      ['status', 400],
      ['detail', 'd'],
      ['code', 'VALIDATION_FAILED'],
      ['instance', '/v1/x'],
      ['requestId', 'r'],
      ['errors', [{ path: 'body.a', message: 'm' }]],
    ]);
  });

  it('leaves out what it is not given, and an empty error list', () => {
    expect(problem({ status: 404, title: 'Not Found', code: 'NOT_FOUND', errors: [] })).toEqual({
      type: 'https://emporium.example.com/problems/not-found',
      title: 'Not Found',
      status: 404,
      code: 'NOT_FOUND',
    });
    expect(Object.keys(problem({ status: 404, title: 'Not Found', code: 'NOT_FOUND' }))).toEqual(['type', 'title', 'status', 'code']);
  });

  it('keeps empty strings it is given', () => {
    expect(problem({ status: 400, title: 'T', code: 'C', detail: '', instance: '', requestId: '' })).toEqual({
      type: 'https://emporium.example.com/problems/c',
      title: 'T',
      status: 400,
      detail: '',
      code: 'C',
      instance: '',
      requestId: '',
    });
  });

  it('builds one occurrence of a defined problem', () => {
    expect(problemOf(PROBLEMS.SERVICE_UNAVAILABLE, { detail: 'Busy', requestId: 'r1' })).toEqual({
      type: 'https://emporium.example.com/problems/service-unavailable',
      title: 'Service Unavailable',
      status: 503,
      detail: 'Busy',
      code: 'SERVICE_UNAVAILABLE',
      requestId: 'r1',
    });
    expect(problemOf(PROBLEMS.NOT_FOUND)).toEqual({
      type: 'https://emporium.example.com/problems/not-found',
      title: 'Not Found',
      status: 404,
      code: 'NOT_FOUND',
    });
  });
});

describe('problemSchema', () => {
  const valid = problemOf(PROBLEMS.VALIDATION_FAILED, { detail: 'x', errors: [{ path: 'body.a', message: 'm', code: 'c' }] });

  it('accepts what problem() builds', () => {
    expect(z.safeParse(problemSchema, valid).success).toBe(true);
  });

  it.each([
    ['a status below 400', { ...valid, status: 399 }],
    ['a status above 599', { ...valid, status: 600 }],
    ['a fractional status', { ...valid, status: 400.5 }],
    ['a type that is not a URL', { ...valid, type: 'validation-failed' }],
    ['no code', { ...valid, code: undefined }],
    ['a field error without a message', { ...valid, errors: [{ path: 'body.a' }] }],
  ])('refuses %s', (_, body) => {
    expect(z.safeParse(problemSchema, body).success).toBe(false);
  });

  it('accepts the edges of the error statuses', () => {
    expect(z.safeParse(problemSchema, { ...valid, status: 400 }).success).toBe(true);
    expect(z.safeParse(problemSchema, { ...valid, status: 599 }).success).toBe(true);
  });

  it('is documented: the Problem and FieldError components', () => {
    expect(z.globalRegistry.get(problemSchema)).toMatchObject({ id: 'Problem', description: expect.stringContaining('RFC 9457') });
  });
});
