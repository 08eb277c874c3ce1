import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { listProductsQuery } from '../schemas/product';
import { listProducts } from '../use-cases/products';

export const handler = httpHandler({ query: listProductsQuery }, async ({ query }) => ({
  body: await listProducts(query, getDeps()),
}));
