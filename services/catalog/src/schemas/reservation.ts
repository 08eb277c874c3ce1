import { z } from 'zod';
import { MAX_STOCK, productId } from './product';

/** At most 50 lines (a transaction holds 100 actions, one of them the reservation record). */
export const MAX_RESERVATION_LINES = 50;

export const reservationId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Expected 1-64 letters, digits, "_" or "-"');

export const reservationLine = z.strictObject({
  productId,
  quantity: z.number().int().min(1).max(MAX_STOCK),
});

export const reserveStockBody = z.strictObject({
  reservationId,
  lines: z.array(reservationLine).min(1).max(MAX_RESERVATION_LINES),
});
export type ReserveStockBody = z.output<typeof reserveStockBody>;

export const reservationIdParams = z.strictObject({ id: reservationId });

export const reservationResponse = z.object({
  id: reservationId,
  lines: z.array(reservationLine),
  status: z.enum(['active', 'released']),
  createdAt: z.iso.datetime(),
  releasedAt: z.iso.datetime().optional(),
});
