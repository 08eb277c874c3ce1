import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { createProductBody, productSchema } from '../schemas/product';

export const createProduct = defineRoute({
  operationId: 'createProduct',
  method: 'POST',
  path: '/products',
  summary: DOCS && 'Create a product',
  tags: DOCS && ['Products'],
  roles: ['admin'],
  etag: true,
  request: { body: createProductBody },
  responses: { 201: { description: DOCS && 'Created', body: DOCS && productSchema, headers: ['ETag', 'Location'] } },
  problems: [P.SKU_TAKEN],
});
