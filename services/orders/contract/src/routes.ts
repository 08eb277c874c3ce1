import { openApiDocumentRoute } from '@emporium/common/http/route';
import { placeOrder } from './operations/place-order';
import { listOrders } from './operations/list-orders';
import { getOrder } from './operations/get-order';
import { cancelOrder } from './operations/cancel-order';
import { updateOrderStatus } from './operations/update-order-status';

export { ORDER_ROLES } from './operations/roles';

/**
 * Orders' routes under /v1/orders: one module each in ./operations, where each handler imports
 * its own; this list is what the gateway models, the OpenAPI document and the tests read.
 */
export const routes = {
  placeOrder,
  listOrders,
  getOrder,
  cancelOrder,
  updateOrderStatus,
  getOpenApiDocument: openApiDocumentRoute,
} as const;
