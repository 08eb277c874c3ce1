import { releaseReservation as releaseReservationRoute } from '@emporium/catalog-contract/operations/release-reservation';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { getReservationDeps } from '../reservations-container';
import { reservationV1 } from '../representations/v1';
import { releaseReservation } from '../use-cases/reservations';

export const handler = httpHandler(releaseReservationRoute, async ({ params }) => ({
  body: reservationV1(await releaseReservation(params.id, { ...getDeps(), ...getReservationDeps() })),
}));
