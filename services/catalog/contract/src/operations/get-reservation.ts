import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { reservationIdParams, reservationSchema } from '../schemas/reservation';
import { STOCK_ROLES } from './roles';

export const getReservation = defineRoute({
  operationId: 'getReservation',
  method: 'GET',
  path: '/reservations/{id}',
  summary: DOCS && 'Get a reservation',
  tags: DOCS && ['Reservations'],
  roles: STOCK_ROLES,
  cache: 'private',
  request: { params: reservationIdParams },
  responses: { 200: { description: DOCS && 'The reservation', body: DOCS && reservationSchema } },
  problems: [P.RESERVATION_NOT_FOUND],
});
