import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import { releaseReservation as v1ReleaseReservation } from '../../operations/release-reservation';
import { reservationV2Schema } from '../reservation';

export const releaseReservation = defineRoute({
  ...v1ReleaseReservation,
  description:
    DOCS &&
    'Returns its stock exactly once, whether it is held or committed (an order cancelled); releasing again answers the released reservation. An id never reserved is recorded as released, so a late reserve under it cannot take stock.',
  responses: { 200: { description: DOCS && 'The released reservation', body: DOCS && reservationV2Schema } },
});
