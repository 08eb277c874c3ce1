import { httpHandler } from '@emporium/common/http/handler';
import { routes } from '@emporium/orders-contract/routes';
import { getDeps } from '../container';
import { getOrder } from '../use-cases/orders';

/** The owner or an admin; anyone else gets 404 ORDER_NOT_FOUND. */
export const handler = httpHandler(routes.getOrder, async ({ params, auth }) => ({
  body: await getOrder(params.id, auth, getDeps()),
}));
