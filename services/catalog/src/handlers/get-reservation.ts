import { routes } from '@emporium/catalog-contract/routes';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { getReservation } from '../use-cases/reservations';

export const handler = httpHandler(routes.getReservation, async ({ params }) => ({
  body: await getReservation(params.id, getDeps()),
}));
