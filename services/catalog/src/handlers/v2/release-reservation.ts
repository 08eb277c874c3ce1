import { routes } from '@emporium/catalog-contract/v2/routes';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../../container';
import { getReservationDeps } from '../../reservations-container';
import { reservationV2 } from '../../representations/v2';
import { releaseReservation } from '../../use-cases/reservations';

export const handler = httpHandler(routes.releaseReservation, async ({ params }) => ({
  body: reservationV2(await releaseReservation(params.id, { ...getDeps(), ...getReservationDeps() })),
}));
