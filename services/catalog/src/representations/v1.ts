import type { Reservation as ReservationV1 } from '@emporium/catalog-contract/schemas/reservation';
import type { Reservation } from '../domain/reservation';

/**
 * API v1's reservation: lines are product and quantity only, and a hold is `active` until released
 * (v1 callers never commit; a reservation committed through v2 still holds its stock).
 */
export const reservationV1 = (reservation: Reservation): ReservationV1 => ({
  id: reservation.id,
  lines: reservation.lines.map(({ productId, quantity }) => ({ productId, quantity })),
  status: reservation.status === 'released' ? 'released' : 'active',
  createdAt: reservation.createdAt,
  ...(reservation.releasedAt ? { releasedAt: reservation.releasedAt } : {}),
});
