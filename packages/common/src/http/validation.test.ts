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
