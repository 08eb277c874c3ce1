import type { AuthContext } from '@emporium/common/auth/context';
import { decodeCursor, encodeCursor } from '@emporium/common/pagination';
import type { ListOrdersQuery } from '@emporium/orders-contract/schemas/order';
import { InvalidTransitionError, OrderNotCancellableError, OrderNotFoundError, StaleOrderError } from '../domain/errors';
import type { Order } from '../domain/order';
import { canSee } from '../domain/order';
import type { AdminStatus } from '../domain/status';
import { allowedFrom } from '../domain/status';
import type { CallOptions, Deps } from '../ports';
import { countEvent } from '@emporium/common/metrics';

/** The order if the caller may see it; 404 otherwise (never reveals that someone else's order exists). */
export const getOrder = async (id: string, caller: AuthContext, deps: Pick<Deps, 'orders'>): Promise<Order> => {
  const order = await deps.orders.get(id);
  if (!order || !canSee(order, caller)) throw new OrderNotFoundError(id);
  return order;
};

/** The caller's own orders, newest first; the signed cursor is bound to the caller. */
export const listOrders = async (
  input: ListOrdersQuery & { userId: string },
  deps: Pick<Deps, 'orders' | 'cursorSecret'>,
): Promise<{ items: Order[]; nextCursor: string | null }> => {
  const scope = `orders:${input.userId}`;
  const secret = deps.cursorSecret();
  const startKey = input.cursor ? decodeCursor(input.cursor, scope, secret) : undefined;
  const page = await deps.orders.listByUser(input.userId, input.limit, startKey);
  return {
    items: page.items,
    nextCursor: page.lastKey ? encodeCursor(page.lastKey, scope, secret) : null,
  };
};

/**
 * Cancels a PENDING or CONFIRMED order. The status flip is one conditional update: of concurrent
 * cancels exactly one flips it and releases the reservation in catalog. Cancelling a CANCELLED
 * order answers 200 with it (cancel is idempotent); if its stock is not confirmed back yet
 * (stockReleased false: an earlier release failed), this call retries the release (catalog's
 * release returns stock at most once). SHIPPED -> 409 ORDER_NOT_CANCELLABLE. A release that fails
 * -> 503 CATALOG_UNAVAILABLE, the order stays CANCELLED with stockReleased false; retry the cancel.
 */
/** If-Match (optional on actions): the order as read must be at the version the caller names. */
const assertVersion = (order: Order, expectedVersion: number | undefined): void => {
  if (expectedVersion !== undefined && order.version !== expectedVersion) throw new StaleOrderError(order.id, expectedVersion, order.version);
};

export const cancelOrder = async (
  id: string,
  caller: AuthContext,
  deps: Pick<Deps, 'orders' | 'catalog' | 'now'>,
  options: CallOptions & { expectedVersion?: number } = {},
): Promise<Order> => {
  const order = await getOrder(id, caller, deps);
  // A repeated cancel is answered with the cancelled order whatever version the caller last saw.
  if (order.status !== 'CANCELLED') assertVersion(order, options.expectedVersion);
  let cancelled: Order;
  if (order.status === 'CANCELLED') {
    cancelled = order;
  } else {
    // The version condition is part of the write, so a change between the read and the write is caught too.
    const outcome = await deps.orders.cancel(id, deps.now(), options.expectedVersion);
    if (outcome.cancelled) {
      countEvent('OrdersCancelled');
      cancelled = outcome.order;
    } else if (!outcome.current) {
      throw new OrderNotFoundError(id);
    } else if (outcome.current.status === 'CANCELLED') {
      cancelled = outcome.current;
    } else if (options.expectedVersion !== undefined && outcome.current.version !== options.expectedVersion) {
      throw new StaleOrderError(id, options.expectedVersion, outcome.current.version);
    } else {
      throw new OrderNotCancellableError(id, outcome.current.status);
    }
  }
  if (cancelled.stockReleased !== false) return cancelled;
  await deps.catalog.release(id, options.deadline !== undefined ? { deadline: options.deadline } : {}); // 'not-found' also means: nothing (left) to return
  return deps.orders.markStockReleased(id, deps.now());
};

/** Admin: PENDING -> CONFIRMED -> SHIPPED, each as a conditional update; anything else -> 409. */
export const advanceOrder = async (id: string, to: AdminStatus, deps: Pick<Deps, 'orders' | 'now'>, expectedVersion?: number): Promise<Order> => {
  const updated = await deps.orders.transition(id, allowedFrom(to), to, deps.now(), expectedVersion);
  if (updated) return updated;
  const current = await deps.orders.get(id);
  if (!current) throw new OrderNotFoundError(id);
  assertVersion(current, expectedVersion);
  throw new InvalidTransitionError(id, current.status, to);
};
