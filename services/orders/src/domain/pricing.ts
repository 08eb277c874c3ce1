import { MixedCurrencyError, ProductUnavailableError } from './errors';
import type { OrderLine, RequestedLine } from './order';

/** What orders needs to know about a product, as catalog answers it. */
export interface CatalogProduct {
  id: string;
  name: string;
  price: { amount: number; currency: string };
  status: 'active' | 'archived';
}

export interface PricedOrder {
  lines: OrderLine[];
  currency: string;
  total: number;
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
  const lines: OrderLine[] = priced.map(({ line, product }) => ({
    productId: line.productId,
    quantity: line.quantity,
    name: product.name,
    unitPrice: product.price.amount,
    lineTotal: product.price.amount * line.quantity,
  }));
  const total = lines.reduce((sum, line) => sum + line.lineTotal, 0);
  if (!lines.every((line) => Number.isSafeInteger(line.lineTotal)) || !Number.isSafeInteger(total)) {
    throw new RangeError('Order total exceeds the safe integer range');
  }
  return { lines, currency: currencies[0]!, total };
};
