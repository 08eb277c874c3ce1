import { thrown as thrownBy } from '@emporium/testing/errors';
import type { AppError } from '@emporium/common/errors';
import { ValidationError } from '@emporium/common/errors';
import type { Product } from './product';
import type { Reservation } from './reservation';
import { assertDistinctProducts, isExpired, newReservation, pricedLines, sameLines } from './reservation';

const thrown = (fn: () => unknown) => thrownBy<AppError>(fn);

describe('reservation rules', () => {
  it('accepts lines for distinct products', () => {
    expect(() =>
      assertDistinctProducts([
        { productId: 'a', quantity: 1 },
        { productId: 'b', quantity: 2 },
      ]),
    ).not.toThrow();
  });

  it('rejects a product listed twice, naming the line', () => {
    const lines = [
      { productId: 'a', quantity: 1 },
      { productId: 'b', quantity: 1 },
      { productId: 'a', quantity: 3 },
    ];
    expect(() => assertDistinctProducts(lines)).toThrow(ValidationError);
    try {
      assertDistinctProducts(lines);
    } catch (error) {
      expect((error as ValidationError).errors?.[0]?.path).toBe('body.lines.2.productId');
    }
  });

  it('treats the same lines in another order as the same request', () => {
    expect(
      sameLines(
        [
          { productId: 'a', quantity: 1 },
          { productId: 'b', quantity: 2 },
        ],
        [
          { productId: 'b', quantity: 2 },
          { productId: 'a', quantity: 1 },
        ],
      ),
    ).toBe(true);
  });

  it('sees a different quantity as a different request', () => {
    expect(sameLines([{ productId: 'a', quantity: 1 }], [{ productId: 'a', quantity: 2 }])).toBe(false);
  });
});

describe('a duplicate product, by value', () => {
  it('is a 400 naming both lines and the second one as the field', () => {
    try {
      assertDistinctProducts([
        { productId: 'a', quantity: 1 },
        { productId: 'b', quantity: 1 },
        { productId: 'a', quantity: 3 },
      ]);
      throw new Error('expected a duplicate to be refused');
    } catch (error) {
      const { code, status, detail, errors, message } = error as ValidationError;
      expect({ code, status, detail, errors, message }).toEqual({
        message: 'Duplicate product in reservation',
        code: 'VALIDATION_FAILED',
        status: 400,
        detail: 'Product a appears in lines 0 and 2; merge them into one line.',
        errors: [{ path: 'body.lines.2.productId', message: 'Duplicate product', code: 'duplicate' }],
      });
    }
  });

  it('accepts no lines and one line', () => {
    expect(() => assertDistinctProducts([])).not.toThrow();
    expect(() => assertDistinctProducts([{ productId: 'a', quantity: 1 }])).not.toThrow();
  });
});

describe('sameLines', () => {
  it('compares products too, not only quantities', () => {
    expect(sameLines([{ productId: 'a', quantity: 1 }], [{ productId: 'b', quantity: 1 }])).toBe(false);
    expect(
      sameLines(
        [{ productId: 'a', quantity: 1 }],
        [
          { productId: 'a', quantity: 1 },
          { productId: 'b', quantity: 1 },
        ],
      ),
    ).toBe(false);
  });

  it('sorts by product id, whatever the order given', () => {
    const lines = ['c', 'a', 'b'].map((productId, quantity) => ({ productId, quantity }));
    expect(sameLines(lines, [lines[1]!, lines[2]!, lines[0]!])).toBe(true);
    expect(sameLines(lines, [lines[2]!, lines[0]!, lines[1]!])).toBe(true);
  });
});

describe('pricedLines', () => {
  const product = (id: string, stock: number, status: 'active' | 'archived' = 'active') =>
    ({ id, sku: `SKU-${id}`, name: `Product ${id}`, price: { amount: 250, currency: 'EUR' }, stock, status, version: 1 }) as unknown as Product;

  it("prices each line with the product's name and price, in the request's order", () => {
    expect(
      pricedLines(
        [
          { productId: 'b', quantity: 2 },
          { productId: 'a', quantity: 5 },
        ],
        [product('b', 2), product('a', 9)],
      ),
    ).toEqual([
      { productId: 'b', quantity: 2, name: 'Product b', unitPrice: { amount: 250, currency: 'EUR' } },
      { productId: 'a', quantity: 5, name: 'Product a', unitPrice: { amount: 250, currency: 'EUR' } },
    ]);
  });

  it('takes the last unit in stock, and refuses one more (409 naming the line)', () => {
    expect(pricedLines([{ productId: 'a', quantity: 3 }], [product('a', 3)])).toHaveLength(1);
    const error = thrown(() =>
      pricedLines(
        [
          { productId: 'a', quantity: 1 },
          { productId: 'b', quantity: 4 },
        ],
        [product('a', 1), product('b', 3)],
      ),
    );
    expect({ code: error.code, status: error.status, detail: error.detail, errors: error.errors }).toEqual({
      code: 'INSUFFICIENT_STOCK',
      status: 409,
      detail: 'Not enough stock for some lines; nothing was reserved.',
      errors: [{ path: 'body.lines.1.quantity', message: 'Only 3 in stock', code: 'insufficient_stock' }],
    });
  });

  it('refuses unknown and archived products (422), listing short lines too', () => {
    const error = thrown(() =>
      pricedLines(
        [
          { productId: 'x', quantity: 1 },
          { productId: 'a', quantity: 1 },
          { productId: 'b', quantity: 9 },
        ],
        [undefined, product('a', 5, 'archived'), product('b', 1)],
      ),
    );
    expect({ code: error.code, status: error.status, detail: error.detail, errors: error.errors }).toEqual({
      code: 'PRODUCT_UNAVAILABLE',
      status: 422,
      detail: 'Some products cannot be reserved; nothing was reserved.',
      errors: [
        { path: 'body.lines.0.productId', message: 'Product x does not exist', code: 'not_found' },
        { path: 'body.lines.1.productId', message: 'Product a is archived', code: 'archived' },
        { path: 'body.lines.2.quantity', message: 'Only 1 in stock', code: 'insufficient_stock' },
      ],
    });
  });
});

describe('newReservation', () => {
  const now = new Date('2026-05-01T12:00:00.000Z');
  const lines = [{ productId: 'a', quantity: 1, name: 'A', unitPrice: { amount: 1, currency: 'EUR' } }];

  it('holds until released without a hold time (API v1)', () => {
    expect(newReservation('R1', lines, now)).toEqual({ id: 'R1', lines, status: 'active', createdAt: '2026-05-01T12:00:00.000Z' });
  });

  it('ends after the hold time (API v2)', () => {
    expect(newReservation('R1', lines, now, 900)).toEqual({
      id: 'R1',
      lines,
      status: 'active',
      createdAt: '2026-05-01T12:00:00.000Z',
      expiresAt: '2026-05-01T12:15:00.000Z',
    });
    expect(newReservation('R1', lines, now, 0).expiresAt).toBe('2026-05-01T12:00:00.000Z');
  });
});

describe('isExpired', () => {
  const now = new Date('2026-05-01T12:00:00.000Z');
  const reservation = (status: 'active' | 'committed' | 'released', expiresAt?: string) =>
    ({ id: 'R1', lines: [], status, createdAt: '2026-05-01T11:00:00.000Z', ...(expiresAt ? { expiresAt } : {}) }) as Reservation;

  it('is an active hold at or past its end', () => {
    expect(isExpired(reservation('active', '2026-05-01T12:00:00.000Z'), now)).toBe(true);
    expect(isExpired(reservation('active', '2026-05-01T11:59:59.999Z'), now)).toBe(true);
    expect(isExpired(reservation('active', '2026-05-01T12:00:00.001Z'), now)).toBe(false);
  });

  it('is never a hold without an end, a committed one or a released one', () => {
    expect(isExpired(reservation('active'), now)).toBe(false);
    expect(isExpired(reservation('committed', '2026-05-01T11:00:00.000Z'), now)).toBe(false);
    expect(isExpired(reservation('released', '2026-05-01T11:00:00.000Z'), now)).toBe(false);
  });
});
