import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import { reserveStock as v1ReserveStock } from '../../operations/reserve-stock';
import { reservationV2Schema } from '../reservation';

export const reserveStock = defineRoute({
  ...v1ReserveStock,
  description:
    DOCS &&
    "All lines or none, each at the product's current price, which the answer carries (read and checked in the same transaction). The stock is held until `expiresAt`: commit the reservation before then, or it is released and the stock goes back on sale. Idempotent per reservation id: the same id and lines answer 200 with the stored reservation and take no more stock.",
  responses: {
    201: { description: DOCS && 'Reserved now', body: DOCS && reservationV2Schema },
    200: { description: DOCS && 'Reserved before under this id (a retry)', body: DOCS && reservationV2Schema },
  },
});
