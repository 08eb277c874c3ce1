import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import { getReservation as v1GetReservation } from '../../operations/get-reservation';
import { reservationV2Schema } from '../reservation';

export const getReservation = defineRoute({
  ...v1GetReservation,
  responses: { 200: { description: DOCS && 'The reservation', body: DOCS && reservationV2Schema } },
});
