import { httpHandler } from '@emporium/common/http/handler';
import { updateOrderStatus as updateOrderStatusRoute } from '@emporium/orders-contract/operations/update-order-status';
import { getDeps } from '../container';
import { advanceOrder } from '../use-cases/orders';

/** Admin only: PENDING -> CONFIRMED -> SHIPPED; anything else 409 INVALID_TRANSITION. */
export const handler = httpHandler(updateOrderStatusRoute, async ({ params, body, expectedVersion }) => ({
  body: await advanceOrder(params.id, body.status, getDeps(), expectedVersion),
}));
