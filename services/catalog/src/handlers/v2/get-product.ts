import { getProduct as getProductRoute } from '@emporium/catalog-contract/v2/operations/get-product';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../../container';
import { productV2 } from '../../representations/v2';
import { getProduct } from '../../use-cases/products';

export const handler = httpHandler(getProductRoute, async ({ params }) => ({
  body: productV2(await getProduct(params.id, getDeps())),
}));
