import { httpHandler } from '@emporium/common/http/handler';
import { listOrders as listOrdersRoute } from '@emporium/orders-contract/operations/list-orders';
import { getDeps } from '../container';
import { listOrders } from '../use-cases/orders';

/** The caller's own orders, newest first (admins too: their own; an admin view is left for later). */
export const handler = httpHandler(listOrdersRoute, async ({ query, auth }) => ({
  body: await listOrders({ ...query, userId: auth.principalId }, getDeps()),
}));
