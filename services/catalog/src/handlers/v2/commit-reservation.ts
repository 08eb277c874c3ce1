import { commitReservation as commitReservationRoute } from '@emporium/catalog-contract/v2/operations/commit-reservation';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../../container';
import { getReservationDeps } from '../../reservations-container';
import { reservationV2 } from '../../representations/v2';
import { commitReservation } from '../../use-cases/reservations';

export const handler = httpHandler(commitReservationRoute, async ({ params }) => ({
  body: reservationV2(await commitReservation(params.id, { ...getDeps(), ...getReservationDeps() })),
}));
