import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import { getProduct as v1GetProduct } from '../../operations/get-product';
import { productV2Schema } from '../product';

export const getProduct = defineRoute({
  ...v1GetProduct,
  responses: { 200: { description: DOCS && 'The product', body: DOCS && productV2Schema, headers: ['ETag'] } },
});
