import { productId } from '@emporium/catalog-contract/schemas/product-fields';
import { money } from '@emporium/common/contract/money';
import { cursorParam, limitParam, pageOf } from '@emporium/common/pagination';
import { DOCS, withMeta } from '@emporium/common/contract/meta';
import * as z from 'zod/mini';
import { isoDateTime } from '@emporium/common/contract/formats';

/** Orders' contracts: requests, responses and their documentation, in one place. */

export const MAX_PAGE_SIZE = 100;
export const MAX_LINES = 20;
export const MAX_QUANTITY = 100;

export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'SHIPPED', 'CANCELLED'] as const;
/** Statuses an admin may set through POST /v1/orders/{id}/status (cancel has its own route). */
export const ADMIN_STATUSES = ['CONFIRMED', 'SHIPPED'] as const;

export const orderId = withMeta(
  z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Expected an order id (a ULID such as 01JF40A1B2C3D4E5F6G7H8J9K0)')),
  DOCS && {
    description: 'Order id (ULID); also the id of its stock reservation in catalog',
    example: '01JF40A1B2C3D4E5F6G7H8J9K0',
  },
);

export const orderLine = withMeta(
  z.strictObject({
    productId,
    quantity: withMeta(z.number().check(z.int(), z.gte(1), z.lte(MAX_QUANTITY)), DOCS && { example: 2 }),
  }),
  DOCS && { id: 'RequestedLine' },
);

/**
 * What a client may send: products and quantities, nothing else. Prices, totals, currency, status,
 * ids and the owner are the system's (an unknown field is 400 `body.<field>: Unknown field`).
 */
export const placeOrderBody = withMeta(
  z.strictObject({ lines: z.array(orderLine).check(z.minLength(1), z.maxLength(MAX_LINES)) }).check(
    z.superRefine((body, ctx) => {
      const seen = new Set<string>();
      body.lines.forEach((line, index) => {
        if (seen.has(line.productId)) {
          ctx.addIssue({ code: 'custom', path: ['lines', index, 'productId'], message: 'Duplicate product; merge the lines' });
        }
        seen.add(line.productId);
      });
    }),
  ),
  DOCS && { id: 'PlaceOrder', description: 'The products and quantities to order; each product once. Prices come from the catalog.' },
);
export type PlaceOrderBody = z.output<typeof placeOrderBody>;

/** Idempotency-Key header: required on POST /v1/orders. */
export const idempotencyKeyHeader = withMeta(
  z
    .string({ error: (issue) => (issue.input === undefined ? 'Required: send a key of your own for this order, e.g. a UUID' : undefined) })
    .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Expected 1-64 letters, digits, "_" or "-", e.g. a UUID')),
  DOCS && {
    description: 'Your key for this order: a retry with the same key and body answers the same order instead of placing another',
    example: '6f1c2b8e-0d5a-4d7e-9b4e-2f8a1c3d5e7f',
  },
);

export const placeOrderHeaders = z.object({ 'Idempotency-Key': idempotencyKeyHeader });

export const orderIdParams = z.strictObject({ id: orderId });

export const listOrdersQuery = z.strictObject({
  limit: limitParam(MAX_PAGE_SIZE, 20),
  cursor: cursorParam(),
});
export type ListOrdersQuery = z.output<typeof listOrdersQuery>;

export const updateStatusBody = withMeta(
  z.strictObject({ status: withMeta(z.enum(ADMIN_STATUSES), DOCS && { description: 'PENDING -> CONFIRMED -> SHIPPED' }) }),
  DOCS && {
    id: 'UpdateOrderStatus',
  },
);

export const orderLineSchema = withMeta(
  z.object({
    productId,
    quantity: withMeta(z.number().check(z.int(), z.gte(1)), DOCS && { example: 2 }),
    name: withMeta(z.string(), DOCS && { description: "The product's name when it was ordered", example: 'Oak desk, 140 cm' }),
    unitPrice: withMeta(money, DOCS && { description: "The product's price when it was ordered" }),
    lineTotal: withMeta(money, DOCS && { description: 'unitPrice x quantity' }),
  }),
  DOCS && { id: 'OrderLine' },
);

export const orderSchema = withMeta(
  z.object({
    id: orderId,
    userId: withMeta(z.string(), DOCS && { description: 'The customer who placed it' }),
    status: z.enum(ORDER_STATUSES),
    lines: z.array(orderLineSchema),
    total: withMeta(money, DOCS && { description: 'The sum of the line totals, in the one currency of the order' }),
    version: withMeta(z.number().check(z.int(), z.gte(1)), DOCS && { description: 'Bumped by every change; the ETag is `"<version>"`', example: 1 }),
    createdAt: isoDateTime(),
    updatedAt: isoDateTime(),
    cancelledAt: z.optional(isoDateTime()),
    stockReleased: withMeta(
      z.optional(z.boolean()),
      DOCS && {
        description: 'On a cancelled order: whether its stock is back in the catalog (a repeated cancel retries)',
      },
    ),
  }),
  DOCS && { id: 'Order', description: 'An order: its lines priced by the catalog at the time of the order.' },
);
export type OrderView = z.output<typeof orderSchema>;

export const orderPage = pageOf(orderSchema, 'OrderPage');
