import { createHmac } from 'node:crypto';
import * as z from 'zod/mini';
import { ValidationError } from './errors';
import { parseWith } from './http/validation';
import { cursorParam, decodeCursor, encodeCursor, limitParam, pageOf } from './pagination';

const key = { pk: 'PRODUCT#1', sk: 'PRODUCT', gsi2pk: 'PRODUCTS', gsi2sk: '1' };

describe('cursors', () => {
  it('round-trips a page key', () => {
    const cursor = encodeCursor(key, 'products:*', 'secret-secret-secret');
    expect(decodeCursor(cursor, 'products:*', 'secret-secret-secret')).toEqual(key);
  });

  it('rejects a cursor whose payload was altered', () => {
    const cursor = encodeCursor(key, 'products:*', 'secret-secret-secret');
    const [, signature] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify({ k: { ...key, pk: 'PRODUCT#2' }, s: 'products:*' })).toString('base64url');
    expect(() => decodeCursor(`${forged}.${signature}`, 'products:*', 'secret-secret-secret')).toThrow(ValidationError);
  });

  it('rejects a cursor signed with another key', () => {
    const cursor = encodeCursor(key, 'products:*', 'another-secret-value');
    expect(() => decodeCursor(cursor, 'products:*', 'secret-secret-secret')).toThrow(ValidationError);
  });

  it('rejects a cursor from another query', () => {
    const cursor = encodeCursor(key, 'products:books', 'secret-secret-secret');
    expect(() => decodeCursor(cursor, 'products:toys', 'secret-secret-secret')).toThrow(ValidationError);
  });

  it.each(['', 'abc', 'a.b.c', '.', 'bm90LWpzb24.sig'])('rejects garbage %p', (garbage) => {
    expect(() => decodeCursor(garbage, 'products:*', 'secret-secret-secret')).toThrow(ValidationError);
  });
});

describe('an invalid cursor, by value', () => {
  const secret = 'secret-secret-secret';
  const invalid = (cursor: string, scope = 'products:*') => {
    try {
      decodeCursor(cursor, scope, secret);
    } catch (error) {
      const { code, status, title, detail, errors } = error as ValidationError;
      return { code, status, title, detail, errors };
    }
    throw new Error('expected the cursor to be refused');
  };
  const refused = {
    code: 'VALIDATION_FAILED',
    status: 400,
    title: 'Bad Request',
    detail: 'The cursor is malformed, was altered, or belongs to another query. Start again without it.',
    errors: [{ path: 'query.cursor', message: 'Invalid cursor', code: 'invalid_cursor' }],
  };
  const signed = (payload: string) => `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
  const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('is a 400 naming query.cursor', () => {
    expect(invalid('a.b.c')).toEqual(refused);
  });

  it.each([
    ['no signature', () => `${encoded({ k: key, s: 'products:*' })}.`],
    ['no payload', () => `.${encodeCursor(key, 'products:*', secret).split('.')[1]}`],
    ['a part too many', () => `${encodeCursor(key, 'products:*', secret)}.x`],
    ['a truncated signature', () => encodeCursor(key, 'products:*', secret).slice(0, -1)],
    [
      'a signature one character off',
      () => {
        const cursor = encodeCursor(key, 'products:*', secret);
        return cursor.slice(0, -1) + (cursor.endsWith('A') ? 'B' : 'A');
      },
    ],
    ['another scope', () => encodeCursor(key, 'products:books', secret)],
    ['a signed payload that is not JSON', () => signed(Buffer.from('not json').toString('base64url'))],
    ['a signed payload without a scope', () => signed(encoded({ k: key }))],
    ['a signed payload with an extra field', () => signed(encoded({ k: key, s: 'products:*', admin: true }))],
    ['a signed payload whose key is not strings', () => signed(encoded({ k: { pk: 1 }, s: 'products:*' }))],
  ])('refuses %s', (_, make) => {
    expect(invalid(make())).toEqual(refused);
  });

  it('accepts a signed payload in the expected shape (the signature, not the encoder, is what counts)', () => {
    expect(decodeCursor(signed(encoded({ k: { pk: 'A' }, s: 'orders:u1' })), 'orders:u1', secret)).toEqual({ pk: 'A' });
  });

  it('is opaque: base64url JSON and an HMAC-SHA256, joined by one dot', () => {
    const cursor = encodeCursor({ pk: 'A' }, 'products:*', secret);
    expect(cursor).toBe(signed(encoded({ k: { pk: 'A' }, s: 'products:*' })));
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });
});

describe('limitParam: the page size', () => {
  const limit = limitParam(50, 20);
  const parse = (value: unknown) => z.safeParse(limit, value);

  it('defaults to the fallback', () => {
    expect(parse(undefined)).toMatchObject({ success: true, data: 20 });
  });

  it.each([
    ['1', 1],
    ['50', 50],
    ['7', 7],
    [12, 12],
  ])('takes %p, from 1 to the maximum', (value, expected) => {
    expect(parse(value)).toMatchObject({ success: true, data: expected });
  });

  it.each(['0', '51', '-1', '2.5', 'ten', '1e3'])('refuses %p', (value) => {
    expect(parse(value).success).toBe(false);
  });

  it('refuses 0 and max + 1 by name through the query validation (400 naming query.limit)', () => {
    const error = (value: string) => {
      try {
        parseWith(z.object({ limit }), { limit: value }, 'query');
      } catch (thrown) {
        return (thrown as ValidationError).errors;
      }
      throw new Error('expected a validation error');
    };
    expect(error('0')).toEqual([{ path: 'query.limit', message: 'Must be at least 1', code: 'too_small' }]);
    expect(error('51')).toEqual([{ path: 'query.limit', message: 'Must be at most 50', code: 'too_big' }]);
    expect(error('2.5')).toEqual([{ path: 'query.limit', message: 'Expected an integer', code: 'invalid_type' }]);
  });
});

describe('cursorParam: the cursor query parameter', () => {
  const cursor = cursorParam();
  const parse = (value: unknown) => z.safeParse(cursor, value);

  it('is optional', () => {
    expect(parse(undefined)).toMatchObject({ success: true, data: undefined });
  });

  it('takes a cursor as encodeCursor makes it', () => {
    const value = encodeCursor(key, 'products:*', 'secret-secret-secret');
    expect(parse(value)).toMatchObject({ success: true, data: value });
  });

  it('takes up to 2048 characters and no more', () => {
    expect(parse(`${'a'.repeat(1024)}.${'b'.repeat(1023)}`).success).toBe(true);
    expect(parse(`${'a'.repeat(1024)}.${'b'.repeat(1024)}`).success).toBe(false);
  });

  it.each(['abc', 'a.b.c', '.b', 'a.', 'a b.c', 'a+b.c', 'a/b.c', 'a=.b', ' a.b', 'a.b\n'])('refuses %p', (value) => {
    const result = parse(value);
    expect(result.success).toBe(false);
  });

  it('says "Invalid cursor" when the alphabet is wrong', () => {
    expect(() => parseWith(z.object({ cursor }), { cursor: 'a+b.c' }, 'query')).toThrow(
      expect.objectContaining({ errors: [{ path: 'query.cursor', message: 'Invalid cursor', code: 'invalid_format' }] }),
    );
  });
});

describe('pageOf', () => {
  const page = pageOf(z.object({ id: z.string() }), 'ThingPage');

  it('is a list of items and the next cursor, null on the last page', () => {
    expect(z.safeParse(page, { items: [{ id: 'a' }], nextCursor: 'x.y' })).toMatchObject({ success: true });
    expect(z.safeParse(page, { items: [], nextCursor: null })).toMatchObject({ success: true });
    expect(z.safeParse(page, { items: [] }).success).toBe(false);
    expect(z.safeParse(page, { items: [{ id: 1 }], nextCursor: null }).success).toBe(false);
  });

  it('is documented as a named component', () => {
    expect(z.globalRegistry.get(page)).toMatchObject({ id: 'ThingPage', description: expect.stringMatching(/^One page of results/) });
  });
});
