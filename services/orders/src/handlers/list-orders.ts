import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { ORDER_ROLES } from '../domain/roles';
import { listOrdersQuery } from '../schemas/order';
import { listOrders } from '../use-cases/orders';

/** The caller's own orders, newest first (admins too: their own; an admin view is left for later). */
export const handler = httpHandler({ roles: ORDER_ROLES, query: listOrdersQuery }, async ({ query, auth }) => ({
  body: await listOrders({ userId: auth!.principalId, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) }, getDeps()),
}));
