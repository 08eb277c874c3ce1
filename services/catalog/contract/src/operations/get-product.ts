import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { productIdParams, productSchema } from '../schemas/product';

export const getProduct = defineRoute({
  operationId: 'getProduct',
  method: 'GET',
  path: '/products/{id}',
  summary: DOCS && 'Get a product',
  description: DOCS && 'Active or archived. Cached at the gateway; send If-None-Match with the ETag to get 304 when unchanged.',
  tags: DOCS && ['Products'],
  apiKey: true,
  cache: 'public',
  etag: true,
  request: { params: productIdParams },
  responses: { 200: { description: DOCS && 'The product', body: DOCS && productSchema, headers: ['ETag'] } },
  problems: [P.PRODUCT_NOT_FOUND],
});
