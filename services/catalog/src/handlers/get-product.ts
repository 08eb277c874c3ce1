import { etagOf } from '@emporium/common/http/etag';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { productIdParams } from '../schemas/product';
import { getProduct } from '../use-cases/products';

export const handler = httpHandler({ params: productIdParams }, async ({ params }) => {
  const product = await getProduct(params.id, getDeps());
  return { body: product, headers: { etag: etagOf(product.version) } };
});
