import { routes } from '@emporium/catalog-contract/routes';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { getProduct } from '../use-cases/products';

export const handler = httpHandler(routes.getProduct, async ({ params }) => ({
  body: await getProduct(params.id, getDeps()),
}));
