import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import { listProductsQuery, productPage } from '../schemas/product';

export const listProducts = defineRoute({
  operationId: 'listProducts',
  method: 'GET',
  path: '/products',
  summary: DOCS && 'List active products',
  description: DOCS && 'Active products in creation order, optionally of one category, a page at a time. Cached at the gateway.',
  tags: DOCS && ['Products'],
  apiKey: true,
  cache: 'public',
  request: { query: listProductsQuery },
  responses: { 200: { description: DOCS && 'One page of products', body: DOCS && productPage } },
});
