import { etagOf } from '@emporium/common/http/etag';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { createProductBody } from '../schemas/product';
import { createProduct } from '../use-cases/products';

export const handler = httpHandler({ roles: ['admin'], body: createProductBody }, async ({ body, event }) => {
  const product = await createProduct(body, getDeps());
  return {
    status: 201,
    body: product,
    headers: { etag: etagOf(product.version), location: `${event.path}/${product.id}` },
  };
});
