import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { orderIdParams, orderSchema, updateStatusBody } from '../schemas/order';

export const updateOrderStatus = defineRoute({
  operationId: 'updateOrderStatus',
  method: 'POST',
  path: '/{id}/status',
  summary: DOCS && 'Advance an order',
  description: DOCS && 'Admins: PENDING -> CONFIRMED -> SHIPPED. Optional If-Match: a stale one is 412.',
  tags: DOCS && ['Orders'],
  roles: ['admin'],
  etag: true,
  ifMatch: 'optional',
  request: { params: orderIdParams, body: updateStatusBody },
  responses: { 200: { description: DOCS && 'The order in its new status', body: DOCS && orderSchema, headers: ['ETag'] } },
  problems: [P.ORDER_NOT_FOUND, P.INVALID_TRANSITION],
});
