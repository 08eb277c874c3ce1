import { releaseReservation as releaseReservationRoute } from '@emporium/catalog-contract/v2/operations/release-reservation';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../../container';
import { getReservationDeps } from '../../reservations-container';
import { reservationV2 } from '../../representations/v2';
import { releaseReservation } from '../../use-cases/reservations';

export const handler = httpHandler(releaseReservationRoute, async ({ params }) => ({
  body: reservationV2(await releaseReservation(params.id, { ...getDeps(), ...getReservationDeps() })),
}));
