import { listProducts as listProductsRoute } from '@emporium/catalog-contract/v2/operations/list-products';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../../container';
import { productV2 } from '../../representations/v2';
import { listProducts } from '../../use-cases/products';

export const handler = httpHandler(listProductsRoute, async ({ query }) => {
  const page = await listProducts(query, getDeps());
  return { body: { ...page, items: page.items.map(productV2) } };
});
