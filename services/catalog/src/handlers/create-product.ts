import { routes } from '@emporium/catalog-contract/routes';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { createProduct } from '../use-cases/products';

export const handler = httpHandler(routes.createProduct, async ({ body, event }) => {
  const product = await createProduct(body, getDeps());
  return { status: 201 as const, body: product, headers: { location: `${event.path}/${product.id}` } };
});
