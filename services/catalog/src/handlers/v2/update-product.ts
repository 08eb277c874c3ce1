import { updateProduct as updateProductRoute } from '@emporium/catalog-contract/v2/operations/update-product';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../../container';
import { productV2 } from '../../representations/v2';
import { updateProduct } from '../../use-cases/products';

/** PATCH with optimistic concurrency: If-Match carries the version read; stale -> 412, nothing changes. */
export const handler = httpHandler(updateProductRoute, async ({ params, body, expectedVersion }) => ({
  body: productV2(await updateProduct(params.id, body, expectedVersion, getDeps())),
}));
