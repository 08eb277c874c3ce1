import { openApiDocumentRoute } from '@emporium/common/http/route';
import { listProducts } from './operations/list-products';
import { getProduct } from './operations/get-product';
import { createProduct } from './operations/create-product';
import { updateProduct } from './operations/update-product';
import { archiveProduct } from './operations/archive-product';
import { reserveStock } from './operations/reserve-stock';
import { getReservation } from './operations/get-reservation';
import { releaseReservation } from './operations/release-reservation';
import { STOCK_ROLES } from './operations/roles';

export { STOCK_ROLES };

/** Catalog's routes under /v1/catalog: the one source of its API (handlers, gateway, OpenAPI, tests). */
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
