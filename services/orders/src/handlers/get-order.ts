import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { ORDER_ROLES } from '../domain/roles';
import { orderIdParams } from '../schemas/order';
import { getOrder } from '../use-cases/orders';

/** The owner or an admin; anyone else gets 404 ORDER_NOT_FOUND. */
export const handler = httpHandler({ roles: ORDER_ROLES, params: orderIdParams }, async ({ params, auth }) => ({
  body: await getOrder(params.id, auth!, getDeps()),
}));
