import { z } from 'zod';
import { ValidationError } from '../errors';
import { parseWith } from './validation';

const fails = (schema: z.ZodType, value: unknown, where: 'body' | 'query' | 'path' | 'header' = 'body') => {
  try {
    parseWith(schema, value, where);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a validation error');
};

describe('validation messages, written for a person', () => {
  it.each([
    ['a missing field', z.strictObject({ name: z.string() }), {}, 'Required'],
    ['a wrong type', z.strictObject({ name: z.string() }), { name: 1 }, 'Expected a string'],
    ['a fraction for an integer', z.strictObject({ n: z.number().int() }), { n: 1.5 }, 'Expected an integer'],
    ['a short string', z.strictObject({ s: z.string().min(3) }), { s: 'a' }, 'Use at least 3 characters'],
    ['a long list', z.strictObject({ l: z.array(z.number()).max(1) }), { l: [1, 2] }, 'Use at most 1 item'],
    ['a number too big', z.strictObject({ n: z.number().max(10) }), { n: 11 }, 'Must be at most 10'],
    ['an unknown option', z.strictObject({ e: z.enum(['a', 'b']) }), { e: 'c' }, 'Must be one of "a", "b"'],
  ])('names %s', (_, schema, value, message) => {
    expect(fails(schema, value).errors?.[0]?.message).toBe(message);
  });

  it('keeps a message the schema words itself', () => {
    const error = fails(z.strictObject({ sku: z.string().regex(/^[A-Z]+$/, 'Expected capital letters') }), { sku: 'a' });
    expect(error.errors).toEqual([{ path: 'body.sku', message: 'Expected capital letters', code: 'invalid_format' }]);
  });

  it('says where the value was: body field, query parameter, path parameter, header', () => {
    expect(fails(z.object({ price: z.object({ amount: z.number() }) }), { price: { amount: 'x' } }).detail).toBe(
      'The field price.amount of the request body: Expected a number.',
    );
    expect(fails(z.object({ limit: z.number() }), { limit: 'x' }, 'query').detail).toBe('The query parameter limit: Expected a number.');
    expect(fails(z.object({ id: z.string().length(2) }), { id: 'abc' }, 'path').detail).toBe('The path parameter id: Use at most 2 characters.');
    expect(fails(z.object({ 'Idempotency-Key': z.string() }), {}, 'header').detail).toBe('The Idempotency-Key header: Required.');
  });

  it('lists every invalid field of a body in one sentence', () => {
    const error = fails(z.strictObject({ a: z.string(), b: z.number() }), { extra: 1 });
    expect(error.detail).toBe('The request body has 3 invalid fields: a (Required); b (Required); extra (Unknown field).');
    expect(error.errors?.map((e) => e.path)).toEqual(['body.a', 'body.b', 'body.extra']);
  });
});

describe('validation messages: every kind of issue', () => {
  const message = (schema: z.ZodType, value: unknown) => fails(z.object({ v: schema }), { v: value }).errors?.[0]?.message;

  it.each([
    ['a number for a string', z.string(), 5, 'Expected a string'],
    ['a string for a number', z.number(), 'x', 'Expected a number'],
    ['a string for a boolean', z.boolean(), 'yes', 'Expected true or false'],
    ['a list for an object', z.object({}), [], 'Expected an object'],
    ['an object for a list', z.array(z.string()), {}, 'Expected a list'],
    ['a string for a bigint (a type without a name of ours)', z.bigint(), 'x', 'Expected bigint'],
    ['a null for a string', z.string(), null, 'Expected a string'],
    ['one character too few', z.string().min(1), '', 'Use at least 1 character'],
    ['items too few', z.array(z.number()).min(2), [1], 'Use at least 2 items'],
    ['one item too few', z.array(z.number()).min(1), [], 'Use at least 1 item'],
    ['items too few in a set', z.set(z.number()).min(2), new Set([1]), 'Use at least 2 items'],
    ['characters too many', z.string().max(2), 'abc', 'Use at most 2 characters'],
    ['one character too many', z.string().max(1), 'ab', 'Use at most 1 character'],
    ['items too many in a set', z.set(z.number()).max(1), new Set([1, 2]), 'Use at most 1 item'],
    ['a number below the minimum', z.number().min(3), 2, 'Must be at least 3'],
    ['a number not above an exclusive minimum', z.number().gt(3), 3, 'Must be more than 3'],
    ['a number not below an exclusive maximum', z.number().lt(3), 3, 'Must be less than 3'],
    ['another literal', z.literal('EC'), 'RSA', 'Must be "EC"'],
    ['an invalid email', z.email(), 'nope', 'Expected a valid email'],
    ['an invalid URL', z.url(), 'nope', 'Expected a valid url'],
    ['a regex mismatch without a message', z.string().regex(/^a$/), 'b', 'Has an invalid format'],
    ['a number off the step', z.number().multipleOf(5), 7, 'Must be a multiple of 5'],
    ['an invalid key in a record', z.record(z.string().regex(/^[a-z]$/), z.number()), { AB: 1 }, 'Invalid key in record'],
    ['a refinement with its own words', z.string().refine(() => false, 'Must be blue'), 'red', 'Must be blue'],
    ['a union that matches nothing', z.union([z.string(), z.number()]), true, 'Invalid input'],
  ])('names %s', (_, schema, value, expected) => {
    expect(message(schema, value)).toBe(expected);
  });

  it('names the unknown fields of a strict object, one by one', () => {
    expect(fails(z.strictObject({}), { a: 1, b: 2 }).errors).toEqual([
      { path: 'body.a', message: 'Unknown field', code: 'unrecognized_key' },
      { path: 'body.b', message: 'Unknown field', code: 'unrecognized_key' },
    ]);
  });

  it('names the whole body when the body itself is wrong', () => {
    const error = fails(z.object({}), 'text');
    expect(error.errors).toEqual([{ path: 'body', message: 'Expected an object', code: 'invalid_type' }]);
    expect(error.detail).toBe('The request body: Expected an object.');
    expect(error.message).toBe('Invalid request body');
  });

  it('lists several invalid fields of a query, a path and the headers', () => {
    const two = z.object({ a: z.string(), b: z.string() });
    expect(fails(two, {}, 'query').detail).toBe('The query string has 2 invalid fields: a (Required); b (Required).');
    expect(fails(two, {}, 'path').detail).toBe('The path has 2 invalid fields: a (Required); b (Required).');
    expect(fails(two, {}, 'header').detail).toBe('The request headers have 2 invalid fields: a (Required); b (Required).');
    expect(fails(two, {}, 'header').message).toBe('Invalid request header');
  });

  it('names the body as a whole in a list when it has several problems at its root', () => {
    const error = fails(z.string().min(5).regex(/^a/), 'bb');
    expect(error.detail).toBe('The request body has 2 invalid fields: body (Use at least 5 characters); body (Has an invalid format).');
  });

  it('gives the parsed value back', () => {
    expect(parseWith(z.object({ n: z.coerce.number() }), { n: '4' }, 'query')).toEqual({ n: 4 });
  });

  it('is a 400 VALIDATION_FAILED', () => {
    const error = fails(z.string(), 1);
    expect([error.code, error.status, error.title]).toEqual(['VALIDATION_FAILED', 400, 'Bad Request']);
  });
});
