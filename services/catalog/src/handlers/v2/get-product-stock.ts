import { getProductStock as getProductStockRoute } from '@emporium/catalog-contract/v2/operations/get-product-stock';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../../container';
import { productStock } from '../../representations/v2';
import { getProduct } from '../../use-cases/products';

/** Admins' exact stock, read from the table (the route is not cached at the gateway). */
export const handler = httpHandler(getProductStockRoute, async ({ params }) => ({
  body: productStock(await getProduct(params.id, getDeps())),
}));
