import { idempotencyKeyHeader, listOrdersQuery, placeOrderBody, updateStatusBody } from './order';

const P1 = '01JABCDEFGHJKMNPQRSTVWXYZ0';
const P2 = '01JABCDEFGHJKMNPQRSTVWXYZ1';
const valid = { lines: [{ productId: P1, quantity: 2 }] };

describe('order contracts', () => {
  it('accepts products and quantities', () => {
    expect(placeOrderBody.parse(valid)).toEqual(valid);
  });

  it.each([
    ['a client price', { ...valid, price: 1 }],
    ['a client total', { ...valid, total: 1 }],
    ['a client status', { ...valid, status: 'SHIPPED' }],
    ['a client owner', { ...valid, userId: 'someone' }],
    ['a client id', { ...valid, id: P1 }],
    ['a client currency', { ...valid, currency: 'EUR' }],
    ['a price on a line', { lines: [{ productId: P1, quantity: 1, unitPrice: 1 }] }],
    ['a name on a line', { lines: [{ productId: P1, quantity: 1, name: 'x' }] }],
  ])('rejects %s (mass assignment)', (_, body) => {
    const result = placeOrderBody.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it.each([
    ['no lines', { lines: [] }],
    ['21 lines', { lines: Array.from({ length: 21 }, (_, i) => ({ productId: `01JABCDEFGHJKMNPQRSTVWXY${String(i).padStart(2, '0')}`, quantity: 1 })) }],
    ['quantity 0', { lines: [{ productId: P1, quantity: 0 }] }],
    ['quantity 101', { lines: [{ productId: P1, quantity: 101 }] }],
    ['a fractional quantity', { lines: [{ productId: P1, quantity: 1.5 }] }],
    ['a product id that is not a ULID', { lines: [{ productId: 'lamp', quantity: 1 }] }],
    [
      'a product twice',
      {
        lines: [
          { productId: P1, quantity: 1 },
          { productId: P1, quantity: 2 },
        ],
      },
    ],
  ])('rejects %s', (_, body) => {
    expect(placeOrderBody.safeParse(body).success).toBe(false);
  });

  it('takes up to 20 distinct lines', () => {
    expect(
      placeOrderBody.safeParse({
        lines: [
          { productId: P1, quantity: 100 },
          { productId: P2, quantity: 1 },
        ],
      }).success,
    ).toBe(true);
  });

  it('needs an Idempotency-Key of 1-64 safe characters', () => {
    expect(idempotencyKeyHeader.safeParse('order-1_A').success).toBe(true);
    expect(idempotencyKeyHeader.safeParse('x'.repeat(64)).success).toBe(true);
    expect(idempotencyKeyHeader.safeParse(undefined).success).toBe(false);
    expect(idempotencyKeyHeader.safeParse('').success).toBe(false);
    expect(idempotencyKeyHeader.safeParse('x'.repeat(65)).success).toBe(false);
    expect(idempotencyKeyHeader.safeParse('a b').success).toBe(false);
  });

  it('lets an admin set only CONFIRMED or SHIPPED', () => {
    expect(updateStatusBody.safeParse({ status: 'CONFIRMED' }).success).toBe(true);
    expect(updateStatusBody.safeParse({ status: 'CANCELLED' }).success).toBe(false);
    expect(updateStatusBody.safeParse({ status: 'SHIPPED', version: 1 }).success).toBe(false);
  });

  it('caps the page size', () => {
    expect(listOrdersQuery.parse({}).limit).toBe(20);
    expect(listOrdersQuery.safeParse({ limit: '101' }).success).toBe(false);
  });
});
