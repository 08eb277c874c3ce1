import { ReservationIdReusedError, ReservationNotFoundError, ReservationReleasedError } from '../domain/errors';
import type { ReserveStockBody } from '@emporium/catalog-contract/schemas/reservation';
import type { Reservation } from '../domain/reservation';
import { assertDistinctProducts, newReservation, sameLines } from '../domain/reservation';
import type { Deps } from '../ports';
import { countEvent } from '@emporium/common/metrics';

type ReservationDeps = Pick<Deps, 'reservations' | 'now'>;

/**
 * Reserves every line's stock at once or none. Idempotent per reservation id: a retry with the same
 * lines returns the stored reservation (created: false) and takes no more stock. An id that was
 * released (or released before it was ever reserved) is spent: 409, no stock taken.
 */
export const reserveStock = async (
  input: ReserveStockBody,
  deps: ReservationDeps,
): Promise<{ reservation: Reservation; created: boolean }> => {
  assertDistinctProducts(input.lines);
  const reservation = newReservation(input.reservationId, input.lines, deps.now());
  const outcome = await deps.reservations.reserve(reservation, deps.now());
  if (outcome.created) return { reservation, created: true };
  if (outcome.existing.status === 'released') throw new ReservationReleasedError(input.reservationId);
  if (!sameLines(outcome.existing.lines, input.lines)) throw new ReservationIdReusedError(input.reservationId);
  return { reservation: outcome.existing, created: false };
};

export const getReservation = async (id: string, deps: Pick<Deps, 'reservations'>): Promise<Reservation> => {
  const reservation = await deps.reservations.get(id);
  if (!reservation) throw new ReservationNotFoundError(id);
  return reservation;
};

/**
 * Returns a reservation's stock exactly once; releasing again is a no-op that reports the state.
 * Releasing an id that was never reserved records it as released (a tombstone), so a reserve that
 * arrives late for a caller that already gave up cannot take stock that nobody will give back.
 */
export const releaseReservation = async (id: string, deps: ReservationDeps): Promise<Reservation> => {
  let reservation = await deps.reservations.get(id);
  if (!reservation) {
    const tombstone = await deps.reservations.tombstone(id, deps.now());
    if (tombstone) return tombstone;
    reservation = await getReservation(id, deps); // reserved meanwhile: release it normally
  }
  if (reservation.status === 'released') return reservation;
  const now = deps.now();
  // Counted once: a concurrent release that lost the race returned nothing.
  if (await deps.reservations.release(reservation, now)) countEvent('StockReleased', reservation.lines.reduce((units, line) => units + line.quantity, 0));
  return getReservation(id, deps);
};
