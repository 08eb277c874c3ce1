import { getProduct as getProductRoute } from '@emporium/catalog-contract/operations/get-product';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { getProduct } from '../use-cases/products';

export const handler = httpHandler(getProductRoute, async ({ params }) => ({
  body: await getProduct(params.id, getDeps()),
}));
