import { httpHandler } from '@emporium/common/http/handler';
import { routes } from '@emporium/orders-contract/routes';
import { getDeps } from '../container';
import { advanceOrder } from '../use-cases/orders';

/** Admin only: PENDING -> CONFIRMED -> SHIPPED; anything else 409 INVALID_TRANSITION. */
export const handler = httpHandler(routes.updateOrderStatus, async ({ params, body, expectedVersion }) => ({
  body: await advanceOrder(params.id, body.status, getDeps(), expectedVersion),
}));
