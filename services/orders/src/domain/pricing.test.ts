import { MixedCurrencyError } from './errors';
import type { ReservedLine } from './pricing';
import { priceOrder } from './pricing';

const held = (productId: string, quantity: number, amount: number, currency = 'EUR'): ReservedLine => ({
  productId,
  quantity,
  name: `Product ${productId}`,
  unitPrice: { amount, currency },
});

describe('pricing', () => {
  it("prices every line at catalog's reserved price and totals in integer minor units, in the request's order", () => {
    const priced = priceOrder(
      [
        { productId: 'A', quantity: 3 },
        { productId: 'B', quantity: 1 },
      ],
      [held('B', 1, 5), held('A', 3, 1999)],
    );
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    expect(priced).toEqual({
      total: eur(6002),
      lines: [
        { productId: 'A', quantity: 3, name: 'Product A', unitPrice: eur(1999), lineTotal: eur(5997) },
        { productId: 'B', quantity: 1, name: 'Product B', unitPrice: eur(5), lineTotal: eur(5) },
      ],
    });
  });

  it('keeps free products at zero', () => {
    expect(priceOrder([{ productId: 'A', quantity: 2 }], [held('A', 2, 0)]).total).toEqual({ amount: 0, currency: 'EUR' });
  });

  it('refuses products priced in different currencies', () => {
    expect(() =>
      priceOrder(
        [
          { productId: 'A', quantity: 1 },
          { productId: 'B', quantity: 1 },
        ],
        [held('A', 1, 1), held('B', 1, 1, 'USD')],
      ),
    ).toThrow(MixedCurrencyError);
  });

  it('refuses a reservation that does not hold exactly the requested lines', () => {
    expect(() => priceOrder([{ productId: 'A', quantity: 2 }], [held('A', 1, 100)])).toThrow('does not hold line A x 2');
    expect(() => priceOrder([{ productId: 'A', quantity: 1 }], [held('B', 1, 100)])).toThrow('does not hold line A x 1');
  });

  it('never produces an unsafe integer total', () => {
    expect(() => priceOrder([{ productId: 'A', quantity: 100 }], [held('A', 100, Number.MAX_SAFE_INTEGER)])).toThrow(RangeError);
  });

  it('refuses a total past the safe integer range even when every line is within it', () => {
    const half = Math.ceil(Number.MAX_SAFE_INTEGER / 2);
    expect(() =>
      priceOrder(
        [
          { productId: 'A', quantity: 1 },
          { productId: 'B', quantity: 1 },
        ],
        [held('A', 1, half), held('B', 1, half)],
      ),
    ).toThrow(new RangeError('Order total exceeds the safe integer range'));
    expect(priceOrder([{ productId: 'A', quantity: 1 }], [held('A', 1, Number.MAX_SAFE_INTEGER)]).total.amount).toBe(Number.MAX_SAFE_INTEGER);
  });
});
