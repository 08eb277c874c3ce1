import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import { archiveProduct as v1ArchiveProduct } from '../../operations/archive-product';
import { productV2Schema } from '../product';

export const archiveProduct = defineRoute({
  ...v1ArchiveProduct,
  responses: { 200: { description: DOCS && 'The archived product', body: DOCS && productV2Schema, headers: ['ETag'] } },
});
