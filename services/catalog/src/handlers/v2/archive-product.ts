import { archiveProduct as archiveProductRoute } from '@emporium/catalog-contract/v2/operations/archive-product';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../../container';
import { productV2 } from '../../representations/v2';
import { archiveProduct } from '../../use-cases/products';

/** DELETE archives: the product leaves listings but stays readable for existing orders. */
export const handler = httpHandler(archiveProductRoute, async ({ params, expectedVersion }) => ({
  body: productV2(await archiveProduct(params.id, expectedVersion, getDeps())),
}));
