import { money } from '@emporium/common/contract/money';
import { DOCS, withMeta } from '@emporium/common/contract/meta';
import * as z from 'zod/mini';
import { productNameAnswered } from '../schemas/product-fields';
import { reservationId, reservationLine } from '../schemas/reservation';
import { isoDateTime } from '@emporium/common/contract/formats';

/**
 * Catalog v2's reservation (CHANGELOG.md, 2.1.0). Two things v1 cannot say:
 *  - each line carries the product's name and unit price as they were when the stock was taken, read
 *    and checked in the same transaction, so a caller prices from them and never from a
 *    gateway-cached product read that may be one cache TTL old;
 *  - an `active` reservation is a hold that ends at `expiresAt`: the caller commits it (its order was
 *    placed; `committedAt` is set and `expiresAt` gone) or it is released on expiry and its stock
 *    goes back on sale. A committed reservation stays `active` (its stock is held) until released:
 *    the status values are v2's as released, which clients know.
 */
export const reservationLineV2 = withMeta(
  z.extend(reservationLine, {
    name: withMeta(productNameAnswered, DOCS && { description: "The product's name when the stock was reserved" }),
    /** The product's price when the stock was reserved (checked in the same transaction). */
    unitPrice: money,
  }),
  DOCS && { id: 'ReservedLine' },
);
export type ReservationLineV2 = z.output<typeof reservationLineV2>;

export const reservationV2Schema = withMeta(
  z.object({
    id: reservationId,
    lines: withMeta(z.array(reservationLineV2), DOCS && { description: 'Empty for an id released before it was ever reserved' }),
    status: withMeta(
      z.enum(['active', 'released']),
      DOCS && {
        description: '`active`: the stock is held (until `expiresAt` unless committed); `released`: it went back',
      },
    ),
    createdAt: isoDateTime(),
    expiresAt: withMeta(z.optional(isoDateTime()), DOCS && { description: 'When this hold is released unless committed first; absent once committed' }),
    committedAt: withMeta(
      z.optional(isoDateTime()),
      DOCS && {
        description: 'When the hold was committed: kept until released (an order cancelled), never expired',
      },
    ),
    releasedAt: z.optional(isoDateTime()),
  }),
  DOCS && { id: 'Reservation', description: 'Stock held for a caller: a hold until committed, expired or released.' },
);
export type ReservationV2 = z.output<typeof reservationV2Schema>;
