import { openApiDocumentRoute, defineRoute } from '@emporium/common/http/route';
import { ORDERS_PROBLEMS as P } from './problems';
import { listOrdersQuery, orderIdParams, orderPage, orderSchema, placeOrderBody, placeOrderHeaders, updateStatusBody } from './schemas/order';

/** Who may use orders: customers (their own orders) and admins (every order). */
export const ORDER_ROLES = ['customer', 'admin'] as const;

/** Orders' routes under /v1/orders: the one source of its API (handlers, gateway, OpenAPI, tests). */
export const routes = {
  placeOrder: defineRoute({
    operationId: 'placeOrder',
    method: 'POST',
    path: '/',
    summary: 'Place an order',
    description:
      'Prices come from the catalog, stock is reserved in the catalog, all lines or none. Send an Idempotency-Key: retrying with the same key and body answers 200 with the same order, never a second one.',
    tags: ['Orders'],
    apiKey: true,
    roles: ORDER_ROLES,
    etag: true,
    request: { headers: placeOrderHeaders, body: placeOrderBody },
    responses: {
      201: { description: 'Placed', body: orderSchema, headers: ['ETag', 'Location'] },
      200: { description: 'Placed before under this Idempotency-Key (a retry)', body: orderSchema, headers: ['ETag', 'Location'] },
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
  }),
  listOrders: defineRoute({
    operationId: 'listOrders',
    method: 'GET',
    path: '/',
    summary: 'List your orders',
    description: 'Your own orders, newest first, a page at a time.',
    tags: ['Orders'],
    apiKey: true,
    roles: ORDER_ROLES,
    cache: 'private',
    request: { query: listOrdersQuery },
    responses: { 200: { description: 'One page of your orders', body: orderPage } },
  }),
  getOrder: defineRoute({
    operationId: 'getOrder',
    method: 'GET',
    path: '/{id}',
    summary: 'Get an order',
    description: 'Yours, or any order for an admin; anyone else is told it does not exist.',
    tags: ['Orders'],
    apiKey: true,
    roles: ORDER_ROLES,
    cache: 'private',
    etag: true,
    request: { params: orderIdParams },
    responses: { 200: { description: 'The order', body: orderSchema, headers: ['ETag'] } },
    problems: [P.ORDER_NOT_FOUND],
  }),
  cancelOrder: defineRoute({
    operationId: 'cancelOrder',
    method: 'POST',
    path: '/{id}/cancel',
    summary: 'Cancel an order',
    description:
      'PENDING or CONFIRMED -> CANCELLED; its stock goes back to the catalog exactly once. Cancelling a cancelled order answers 200 (and retries a release that failed). Optional If-Match: a stale one is 412.',
    tags: ['Orders'],
    apiKey: true,
    roles: ORDER_ROLES,
    etag: true,
    ifMatch: 'optional',
    request: { params: orderIdParams },
    responses: { 200: { description: 'The cancelled order', body: orderSchema, headers: ['ETag'] } },
    problems: [P.ORDER_NOT_FOUND, P.ORDER_NOT_CANCELLABLE, P.CATALOG_UNAVAILABLE, P.CATALOG_BAD_RESPONSE, P.SERVICE_AUTH_UNAVAILABLE],
  }),
  updateOrderStatus: defineRoute({
    operationId: 'updateOrderStatus',
    method: 'POST',
    path: '/{id}/status',
    summary: 'Advance an order',
    description: 'Admins: PENDING -> CONFIRMED -> SHIPPED. Optional If-Match: a stale one is 412.',
    tags: ['Orders'],
    roles: ['admin'],
    etag: true,
    ifMatch: 'optional',
    request: { params: orderIdParams, body: updateStatusBody },
    responses: { 200: { description: 'The order in its new status', body: orderSchema, headers: ['ETag'] } },
    problems: [P.ORDER_NOT_FOUND, P.INVALID_TRANSITION],
  }),
  getOpenApiDocument: openApiDocumentRoute,
} as const;
