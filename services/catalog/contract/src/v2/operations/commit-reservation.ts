import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../../problems';
import { reserveStock as v1ReserveStock } from '../../operations/reserve-stock';
import { reservationIdParams } from '../../schemas/reservation';
import { reservationV2Schema } from '../reservation';

export const commitReservation = defineRoute({
  operationId: 'commitReservation',
  method: 'POST',
  path: '/reservations/{id}/commit',
  summary: DOCS && 'Commit a reservation',
  description:
    DOCS &&
    'Keeps the held stock for good (the order it was held for was placed): it no longer expires. Committing again answers the committed reservation; a released or expired reservation cannot be committed.',
  tags: DOCS && ['Reservations'],
  roles: v1ReserveStock.roles,
  request: { params: reservationIdParams },
  responses: { 200: { description: DOCS && 'The committed reservation', body: DOCS && reservationV2Schema } },
  problems: [P.RESERVATION_NOT_FOUND, P.RESERVATION_RELEASED],
});
