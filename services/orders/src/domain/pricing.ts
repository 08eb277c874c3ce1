import type { ReservationLineV2 } from '@emporium/catalog-contract/v2/reservation';
import type { Money } from '@emporium/common/contract/money';
import { MixedCurrencyError } from './errors';
import type { OrderLine, RequestedLine } from './order';

/**
 * A line as catalog reserved it: the product's name and unit price when its stock was taken, read
 * and checked in the same transaction (never a gateway-cached product read, which may be one
 * cache TTL old).
 */
export type ReservedLine = Pick<ReservationLineV2, 'productId' | 'quantity' | 'name' | 'unitPrice'>;

export interface PricedOrder {
  lines: OrderLine[];
  total: Money;
}

/**
 * Prices the requested lines with the prices catalog reserved them at (never with anything the
 * client sent): unit price x quantity per line and the total, all in integer minor units of ONE
 * currency. More than one currency -> 422 MIXED_CURRENCY.
 */
export const priceOrder = (requested: readonly RequestedLine[], reserved: readonly ReservedLine[]): PricedOrder => {
  const byProduct = new Map(reserved.map((line) => [line.productId, line]));
  const priced = requested.map((line) => {
    const held = byProduct.get(line.productId);
    if (!held || held.quantity !== line.quantity) throw new Error(`The reservation does not hold line ${line.productId} x ${line.quantity}`);
    return held;
  });
  const currencies = [...new Set(priced.map((line) => line.unitPrice.currency))];
  if (currencies.length !== 1) {
    throw new MixedCurrencyError(currencies);
  }
  const currency = currencies[0]!;
  const lines: OrderLine[] = priced.map((line) => ({
    productId: line.productId,
    quantity: line.quantity,
    name: line.name,
    unitPrice: { amount: line.unitPrice.amount, currency },
    lineTotal: { amount: line.unitPrice.amount * line.quantity, currency },
  }));
  const total = lines.reduce((sum, line) => sum + line.lineTotal.amount, 0);
  if (!lines.every((line) => Number.isSafeInteger(line.lineTotal.amount)) || !Number.isSafeInteger(total)) {
    throw new RangeError('Order total exceeds the safe integer range');
  }
  return { lines, total: { amount: total, currency } };
};
