import type { ADMIN_STATUSES } from '@emporium/orders-contract/schemas/order';
import type { OrderStatus } from './order';

/**
 * The order state machine:
 *
 *   PENDING --confirm--> CONFIRMED --ship--> SHIPPED
 *      \                    |
 *       `----cancel---------+--> CANCELLED
 *
 * Every write of a status is a conditional update whose condition is `from` below, so a concurrent
 * change never goes through an invalid transition.
 */
const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: ['SHIPPED', 'CANCELLED'],
  SHIPPED: [],
  CANCELLED: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => TRANSITIONS[from].includes(to);

/** The statuses an order may be in for a move to `to` (the condition of the update). */
export const allowedFrom = (to: OrderStatus): OrderStatus[] => (Object.keys(TRANSITIONS) as OrderStatus[]).filter((from) => canTransition(from, to));

/** Statuses an admin may set through POST /v1/orders/{id}/status (cancel has its own route). */
export type AdminStatus = (typeof ADMIN_STATUSES)[number];
