import type { Money } from '@emporium/common/contract/money';
import type { OrderView } from '@emporium/orders-contract/schemas/order';

/** An order of the orders service, as its contract publishes it. Money is integer minor units plus one ISO 4217 currency. */
export type Order = OrderView;
export type OrderStatus = Order['status'];
export type OrderLine = Order['lines'][number];

/** What the client asks for: a product and a quantity, nothing else (prices come from catalog). */
export interface RequestedLine {
  productId: string;
  quantity: number;
}

export const newOrder = (input: { id: string; userId: string; lines: OrderLine[]; total: Money }, now: Date): Order => ({
  id: input.id,
  userId: input.userId,
  status: 'PENDING',
  lines: input.lines,
  total: input.total,
  version: 1,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

/** Owners see their orders, admins see every order; anyone else is told it does not exist. */
export const canSee = (order: Pick<Order, 'userId'>, caller: { principalId: string; role: string }): boolean =>
  caller.role === 'admin' || order.userId === caller.principalId;
