import { httpHandler } from '@emporium/common/http/handler';
import { parseWith } from '@emporium/common/http/validation';
import { getDeps } from '../container';
import { ORDER_ROLES } from '../domain/roles';
import { idempotencyKeyHeader, placeOrderBody } from '../schemas/order';
import { placeOrder } from '../use-cases/place-order';
import { deadlinesOf } from './deadline';

/** 201 with a new order; 200 with the same order when the Idempotency-Key was completed before. */
export const handler = httpHandler({ roles: ORDER_ROLES, body: placeOrderBody }, async ({ body, header, auth, event }) => {
  const deadlines = deadlinesOf();
  const idempotencyKey = parseWith(idempotencyKeyHeader, header('idempotency-key'), 'header.Idempotency-Key');
  const { order, created } = await placeOrder(
    { userId: auth!.principalId, idempotencyKey, lines: body.lines, ...deadlines },
    getDeps(),
  );
  return { status: created ? 201 : 200, body: order, headers: { location: `${event.path}/${order.id}` } };
});
