import { createProduct as createProductRoute } from '@emporium/catalog-contract/operations/create-product';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { createProduct } from '../use-cases/products';
import { newId } from '@emporium/common/ids';

export const handler = httpHandler(createProductRoute, async ({ body, event }) => {
  const product = await createProduct(body, { ...getDeps(), newId });
  return { status: 201 as const, body: product, headers: { location: `${event.path}/${product.id}` } };
});
