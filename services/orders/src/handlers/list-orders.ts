import { httpHandler } from '@emporium/common/http/handler';
import { routes } from '@emporium/orders-contract/routes';
import { getDeps } from '../container';
import { listOrders } from '../use-cases/orders';

/** The caller's own orders, newest first (admins too: their own; an admin view is left for later). */
export const handler = httpHandler(routes.listOrders, async ({ query, auth }) => ({
  body: await listOrders({ ...query, userId: auth.principalId }, getDeps()),
}));
