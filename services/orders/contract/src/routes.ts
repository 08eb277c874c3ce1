import { openApiDocumentRoute } from '@emporium/common/http/route';
import { placeOrder } from './operations/place-order';
import { listOrders } from './operations/list-orders';
import { getOrder } from './operations/get-order';
import { cancelOrder } from './operations/cancel-order';
import { updateOrderStatus } from './operations/update-order-status';
import { ORDER_ROLES } from './operations/roles';

export { ORDER_ROLES };

/** Orders' routes under /v1/orders: the one source of its API (handlers, gateway, OpenAPI, tests). */
export const routes = {
  placeOrder,
  listOrders,
  getOrder,
  cancelOrder,
  updateOrderStatus,
  getOpenApiDocument: openApiDocumentRoute,
} as const;
