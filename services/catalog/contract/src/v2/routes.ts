import { openApiDocumentRoute } from '@emporium/common/http/route';
import { listProducts } from './operations/list-products';
import { getProduct } from './operations/get-product';
import { getProductStock } from './operations/get-product-stock';
import { createProduct } from './operations/create-product';
import { updateProduct } from './operations/update-product';
import { archiveProduct } from './operations/archive-product';
import { reserveStock } from './operations/reserve-stock';
import { getReservation } from './operations/get-reservation';
import { commitReservation } from './operations/commit-reservation';
import { releaseReservation } from './operations/release-reservation';

/**
 * Catalog's routes under /v2/catalog. The same operations as v1 on the same data, with the v2
 * product (availability instead of the stock count), plus the admins' exact stock read.
 */
export const routes = {
  listProducts,
  getProduct,
  getProductStock,
  createProduct,
  updateProduct,
  archiveProduct,
  reserveStock,
  getReservation,
  commitReservation,
  releaseReservation,
  getOpenApiDocument: openApiDocumentRoute,
} as const;
