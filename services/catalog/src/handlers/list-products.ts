import { listProducts as listProductsRoute } from '@emporium/catalog-contract/operations/list-products';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { listProducts } from '../use-cases/products';

export const handler = httpHandler(listProductsRoute, async ({ query }) => ({
  body: await listProducts(query, getDeps()),
}));
