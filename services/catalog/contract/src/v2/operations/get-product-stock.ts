import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../../problems';
import { productIdParams } from '../../schemas/product';
import { productStockSchema } from '../product';

export const getProductStock = defineRoute({
  operationId: 'getProductStock',
  method: 'GET',
  path: '/products/{id}/stock',
  summary: DOCS && "Get a product's exact stock",
  description: DOCS && 'Read from the table on every call (never cached at the gateway). The ETag is the product version, for If-Match on PATCH.',
  tags: DOCS && ['Products'],
  roles: ['admin'],
  cache: 'private',
  etag: true,
  request: { params: productIdParams },
  responses: { 200: { description: DOCS && 'The stock', body: DOCS && productStockSchema, headers: ['ETag'] } },
  problems: [P.PRODUCT_NOT_FOUND],
});
