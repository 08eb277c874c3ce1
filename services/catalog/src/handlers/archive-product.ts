import { etagOf } from '@emporium/common/http/etag';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { productIdParams } from '../schemas/product';
import { archiveProduct } from '../use-cases/products';

/** DELETE archives: the product leaves listings but stays readable for existing orders. */
export const handler = httpHandler({ roles: ['admin'], params: productIdParams }, async ({ params }) => {
  const product = await archiveProduct(params.id, getDeps());
  return { body: product, headers: { etag: etagOf(product.version) } };
});
