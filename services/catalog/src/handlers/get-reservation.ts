import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { STOCK_ROLES } from '../domain/roles';
import { reservationIdParams } from '../schemas/reservation';
import { getReservation } from '../use-cases/reservations';

export const handler = httpHandler({ roles: STOCK_ROLES, params: reservationIdParams }, async ({ params }) => ({
  body: await getReservation(params.id, getDeps()),
}));
