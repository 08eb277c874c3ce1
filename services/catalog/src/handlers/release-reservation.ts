import { routes } from '@emporium/catalog-contract/routes';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { getReservationDeps } from '../reservations-container';
import { reservationV1 } from '../representations/v1';
import { releaseReservation } from '../use-cases/reservations';

export const handler = httpHandler(routes.releaseReservation, async ({ params }) => ({
  body: reservationV1(await releaseReservation(params.id, { ...getDeps(), ...getReservationDeps() })),
}));
