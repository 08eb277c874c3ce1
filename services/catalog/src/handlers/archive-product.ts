import { archiveProduct as archiveProductRoute } from '@emporium/catalog-contract/operations/archive-product';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { archiveProduct } from '../use-cases/products';

/** DELETE archives: the product leaves listings but stays readable for existing orders. */
export const handler = httpHandler(archiveProductRoute, async ({ params, expectedVersion }) => ({
  body: await archiveProduct(params.id, expectedVersion, getDeps()),
}));
