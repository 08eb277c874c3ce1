import { z } from 'zod';
import { MAX_STOCK, productId } from './product';

/** At most 50 lines (a transaction holds 100 actions, one of them the reservation record). */
export const MAX_RESERVATION_LINES = 50;

export const reservationId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Expected 1-64 letters, digits, "_" or "-"')
  .meta({ description: "The caller's id for the reservation (its idempotency key); orders use the order id", example: '01JF40A1B2C3D4E5F6G7H8J9K0' });

export const reservationLine = z
  .strictObject({
    productId,
    quantity: z.number().int().min(1).max(MAX_STOCK).meta({ example: 2 }),
  })
  .meta({ id: 'ReservationLine' });
export type ReservationLine = z.output<typeof reservationLine>;

export const reserveStockBody = z
  .strictObject({
    reservationId,
    lines: z.array(reservationLine).min(1).max(MAX_RESERVATION_LINES),
  })
  .meta({ id: 'ReserveStock', description: 'Every line is reserved, or none. Each product at most once.' });
export type ReserveStockBody = z.output<typeof reserveStockBody>;

export const reservationIdParams = z.strictObject({ id: reservationId });

export const reservationSchema = z
  .object({
    id: reservationId,
    lines: z.array(reservationLine).meta({ description: 'Empty for an id released before it was ever reserved' }),
    status: z.enum(['active', 'released']),
    createdAt: z.iso.datetime(),
    releasedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'Reservation', description: 'Stock held for a caller until it is released.' });
export type Reservation = z.output<typeof reservationSchema>;
