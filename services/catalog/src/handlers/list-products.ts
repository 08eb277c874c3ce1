import { routes } from '@emporium/catalog-contract/routes';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { listProducts } from '../use-cases/products';

export const handler = httpHandler(routes.listProducts, async ({ query }) => ({
  body: await listProducts(query, getDeps()),
}));
