import { cursorParam, limitParam } from '@emporium/common/pagination';
import { z } from 'zod';
import { ADMIN_STATUSES } from '../domain/status';

/** The single source of orders' contracts. */

export const MAX_PAGE_SIZE = 100;
export const MAX_LINES = 20;
export const MAX_QUANTITY = 100;

const ulid = (what: string) => z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, `Expected ${what} (ULID)`);
export const productId = ulid('a product id');
export const orderId = ulid('an order id');

export const orderLine = z.strictObject({
  productId,
  quantity: z.number().int().min(1).max(MAX_QUANTITY),
});

/**
 * What a client may send: products and quantities, nothing else. Prices, totals, currency, status,
 * ids and the owner are the system's (an unknown field is 400 `body.<field>: Unknown field`).
 */
export const placeOrderBody = z
  .strictObject({ lines: z.array(orderLine).min(1).max(MAX_LINES) })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.lines.forEach((line, index) => {
      if (seen.has(line.productId)) {
        ctx.addIssue({ code: 'custom', path: ['lines', index, 'productId'], message: 'Duplicate product; merge the lines' });
      }
      seen.add(line.productId);
    });
  });
export type PlaceOrderBody = z.output<typeof placeOrderBody>;

/** Idempotency-Key header: required on POST /orders. */
export const idempotencyKeyHeader = z
  .string({ error: 'Send an Idempotency-Key header (1-64 letters, digits, "_" or "-")' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Expected 1-64 letters, digits, "_" or "-"');

export const orderIdParams = z.strictObject({ id: orderId });

export const listOrdersQuery = z.strictObject({
  limit: limitParam(MAX_PAGE_SIZE, 20),
  cursor: cursorParam(),
});

export const updateStatusBody = z.strictObject({ status: z.enum(ADMIN_STATUSES) });

export const orderResponse = z.object({
  id: orderId,
  userId: z.string(),
  status: z.enum(['PENDING', 'CONFIRMED', 'SHIPPED', 'CANCELLED']),
  lines: z.array(
    z.object({ productId, quantity: z.number().int(), name: z.string(), unitPrice: z.number().int(), lineTotal: z.number().int() }),
  ),
  currency: z.string(),
  total: z.number().int(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  cancelledAt: z.iso.datetime().optional(),
  stockReleased: z.boolean().optional(),
});
