import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { orderIdParams, updateStatusBody } from '../schemas/order';
import { advanceOrder } from '../use-cases/orders';

/** Admin only: PENDING -> CONFIRMED -> SHIPPED; anything else 409 INVALID_TRANSITION. */
export const handler = httpHandler({ roles: ['admin'], params: orderIdParams, body: updateStatusBody }, async ({ params, body }) => ({
  body: await advanceOrder(params.id, body.status, getDeps()),
}));
