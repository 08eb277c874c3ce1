import type { ReserveStockBody } from '@emporium/catalog-contract/schemas/reservation';
import { ServiceUnavailableError } from '@emporium/common/errors';
import { getLogger } from '@emporium/common/logger';
import { countEvent } from '@emporium/common/metrics';
import { PriceChangedError, ReservationIdReusedError, ReservationNotFoundError, ReservationReleasedError } from '../domain/errors';
import type { Reservation } from '../domain/reservation';
import { assertDistinctProducts, newReservation, pricedLines, sameLines } from '../domain/reservation';
import type { Deps } from '../ports';

type ReservationDeps = Pick<Deps, 'reservations' | 'now'>;

/** Reads and transactions a price change may cancel before the reservation gives up (503). */
export const RESERVE_ATTEMPTS = 3;

const unitsOf = (reservation: Reservation) => reservation.lines.reduce((units, line) => units + line.quantity, 0);

/** A retry of a stored reservation: the same lines replay it; a released id is spent. */
const replay = (existing: Reservation, input: ReserveStockBody) => {
  if (existing.status === 'released') throw new ReservationReleasedError(input.reservationId);
  if (!sameLines(existing.lines, input.lines)) throw new ReservationIdReusedError(input.reservationId);
  return { reservation: existing, created: false };
};

/**
 * Reserves every line's stock at once or none, at the products' current prices: the products are
 * read (strongly consistent), priced, and their stock taken in a transaction that holds only if
 * each price is still the one read, so the reservation's prices are the ones its stock was taken
 * at. A price change in between retries the read. Idempotent per reservation id: a retry with the
 * same lines returns the stored reservation (created: false) and takes no more stock. An id that was
 * released (or released before it was ever reserved) is spent: 409, no stock taken.
 * With `holdSeconds` (API v2) the reservation is a hold that is released at its end unless committed.
 */
export const reserveStock = async (
  input: ReserveStockBody,
  deps: Pick<Deps, 'reservations' | 'products' | 'now'>,
  options: { holdSeconds?: number } = {},
): Promise<{ reservation: Reservation; created: boolean }> => {
  assertDistinctProducts(input.lines);
  const stored = await deps.reservations.get(input.reservationId);
  if (stored) return replay(stored, input);
  for (let attempt = 1; attempt <= RESERVE_ATTEMPTS; attempt += 1) {
    const products = await Promise.all(input.lines.map((line) => deps.products.get(line.productId, { consistent: true })));
    const now = deps.now();
    const reservation = newReservation(input.reservationId, pricedLines(input.lines, products), now, options.holdSeconds);
    try {
      const outcome = await deps.reservations.reserve(reservation, now);
      if (!outcome.created) return replay(outcome.existing, input);
      countEvent('StockReserved', unitsOf(reservation));
      return { reservation, created: true };
    } catch (error) {
      if (!(error instanceof PriceChangedError)) throw error;
      getLogger().info('a price changed while reserving; reading again', { reservationId: input.reservationId, productIds: error.productIds, attempt });
    }
  }
  throw new ServiceUnavailableError('Busy', {
    detail: 'Prices changed while the stock was being reserved; nothing was reserved. Retry shortly.',
    headers: { 'retry-after': '1' },
  });
};

export const getReservation = async (id: string, deps: Pick<Deps, 'reservations'>): Promise<Reservation> => {
  const reservation = await deps.reservations.get(id);
  if (!reservation) throw new ReservationNotFoundError(id);
  return reservation;
};

/**
 * Keeps a hold's stock for good (its order was placed): it no longer expires. Idempotent; a
 * released (or expired and released) reservation cannot be committed: 409.
 */
export const commitReservation = async (id: string, deps: ReservationDeps): Promise<Reservation> => {
  const committed = await deps.reservations.commit(id, deps.now());
  if (committed) return committed;
  const reservation = await getReservation(id, deps);
  if (reservation.status === 'released') throw new ReservationReleasedError(id);
  return reservation; // committed before (a retry)
};

/**
 * Returns a reservation's stock exactly once (held or committed); releasing again is a no-op that
 * reports the state. Releasing an id that was never reserved records it as released (a tombstone),
 * so a reserve that arrives late for a caller that already gave up cannot take stock that nobody
 * will give back.
 */
export const releaseReservation = async (id: string, deps: ReservationDeps): Promise<Reservation> => {
  let reservation = await deps.reservations.get(id);
  if (!reservation) {
    const tombstone = await deps.reservations.tombstone(id, deps.now());
    if (tombstone) return tombstone;
    reservation = await getReservation(id, deps); // reserved meanwhile: release it normally
  }
  if (reservation.status === 'released') return reservation;
  // Counted once: a concurrent release that lost the race returned nothing.
  if (await deps.reservations.release(reservation, deps.now())) countEvent('StockReleased', unitsOf(reservation));
  return getReservation(id, deps);
};

/** Holds released per sweep at most (one page of the index; the next sweep takes the rest). */
export const SWEEP_LIMIT = 100;

/**
 * The scheduled sweep: releases every hold past its end, exactly once each (the release's condition
 * is "still active and expired", so a hold committed or released meanwhile, or by a concurrent
 * sweep, is left alone). Returns how many it released.
 */
export const releaseExpiredReservations = async (deps: ReservationDeps): Promise<{ released: number; skipped: number }> => {
  const now = deps.now();
  const due = await deps.reservations.listExpired(now, SWEEP_LIMIT);
  let released = 0;
  for (const reservation of due) {
    if (await deps.reservations.release(reservation, now, { expiredBy: now })) {
      released += 1;
      countEvent('StockReleased', unitsOf(reservation));
      countEvent('ReservationsExpired');
      getLogger().info('expired hold released', { reservationId: reservation.id, expiresAt: reservation.expiresAt, units: unitsOf(reservation) });
    }
  }
  return { released, skipped: due.length - released };
};
