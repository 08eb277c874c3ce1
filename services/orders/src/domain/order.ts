/** An order of the orders service. Money is integer minor units plus one ISO 4217 currency. */

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'SHIPPED' | 'CANCELLED';

/** What the client asks for: a product and a quantity, nothing else (prices come from catalog). */
export interface RequestedLine {
  productId: string;
  quantity: number;
}

/** A line as ordered: catalog's name and unit price at the time of the order. */
export interface OrderLine extends RequestedLine {
  name: string;
  unitPrice: number;
  lineTotal: number;
}

export interface Order {
  /** ULID; also the id of the stock reservation in catalog. */
  id: string;
  userId: string;
  status: OrderStatus;
  lines: OrderLine[];
  currency: string;
  total: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  cancelledAt?: string;
  /** Set on cancel: false until catalog confirmed the reservation's stock is back. */
  stockReleased?: boolean;
}

export const newOrder = (
  input: { id: string; userId: string; lines: OrderLine[]; currency: string; total: number },
  now: Date,
): Order => ({
  id: input.id,
  userId: input.userId,
  status: 'PENDING',
  lines: input.lines,
  currency: input.currency,
  total: input.total,
  version: 1,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

/** Owners see their orders, admins see every order; anyone else is told it does not exist. */
export const canSee = (order: Pick<Order, 'userId'>, caller: { principalId: string; role: string }): boolean =>
  caller.role === 'admin' || order.userId === caller.principalId;
