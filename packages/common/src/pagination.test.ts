import { ValidationError } from './errors';
import { decodeCursor, encodeCursor } from './pagination';

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
