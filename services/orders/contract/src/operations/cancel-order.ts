import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { orderIdParams, orderSchema } from '../schemas/order';
import { ORDER_ROLES } from './roles';

export const cancelOrder = defineRoute({
  operationId: 'cancelOrder',
  method: 'POST',
  path: '/{id}/cancel',
  summary: DOCS && 'Cancel an order',
  description:
    DOCS &&
    'PENDING or CONFIRMED -> CANCELLED; its stock goes back to the catalog exactly once. Cancelling a cancelled order answers 200 (and retries a release that failed). Optional If-Match: a stale one is 412.',
  tags: DOCS && ['Orders'],
  apiKey: true,
  roles: ORDER_ROLES,
  etag: true,
  ifMatch: 'optional',
  request: { params: orderIdParams },
  responses: { 200: { description: DOCS && 'The cancelled order', body: DOCS && orderSchema, headers: ['ETag'] } },
  problems: [P.ORDER_NOT_FOUND, P.ORDER_NOT_CANCELLABLE, P.CATALOG_UNAVAILABLE, P.CATALOG_BAD_RESPONSE, P.SERVICE_AUTH_UNAVAILABLE],
});
