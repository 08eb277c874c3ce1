import { httpHandler } from '@emporium/common/http/handler';
import { getOrder as getOrderRoute } from '@emporium/orders-contract/operations/get-order';
import { getDeps } from '../container';
import { getOrder } from '../use-cases/orders';

/** The owner or an admin; anyone else gets 404 ORDER_NOT_FOUND. */
export const handler = httpHandler(getOrderRoute, async ({ params, auth }) => ({
  body: await getOrder(params.id, auth, getDeps()),
}));
