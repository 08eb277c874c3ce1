import { openApiDocumentRoute } from '@emporium/common/http/route';
import { listProducts } from './operations/list-products';
import { getProduct } from './operations/get-product';
import { createProduct } from './operations/create-product';
import { updateProduct } from './operations/update-product';
import { archiveProduct } from './operations/archive-product';
import { reserveStock } from './operations/reserve-stock';
import { getReservation } from './operations/get-reservation';
import { releaseReservation } from './operations/release-reservation';

export { STOCK_ROLES } from './operations/roles';

/**
 * Catalog's routes under /v1/catalog: one module each in ./operations, where each handler imports
 * its own; this list is what the gateway models, the OpenAPI document and the tests read.
 */
export const routes = {
  listProducts,
  getProduct,
  createProduct,
  updateProduct,
  archiveProduct,
  reserveStock,
  getReservation,
  releaseReservation,
  getOpenApiDocument: openApiDocumentRoute,
} as const;
