import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { ORDER_ROLES } from '../domain/roles';
import { orderIdParams } from '../schemas/order';
import { cancelOrder } from '../use-cases/orders';
import { deadlinesOf } from './deadline';

/** 200 with the cancelled order (also when it was cancelled already); 409 when shipped. */
export const handler = httpHandler({ roles: ORDER_ROLES, params: orderIdParams }, async ({ params, auth }) => {
  const { hardDeadline } = deadlinesOf();
  return { body: await cancelOrder(params.id, auth!, getDeps(), { deadline: hardDeadline }) };
});
