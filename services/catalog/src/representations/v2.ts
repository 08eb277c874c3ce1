import type { ProductStock, ProductV2 } from '@emporium/catalog-contract/v2/product';
import type { ReservationV2 } from '@emporium/catalog-contract/v2/reservation';
import { availabilityOf } from '../domain/availability';
import type { Product } from '../domain/product';
import type { Reservation } from '../domain/reservation';

/**
 * API v2's representations of the domain (CHANGELOG.md): v1 publishes the product as the domain
 * holds it; v2 publishes availability instead of the stock count, and the count to admins alone.
 */
export const productV2 = ({ stock, ...product }: Product): ProductV2 => ({ ...product, availability: availabilityOf(stock) });

export const productStock = (product: Product): ProductStock => ({ productId: product.id, stock: product.stock, version: product.version });

/** A committed reservation still holds its stock: `active`, with `committedAt` and no `expiresAt`. */
export const reservationV2 = ({ status, ...reservation }: Reservation): ReservationV2 => ({
  ...reservation,
  status: status === 'released' ? 'released' : 'active',
});
