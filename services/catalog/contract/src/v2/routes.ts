import { defineRoute } from '@emporium/common/http/route';
import { CATALOG_PROBLEMS as P } from '../problems';
import { routes as v1 } from '../routes';
import { productIdParams } from '../schemas/product';
import { productStockSchema, productV2Page, productV2Schema } from './product';

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
  reserveStock: v1.reserveStock,
  getReservation: v1.getReservation,
  releaseReservation: v1.releaseReservation,
  getOpenApiDocument: v1.getOpenApiDocument,
} as const;
