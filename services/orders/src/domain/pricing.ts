import type { Product } from '@emporium/catalog-contract/schemas/product';
import type { Money } from '@emporium/common/contract/money';
import { MixedCurrencyError, ProductUnavailableError } from './errors';
import type { OrderLine, RequestedLine } from './order';

/** What orders needs to know about a product: catalog's published product, these fields of it. */
export type CatalogProduct = Pick<Product, 'id' | 'name' | 'price' | 'status'>;

export interface PricedOrder {
  lines: OrderLine[];
  total: Money;
}

/**
 * Prices the requested lines with catalog's products (never with anything the client sent):
 * unit price x quantity per line and the total, all in integer minor units of ONE currency.
 * Unknown or archived products -> 422 PRODUCT_UNAVAILABLE; more than one currency -> 422 MIXED_CURRENCY.
 */
export const priceOrder = (
  requested: readonly RequestedLine[],
  products: ReadonlyMap<string, CatalogProduct | undefined>,
): PricedOrder => {
  const unavailable = requested
    .map((line, index) => ({ line, index, product: products.get(line.productId) }))
    .filter(({ product }) => !product || product.status !== 'active')
    .map(({ line, index, product }) => ({
      path: `body.lines.${index}.productId`,
      message: product ? `Product ${line.productId} is archived` : `Product ${line.productId} does not exist`,
      code: product ? 'archived' : 'not_found',
    }));
  if (unavailable.length > 0) {
    throw new ProductUnavailableError({ detail: 'Some products cannot be ordered; nothing was ordered.', errors: unavailable });
  }
  const priced = requested.map((line) => {
    const product = products.get(line.productId)!;
    return { line, product };
  });
  const currencies = [...new Set(priced.map(({ product }) => product.price.currency))];
  if (currencies.length !== 1) {
    throw new MixedCurrencyError(currencies);
  }
  const currency = currencies[0]!;
  const lines: OrderLine[] = priced.map(({ line, product }) => ({
    productId: line.productId,
    quantity: line.quantity,
    name: product.name,
    unitPrice: { amount: product.price.amount, currency },
    lineTotal: { amount: product.price.amount * line.quantity, currency },
  }));
  const total = lines.reduce((sum, line) => sum + line.lineTotal.amount, 0);
  if (!lines.every((line) => Number.isSafeInteger(line.lineTotal.amount)) || !Number.isSafeInteger(total)) {
    throw new RangeError('Order total exceeds the safe integer range');
  }
  return { lines, total: { amount: total, currency } };
};
