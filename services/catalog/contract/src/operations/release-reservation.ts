import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import { reservationIdParams, reservationSchema } from '../schemas/reservation';
import { STOCK_ROLES } from './roles';

export const releaseReservation = defineRoute({
  operationId: 'releaseReservation',
  method: 'POST',
  path: '/reservations/{id}/release',
  summary: DOCS && 'Release a reservation',
  description:
    DOCS &&
    'Returns its stock exactly once; releasing again answers the released reservation. An id never reserved is recorded as released, so a late reserve under it cannot take stock.',
  tags: DOCS && ['Reservations'],
  roles: STOCK_ROLES,
  request: { params: reservationIdParams },
  responses: { 200: { description: DOCS && 'The released reservation', body: DOCS && reservationSchema } },
});
