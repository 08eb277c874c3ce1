import type { ReservationLine as RequestedLine } from '@emporium/catalog-contract/schemas/reservation';
import type { ReservationLineV2, ReservationV2 } from '@emporium/catalog-contract/v2/reservation';
import type { FieldError } from '@emporium/common/errors';
import { ValidationError } from '@emporium/common/errors';
import { InsufficientStockError, UnavailableProductError } from './errors';
import type { Product } from './product';

/**
 * Stock held for a caller (an order) until it is committed or released. Its id is the caller's
 * idempotency key. Each line records the product's name and unit price as they were when the stock
 * was taken (checked in the same transaction), so the caller prices from them.
 */
export interface Reservation extends Omit<ReservationV2, 'status'> {
  /** `committed`: kept for good, never expired (the APIs publish it as `active` with committedAt). */
  status: 'active' | 'committed' | 'released';
}
export type ReservationLine = ReservationLineV2;
export type { RequestedLine };
export type ReservationStatus = Reservation['status'];

/** A product may appear once per reservation: DynamoDB transactions touch each item at most once. */
export const assertDistinctProducts = (lines: readonly RequestedLine[]): void => {
  const seen = new Map<string, number>();
  lines.forEach((line, index) => {
    const first = seen.get(line.productId);
    if (first !== undefined) {
      throw new ValidationError('Duplicate product in reservation', {
        detail: `Product ${line.productId} appears in lines ${first} and ${index}; merge them into one line.`,
        errors: [{ path: `body.lines.${index}.productId`, message: 'Duplicate product', code: 'duplicate' }],
      });
    }
    seen.set(line.productId, index);
  });
};

const canonical = (lines: readonly RequestedLine[]): string =>
  JSON.stringify([...lines].sort((a, b) => a.productId.localeCompare(b.productId)).map((l) => [l.productId, l.quantity]));

/** True when a retried request asks for exactly what the stored reservation holds (order-insensitive). */
export const sameLines = (a: readonly RequestedLine[], b: readonly RequestedLine[]): boolean => canonical(a) === canonical(b);

/**
 * The lines to reserve, priced from the products as read: every product must exist, be active and
 * have the stock, or nothing is reserved (one error naming every failing line).
 */
export const pricedLines = (requested: readonly RequestedLine[], products: readonly (Product | undefined)[]): ReservationLine[] => {
  const unavailable: FieldError[] = [];
  const short: FieldError[] = [];
  requested.forEach((line, index) => {
    const product = products[index];
    const path = `body.lines.${index}`;
    if (!product) unavailable.push({ path: `${path}.productId`, message: `Product ${line.productId} does not exist`, code: 'not_found' });
    else if (product.status !== 'active') unavailable.push({ path: `${path}.productId`, message: `Product ${line.productId} is archived`, code: 'archived' });
    else if (product.stock < line.quantity) short.push({ path: `${path}.quantity`, message: `Only ${product.stock} in stock`, code: 'insufficient_stock' });
  });
  if (unavailable.length > 0) {
    throw new UnavailableProductError({ detail: 'Some products cannot be reserved; nothing was reserved.', errors: [...unavailable, ...short] });
  }
  if (short.length > 0) throw new InsufficientStockError({ detail: 'Not enough stock for some lines; nothing was reserved.', errors: short });
  return requested.map((line, index) => {
    const product = products[index]!;
    return { productId: line.productId, quantity: line.quantity, name: product.name, unitPrice: product.price };
  });
};

/**
 * A new reservation. With a hold, it is released at `expiresAt` unless committed before (API v2);
 * without, it holds until released (API v1, whose callers never commit).
 */
export const newReservation = (id: string, lines: ReservationLine[], now: Date, holdSeconds?: number): Reservation => ({
  id,
  lines,
  status: 'active',
  createdAt: now.toISOString(),
  ...(holdSeconds !== undefined ? { expiresAt: new Date(now.getTime() + holdSeconds * 1000).toISOString() } : {}),
});

/** An active hold past its end: the sweeper releases it (unless it is committed first). */
export const isExpired = (reservation: Reservation, now: Date): boolean =>
  reservation.status === 'active' && reservation.expiresAt !== undefined && reservation.expiresAt <= now.toISOString();
