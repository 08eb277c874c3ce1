import { getReservation as getReservationRoute } from '@emporium/catalog-contract/operations/get-reservation';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { getReservationDeps } from '../reservations-container';
import { reservationV1 } from '../representations/v1';
import { getReservation } from '../use-cases/reservations';

export const handler = httpHandler(getReservationRoute, async ({ params }) => ({
  body: reservationV1(await getReservation(params.id, { ...getDeps(), ...getReservationDeps() })),
}));
