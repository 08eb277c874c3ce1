import { httpHandler } from '@emporium/common/http/handler';
import { cancelOrder as cancelOrderRoute } from '@emporium/orders-contract/operations/cancel-order';
import { catalog } from '../catalog-container';
import { getDeps } from '../container';
import { cancelOrder } from '../use-cases/orders';
import { deadlinesOf } from './deadline';

/** 200 with the cancelled order (also when it was cancelled already); 409 when shipped. */
export const handler = httpHandler(cancelOrderRoute, async ({ params, auth, expectedVersion }) => {
  const { hardDeadline } = deadlinesOf();
  return {
    body: await cancelOrder(
      params.id,
      auth,
      { ...getDeps(), catalog },
      { deadline: hardDeadline, ...(expectedVersion !== undefined ? { expectedVersion } : {}) },
    ),
  };
});
