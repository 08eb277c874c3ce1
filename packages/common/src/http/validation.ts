import * as z from 'zod/mini';
import type { FieldError } from '../errors';
import { ValidationError } from '../errors';

/** Where a value came from, for paths (`header.Idempotency-Key`) and messages ("the Idempotency-Key header"). */
export type Location = 'body' | 'query' | 'path' | 'header';

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

const typeName = (expected: string): string => TYPE_NAMES[expected] ?? expected;

const countOf = (n: unknown, origin: string): string => {
  if (origin === 'string') return `${String(n)} character${n === 1 ? '' : 's'}`;
  if (origin === 'array' || origin === 'set') return `${String(n)} item${n === 1 ? '' : 's'}`;
  return String(n);
};

/**
 * zod's messages as a person reads them ("Required", "Use at most 200 characters"), for the issues a
 * schema does not word itself: passed per parse, it gives way to any message set on a schema.
 */
export const humanMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Required';
      return `Expected ${typeName(issue.expected)}`;
    case 'too_small': {
      const { origin, minimum, inclusive } = issue;
      if (origin === 'string' || origin === 'array' || origin === 'set') return `Use at least ${countOf(minimum, origin)}`;
      return inclusive ? `Must be at least ${String(minimum)}` : `Must be more than ${String(minimum)}`;
    }
    case 'too_big': {
      const { origin, maximum, inclusive } = issue;
      if (origin === 'string' || origin === 'array' || origin === 'set') return `Use at most ${countOf(maximum, origin)}`;
      return inclusive ? `Must be at most ${String(maximum)}` : `Must be less than ${String(maximum)}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `Must be ${JSON.stringify(issue.values[0])}`
        : `Must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' ? 'Has an invalid format' : `Expected a valid ${issue.format}`;
    case 'unrecognized_keys':
      return 'Unknown field';
    case 'not_multiple_of':
      return `Must be a multiple of ${String(issue.divisor)}`;
    // zod's English wording (its `en` locale, which the tree-shakable build does not load).
    case 'invalid_key':
      return `Invalid key in ${issue.origin}`;
    case 'invalid_element':
      return `Invalid value in ${issue.origin}`;
    case 'custom':
    case 'invalid_union':
      return undefined; // the schema's own message, else zod's "Invalid input"
  }
};

/** Turns zod issues into the envelope's field errors; `where` prefixes the path (body, query, path, header). */
export const toFieldErrors = (issues: readonly z.core.$ZodIssue[], where: Location): FieldError[] =>
  issues.flatMap((issue) => {
    const base = [where, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: `${base}.${key}`, message: 'Unknown field', code: 'unrecognized_key' }));
    }
    return [{ path: base, message: issue.message, code: issue.code }];
  });

/** "the request body", "the query parameter limit", "the Idempotency-Key header", "the path parameter id". */
const subjectOf = (error: FieldError, where: Location): string => {
  const [, ...rest] = error.path.split('.');
  const name = rest.join('.');
  switch (where) {
    case 'body':
      return name ? `The field ${name} of the request body` : 'The request body';
    case 'query':
      return `The query parameter ${name}`;
    case 'path':
      return `The path parameter ${name}`;
    case 'header':
      return `The ${name} header`;
  }
};

/** One sentence naming what is wrong: every field, with its problem. */
export const describeFieldErrors = (errors: readonly FieldError[], where: Location): string => {
  if (errors.length === 1 && errors[0]) {
    const [error] = errors;
    return `${subjectOf(error, where)}: ${error.message}.`;
  }
  const list = errors.map((error) => `${error.path.split('.').slice(1).join('.') || where} (${error.message})`).join('; ');
  const what = { body: 'The request body has', query: 'The query string has', path: 'The path has', header: 'The request headers have' }[where];
  return `${what} ${errors.length} invalid fields: ${list}.`;
};

/** Parses `value` with `schema` or throws a 400 ValidationError listing every invalid field. */
export const parseWith = <S extends z.core.$ZodType>(schema: S, value: unknown, where: Location): z.output<S> => {
  const result = z.safeParse(schema, value, { error: humanMessages });
  if (!result.success) {
    const errors = toFieldErrors(result.error.issues, where);
    throw new ValidationError(`Invalid request ${where}`, { detail: describeFieldErrors(errors, where), errors });
  }
  return result.data;
};
