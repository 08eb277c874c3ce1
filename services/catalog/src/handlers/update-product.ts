import { updateProduct as updateProductRoute } from '@emporium/catalog-contract/operations/update-product';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { updateProduct } from '../use-cases/products';

/** PATCH with optimistic concurrency: If-Match carries the version read; stale -> 412, nothing changes. */
export const handler = httpHandler(updateProductRoute, async ({ params, body, expectedVersion }) => ({
  body: await updateProduct(params.id, body, expectedVersion, getDeps()),
}));
