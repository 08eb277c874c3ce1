import { defineRoute } from '@emporium/common/http/route';
import { CATALOG_PROBLEMS as P } from '../problems';
import { routes as v1 } from '../routes';
import { productIdParams } from '../schemas/product';
import { reservationIdParams } from '../schemas/reservation';
import { productStockSchema, productV2Page, productV2Schema } from './product';
import { reservationV2Schema } from './reservation';

/**
 * Catalog's routes under /v2/catalog. The same operations as v1 on the same data, with the v2
 * product (availability instead of the stock count), plus the admins' exact stock read.
 */
export const routes = {
  listProducts: defineRoute({ ...v1.listProducts, responses: { 200: { description: 'One page of products', body: productV2Page } } }),
  getProduct: defineRoute({ ...v1.getProduct, responses: { 200: { description: 'The product', body: productV2Schema, headers: ['ETag'] } } }),
  getProductStock: defineRoute({
    operationId: 'getProductStock',
    method: 'GET',
    path: '/products/{id}/stock',
    summary: "Get a product's exact stock",
    description: 'Read from the table on every call (never cached at the gateway). The ETag is the product version, for If-Match on PATCH.',
    tags: ['Products'],
    roles: ['admin'],
    cache: 'private',
    etag: true,
    request: { params: productIdParams },
    responses: { 200: { description: 'The stock', body: productStockSchema, headers: ['ETag'] } },
    problems: [P.PRODUCT_NOT_FOUND],
  }),
  createProduct: defineRoute({
    ...v1.createProduct,
    responses: { 201: { description: 'Created', body: productV2Schema, headers: ['ETag', 'Location'] } },
  }),
  updateProduct: defineRoute({
    ...v1.updateProduct,
    responses: { 200: { description: 'The changed product', body: productV2Schema, headers: ['ETag'] } },
  }),
  archiveProduct: defineRoute({
    ...v1.archiveProduct,
    responses: { 200: { description: 'The archived product', body: productV2Schema, headers: ['ETag'] } },
  }),
  reserveStock: defineRoute({
    ...v1.reserveStock,
    description:
      "All lines or none, each at the product's current price, which the answer carries (read and checked in the same transaction). The stock is held until `expiresAt`: commit the reservation before then, or it is released and the stock goes back on sale. Idempotent per reservation id: the same id and lines answer 200 with the stored reservation and take no more stock.",
    responses: {
      201: { description: 'Reserved now', body: reservationV2Schema },
      200: { description: 'Reserved before under this id (a retry)', body: reservationV2Schema },
    },
  }),
  getReservation: defineRoute({ ...v1.getReservation, responses: { 200: { description: 'The reservation', body: reservationV2Schema } } }),
  commitReservation: defineRoute({
    operationId: 'commitReservation',
    method: 'POST',
    path: '/reservations/{id}/commit',
    summary: 'Commit a reservation',
    description:
      'Keeps the held stock for good (the order it was held for was placed): it no longer expires. Committing again answers the committed reservation; a released or expired reservation cannot be committed.',
    tags: ['Reservations'],
    roles: v1.reserveStock.roles,
    request: { params: reservationIdParams },
    responses: { 200: { description: 'The committed reservation', body: reservationV2Schema } },
    problems: [P.RESERVATION_NOT_FOUND, P.RESERVATION_RELEASED],
  }),
  releaseReservation: defineRoute({
    ...v1.releaseReservation,
    description:
      'Returns its stock exactly once, whether it is held or committed (an order cancelled); releasing again answers the released reservation. An id never reserved is recorded as released, so a late reserve under it cannot take stock.',
    responses: { 200: { description: 'The released reservation', body: reservationV2Schema } },
  }),
  getOpenApiDocument: v1.getOpenApiDocument,
} as const;
