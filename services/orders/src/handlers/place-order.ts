import { httpHandler } from '@emporium/common/http/handler';
import { placeOrder as placeOrderRoute } from '@emporium/orders-contract/operations/place-order';
import { catalog } from '../catalog-container';
import { getPlaceOrderDeps } from '../place-order-container';
import { placeOrder } from '../use-cases/place-order';
import { deadlinesOf } from './deadline';
import { countEvent } from '@emporium/common/metrics';
import { newId } from '@emporium/common/ids';

/** 201 with a new order; 200 with the same order when the Idempotency-Key was completed before. */
export const handler = httpHandler(placeOrderRoute, async ({ body, headers, auth, event }) => {
  const { order, created } = await placeOrder(
    { userId: auth.principalId, idempotencyKey: headers['Idempotency-Key'], lines: body.lines, ...deadlinesOf() },
    { ...getPlaceOrderDeps(), catalog, newId },
  );
  if (created) countEvent('OrdersPlaced');
  return { status: created ? (201 as const) : (200 as const), body: order, headers: { location: `${event.path.replace(/\/+$/, '')}/${order.id}` } };
});
