import { DOCS, withMeta } from '@emporium/common/contract/meta';
import * as z from 'zod/mini';
import { MAX_STOCK, productId } from './product-fields';
import { isoDateTime } from '@emporium/common/contract/formats';

/** At most 50 lines (a transaction holds 100 actions, one of them the reservation record). */
export const MAX_RESERVATION_LINES = 50;

export const reservationId = withMeta(
  z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Expected 1-64 letters, digits, "_" or "-"')),
  DOCS && {
    description: "The caller's id for the reservation (its idempotency key); orders use the order id",
    example: '01JF40A1B2C3D4E5F6G7H8J9K0',
  },
);

export const reservationLine = withMeta(
  z.strictObject({
    productId,
    quantity: withMeta(z.number().check(z.int(), z.gte(1), z.lte(MAX_STOCK)), DOCS && { example: 2 }),
  }),
  DOCS && { id: 'ReservationLine' },
);
export type ReservationLine = z.output<typeof reservationLine>;

export const reserveStockBody = withMeta(
  z.strictObject({
    reservationId,
    lines: z.array(reservationLine).check(z.minLength(1), z.maxLength(MAX_RESERVATION_LINES)),
  }),
  DOCS && { id: 'ReserveStock', description: 'Every line is reserved, or none. Each product at most once.' },
);
export type ReserveStockBody = z.output<typeof reserveStockBody>;

export const reservationIdParams = z.strictObject({ id: reservationId });

export const reservationSchema = withMeta(
  z.object({
    id: reservationId,
    lines: withMeta(z.array(reservationLine), DOCS && { description: 'Empty for an id released before it was ever reserved' }),
    status: z.enum(['active', 'released']),
    createdAt: isoDateTime(),
    releasedAt: z.optional(isoDateTime()),
  }),
  DOCS && { id: 'Reservation', description: 'Stock held for a caller until it is released.' },
);
export type Reservation = z.output<typeof reservationSchema>;
