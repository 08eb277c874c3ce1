import { MixedCurrencyError, ProductUnavailableError } from './errors';
import type { CatalogProduct } from './pricing';
import { priceOrder } from './pricing';

const product = (id: string, amount: number, currency = 'EUR', status: CatalogProduct['status'] = 'active'): CatalogProduct => ({
  id,
  name: `Product ${id}`,
  price: { amount, currency },
  status,
});
const catalog = (...products: CatalogProduct[]) => new Map<string, CatalogProduct | undefined>(products.map((p) => [p.id, p]));

describe('pricing', () => {
  it('prices every line from catalog and totals in integer minor units', () => {
    const priced = priceOrder(
      [{ productId: 'A', quantity: 3 }, { productId: 'B', quantity: 1 }],
      catalog(product('A', 1999), product('B', 5)),
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
    expect(priceOrder([{ productId: 'A', quantity: 2 }], catalog(product('A', 0))).total).toEqual({ amount: 0, currency: 'EUR' });
  });

  it('refuses products priced in different currencies', () => {
    expect(() => priceOrder([{ productId: 'A', quantity: 1 }, { productId: 'B', quantity: 1 }], catalog(product('A', 1), product('B', 1, 'USD')))).toThrow(
      MixedCurrencyError,
    );
  });

  it('refuses unknown and archived products, naming each line', () => {
    const products = new Map<string, CatalogProduct | undefined>([['A', product('A', 1, 'EUR', 'archived')], ['B', undefined]]);
    try {
      priceOrder([{ productId: 'A', quantity: 1 }, { productId: 'B', quantity: 1 }], products);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(ProductUnavailableError);
      expect((error as ProductUnavailableError).errors).toEqual([
        { path: 'body.lines.0.productId', message: 'Product A is archived', code: 'archived' },
        { path: 'body.lines.1.productId', message: 'Product B does not exist', code: 'not_found' },
      ]);
    }
  });

  it('never produces an unsafe integer total', () => {
    expect(() => priceOrder([{ productId: 'A', quantity: 100 }], catalog(product('A', Number.MAX_SAFE_INTEGER)))).toThrow(RangeError);
  });
});
