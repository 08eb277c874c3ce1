import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { reservationIdParams } from '../schemas/reservation';
import { releaseReservation } from '../use-cases/reservations';

export const handler = httpHandler({ params: reservationIdParams }, async ({ params }) => ({
  body: await releaseReservation(params.id, getDeps()),
}));
