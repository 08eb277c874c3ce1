import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { reservationSchema, reserveStockBody } from '../schemas/reservation';
import { STOCK_ROLES } from './roles';

export const reserveStock = defineRoute({
  operationId: 'reserveStock',
  method: 'POST',
  path: '/reservations',
  summary: DOCS && 'Reserve stock',
  description: DOCS && 'All lines or none. Idempotent per reservation id: the same id and lines answer 200 with the stored reservation and take no more stock.',
  tags: DOCS && ['Reservations'],
  roles: STOCK_ROLES,
  request: { body: reserveStockBody },
  responses: {
    201: { description: DOCS && 'Reserved now', body: DOCS && reservationSchema },
    200: { description: DOCS && 'Reserved before under this id (a retry)', body: DOCS && reservationSchema },
  },
  problems: [P.INSUFFICIENT_STOCK, P.PRODUCT_UNAVAILABLE, P.RESERVATION_ID_REUSED, P.RESERVATION_RELEASED],
});
