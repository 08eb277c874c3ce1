import { reserveStock as reserveStockRoute } from '@emporium/catalog-contract/operations/reserve-stock';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { getReservationDeps } from '../reservations-container';
import { reservationV1 } from '../representations/v1';
import { reserveStock } from '../use-cases/reservations';

/** 201 when stock was taken now, 200 when the same reservation id was already recorded. v1: no hold. */
export const handler = httpHandler(reserveStockRoute, async ({ body }) => {
  const { reservation, created } = await reserveStock(body, { ...getDeps(), ...getReservationDeps() });
  return { status: created ? (201 as const) : (200 as const), body: reservationV1(reservation) };
});
