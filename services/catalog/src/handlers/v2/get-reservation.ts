import { getReservation as getReservationRoute } from '@emporium/catalog-contract/v2/operations/get-reservation';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../../container';
import { getReservationDeps } from '../../reservations-container';
import { reservationV2 } from '../../representations/v2';
import { getReservation } from '../../use-cases/reservations';

export const handler = httpHandler(getReservationRoute, async ({ params }) => ({
  body: reservationV2(await getReservation(params.id, { ...getDeps(), ...getReservationDeps() })),
}));
