import { money } from '@emporium/common/contract/money';
import { z } from 'zod';
import { productSchema } from '../schemas/product';
import { reservationId, reservationLine } from '../schemas/reservation';

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
export const reservationLineV2 = reservationLine
  .extend({
    name: productSchema.shape.name.meta({ description: "The product's name when the stock was reserved" }),
    /** The product's price when the stock was reserved (checked in the same transaction). */
    unitPrice: money,
  })
  .meta({ id: 'ReservedLine' });
export type ReservationLineV2 = z.output<typeof reservationLineV2>;

export const reservationV2Schema = z
  .object({
    id: reservationId,
    lines: z.array(reservationLineV2).meta({ description: 'Empty for an id released before it was ever reserved' }),
    status: z.enum(['active', 'released']).meta({ description: '`active`: the stock is held (until `expiresAt` unless committed); `released`: it went back' }),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().optional().meta({ description: 'When this hold is released unless committed first; absent once committed' }),
    committedAt: z.iso.datetime().optional().meta({ description: 'When the hold was committed: kept until released (an order cancelled), never expired' }),
    releasedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'Reservation', description: 'Stock held for a caller: a hold until committed, expired or released.' });
export type ReservationV2 = z.output<typeof reservationV2Schema>;
