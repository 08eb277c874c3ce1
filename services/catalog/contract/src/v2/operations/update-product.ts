import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import { updateProduct as v1UpdateProduct } from '../../operations/update-product';
import { productV2Schema } from '../product';

export const updateProduct = defineRoute({
  ...v1UpdateProduct,
  responses: { 200: { description: DOCS && 'The changed product', body: DOCS && productV2Schema, headers: ['ETag'] } },
});
