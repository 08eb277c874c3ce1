import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { orderSchema, placeOrderBody, placeOrderHeaders } from '../schemas/order';
import { ORDER_ROLES } from './roles';

export const placeOrder = defineRoute({
  operationId: 'placeOrder',
  method: 'POST',
  path: '/',
  summary: DOCS && 'Place an order',
  description:
    DOCS &&
    'Prices come from the catalog, stock is reserved in the catalog, all lines or none. Send an Idempotency-Key: retrying with the same key and body answers 200 with the same order, never a second one.',
  tags: DOCS && ['Orders'],
  apiKey: true,
  roles: ORDER_ROLES,
  etag: true,
  request: { headers: placeOrderHeaders, body: placeOrderBody },
  responses: {
    201: { description: DOCS && 'Placed', body: DOCS && orderSchema, headers: ['ETag', 'Location'] },
    200: { description: DOCS && 'Placed before under this Idempotency-Key (a retry)', body: DOCS && orderSchema, headers: ['ETag', 'Location'] },
  },
  problems: [
    P.INSUFFICIENT_STOCK,
    P.PRODUCT_UNAVAILABLE,
    P.MIXED_CURRENCY,
    P.ORDER_ATTEMPT_UNDONE,
    P.REQUEST_IN_PROGRESS,
    P.IDEMPOTENCY_KEY_REUSED,
    P.CATALOG_UNAVAILABLE,
    P.CATALOG_BAD_RESPONSE,
    P.SERVICE_AUTH_UNAVAILABLE,
  ],
});
