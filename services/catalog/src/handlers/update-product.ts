import { etagOf, expectedVersionFrom } from '@emporium/common/http/etag';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { productIdParams, updateProductBody } from '../schemas/product';
import { updateProduct } from '../use-cases/products';

/** PATCH with optimistic concurrency: If-Match carries the version read; stale -> 412, nothing changes. */
export const handler = httpHandler({ roles: ['admin'], params: productIdParams, body: updateProductBody }, async ({ params, body, header }) => {
  const expectedVersion = expectedVersionFrom(header('if-match'));
  const product = await updateProduct(params.id, body, expectedVersion, getDeps());
  return { body: product, headers: { etag: etagOf(product.version) } };
});
