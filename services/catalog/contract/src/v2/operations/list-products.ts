import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import { listProducts as v1ListProducts } from '../../operations/list-products';
import { productV2Page } from '../product';

export const listProducts = defineRoute({
  ...v1ListProducts,
  responses: { 200: { description: DOCS && 'One page of products', body: DOCS && productV2Page } },
});
