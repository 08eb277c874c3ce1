import { openApiDocumentRoute, defineRoute } from '@emporium/common/http/route';
import { CATALOG_PROBLEMS as P } from './problems';
import {
  createProductBody,
  listProductsQuery,
  productIdParams,
  productPage,
  productSchema,
  updateProductBody,
} from './schemas/product';
import { reservationIdParams, reservationSchema, reserveStockBody } from './schemas/reservation';

/** Who may reserve and release stock: admins, and other services (orders) with a service credential. */
export const STOCK_ROLES = ['admin', 'service'] as const;

/** Catalog's routes under /v1/catalog: the one source of its API (handlers, gateway, OpenAPI, tests). */
export const routes = {
  listProducts: defineRoute({
    operationId: 'listProducts',
    method: 'GET',
    path: '/products',
    summary: 'List active products',
    description: 'Active products in creation order, optionally of one category, a page at a time. Cached at the gateway.',
    tags: ['Products'],
    cache: 'public',
    request: { query: listProductsQuery },
    responses: { 200: { description: 'One page of products', body: productPage } },
  }),
  getProduct: defineRoute({
    operationId: 'getProduct',
    method: 'GET',
    path: '/products/{id}',
    summary: 'Get a product',
    description: 'Active or archived. Cached at the gateway; send If-None-Match with the ETag to get 304 when unchanged.',
    tags: ['Products'],
    cache: 'public',
    etag: true,
    request: { params: productIdParams },
    responses: { 200: { description: 'The product', body: productSchema, headers: ['ETag'] } },
    problems: [P.PRODUCT_NOT_FOUND],
  }),
  createProduct: defineRoute({
    operationId: 'createProduct',
    method: 'POST',
    path: '/products',
    summary: 'Create a product',
    tags: ['Products'],
    roles: ['admin'],
    etag: true,
    request: { body: createProductBody },
    responses: { 201: { description: 'Created', body: productSchema, headers: ['ETag', 'Location'] } },
    problems: [P.SKU_TAKEN],
  }),
  updateProduct: defineRoute({
    operationId: 'updateProduct',
    method: 'PATCH',
    path: '/products/{id}',
    summary: 'Change a product',
    description: 'Needs If-Match with the ETag of your last read: a stale one is 412 and changes nothing.',
    tags: ['Products'],
    roles: ['admin'],
    etag: true,
    ifMatch: 'required',
    request: { params: productIdParams, body: updateProductBody },
    responses: { 200: { description: 'The changed product', body: productSchema, headers: ['ETag'] } },
    problems: [P.PRODUCT_NOT_FOUND, P.PRODUCT_ARCHIVED],
  }),
  archiveProduct: defineRoute({
    operationId: 'archiveProduct',
    method: 'DELETE',
    path: '/products/{id}',
    summary: 'Archive a product',
    description:
      'The product leaves listings but stays readable (orders refer to it). Needs If-Match; archiving an archived product answers 200 with it.',
    tags: ['Products'],
    roles: ['admin'],
    etag: true,
    ifMatch: 'required',
    request: { params: productIdParams },
    responses: { 200: { description: 'The archived product', body: productSchema, headers: ['ETag'] } },
    problems: [P.PRODUCT_NOT_FOUND],
  }),
  reserveStock: defineRoute({
    operationId: 'reserveStock',
    method: 'POST',
    path: '/reservations',
    summary: 'Reserve stock',
    description:
      'All lines or none. Idempotent per reservation id: the same id and lines answer 200 with the stored reservation and take no more stock.',
    tags: ['Reservations'],
    roles: STOCK_ROLES,
    request: { body: reserveStockBody },
    responses: {
      201: { description: 'Reserved now', body: reservationSchema },
      200: { description: 'Reserved before under this id (a retry)', body: reservationSchema },
    },
    problems: [P.INSUFFICIENT_STOCK, P.PRODUCT_UNAVAILABLE, P.RESERVATION_ID_REUSED, P.RESERVATION_RELEASED],
  }),
  getReservation: defineRoute({
    operationId: 'getReservation',
    method: 'GET',
    path: '/reservations/{id}',
    summary: 'Get a reservation',
    tags: ['Reservations'],
    roles: STOCK_ROLES,
    cache: 'private',
    request: { params: reservationIdParams },
    responses: { 200: { description: 'The reservation', body: reservationSchema } },
    problems: [P.RESERVATION_NOT_FOUND],
  }),
  releaseReservation: defineRoute({
    operationId: 'releaseReservation',
    method: 'POST',
    path: '/reservations/{id}/release',
    summary: 'Release a reservation',
    description:
      'Returns its stock exactly once; releasing again answers the released reservation. An id never reserved is recorded as released, so a late reserve under it cannot take stock.',
    tags: ['Reservations'],
    roles: STOCK_ROLES,
    request: { params: reservationIdParams },
    responses: { 200: { description: 'The released reservation', body: reservationSchema } },
  }),
  getOpenApiDocument: openApiDocumentRoute,
} as const;
