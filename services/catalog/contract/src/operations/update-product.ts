import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { productIdParams, productSchema, updateProductBody } from '../schemas/product';

export const updateProduct = defineRoute({
  operationId: 'updateProduct',
  method: 'PATCH',
  path: '/products/{id}',
  summary: DOCS && 'Change a product',
  description: DOCS && 'Needs If-Match with the ETag of your last read: a stale one is 412 and changes nothing.',
  tags: DOCS && ['Products'],
  roles: ['admin'],
  etag: true,
  ifMatch: 'required',
  request: { params: productIdParams, body: updateProductBody },
  responses: { 200: { description: DOCS && 'The changed product', body: DOCS && productSchema, headers: ['ETag'] } },
  problems: [P.PRODUCT_NOT_FOUND, P.PRODUCT_ARCHIVED],
});
