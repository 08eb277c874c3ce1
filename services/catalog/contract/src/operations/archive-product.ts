import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { productIdParams, productSchema } from '../schemas/product';

export const archiveProduct = defineRoute({
  operationId: 'archiveProduct',
  method: 'DELETE',
  path: '/products/{id}',
  summary: DOCS && 'Archive a product',
  description:
    DOCS && 'The product leaves listings but stays readable (orders refer to it). Needs If-Match; archiving an archived product answers 200 with it.',
  tags: DOCS && ['Products'],
  roles: ['admin'],
  etag: true,
  ifMatch: 'required',
  request: { params: productIdParams },
  responses: { 200: { description: DOCS && 'The archived product', body: DOCS && productSchema, headers: ['ETag'] } },
  problems: [P.PRODUCT_NOT_FOUND],
});
