import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import { createProduct as v1CreateProduct } from '../../operations/create-product';
import { productV2Schema } from '../product';

export const createProduct = defineRoute({
  ...v1CreateProduct,
  responses: { 201: { description: DOCS && 'Created', body: DOCS && productV2Schema, headers: ['ETag', 'Location'] } },
});
