import { reserveStock as reserveStockRoute } from '@emporium/catalog-contract/v2/operations/reserve-stock';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../../container';
import { getReservationDeps } from '../../reservations-container';
import { reservationV2 } from '../../representations/v2';
import { reserveStock } from '../../use-cases/reservations';

/** 201 when stock was taken now (a hold until `expiresAt`), 200 for a retry under the same id. */
export const handler = httpHandler(reserveStockRoute, async ({ body }) => {
  const deps = { ...getDeps(), ...getReservationDeps() };
  const { reservation, created } = await reserveStock(body, deps, { holdSeconds: deps.reservationHoldSeconds() });
  return { status: created ? (201 as const) : (200 as const), body: reservationV2(reservation) };
});
