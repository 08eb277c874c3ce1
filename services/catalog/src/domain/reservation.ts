import type { Reservation, ReservationLine } from '@emporium/catalog-contract/schemas/reservation';
import { ValidationError } from '@emporium/common/errors';

/** Stock held for a caller (an order) until it is released. Its id is the caller's idempotency key. */
export type { Reservation, ReservationLine };
export type ReservationStatus = Reservation['status'];

/** A product may appear once per reservation: DynamoDB transactions touch each item at most once. */
export const assertDistinctProducts = (lines: readonly ReservationLine[]): void => {
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

const canonical = (lines: readonly ReservationLine[]): string =>
  JSON.stringify([...lines].sort((a, b) => a.productId.localeCompare(b.productId)).map((l) => [l.productId, l.quantity]));

/** True when a retried request asks for exactly what the stored reservation holds (order-insensitive). */
export const sameLines = (a: readonly ReservationLine[], b: readonly ReservationLine[]): boolean =>
  canonical(a) === canonical(b);

export const newReservation = (id: string, lines: ReservationLine[], now: Date): Reservation => ({
  id,
  lines,
  status: 'active',
  createdAt: now.toISOString(),
});
