import type { PageKey } from '@emporium/common/pagination';
import type { IdempotencyRecord } from './domain/idempotency';
import type { Order, OrderStatus, RequestedLine } from './domain/order';
import type { ReservedLine } from './domain/pricing';

export interface OrderPage {
  items: Order[];
  lastKey?: PageKey;
}

export type CancelOutcome = { cancelled: true; order: Order } | { cancelled: false; current: Order | undefined };

/** What placing an order needs of the orders (./adapters/dynamodb-order-placement). */
export interface OrderPlacement {
  /**
   * Stores a new order and marks its idempotency record COMPLETED in ONE transaction (the record
   * must still be IN_PROGRESS for this order id), so a replay always finds the order.
   */
  create(order: Order, idempotency: Pick<IdempotencyRecord, 'userId' | 'key'>): Promise<void>;
  get(id: string): Promise<Order | undefined>;
}

export interface OrderRepository extends OrderPlacement {
  /** A user's orders, newest first (gsi1). */
  listByUser(userId: string, limit: number, startKey?: PageKey): Promise<OrderPage>;
  /**
   * Moves the order to `to` if its status is one of `from` (and, given, its version is
   * `expectedVersion`: If-Match, checked in the same condition); undefined when the condition failed.
   */
  transition(id: string, from: readonly OrderStatus[], to: OrderStatus, now: Date, expectedVersion?: number): Promise<Order | undefined>;
  /** PENDING|CONFIRMED (at `expectedVersion`, given) -> CANCELLED with stockReleased false; only one concurrent caller wins. */
  cancel(id: string, now: Date, expectedVersion?: number): Promise<CancelOutcome>;
  /** Records that catalog returned the stock (idempotent). */
  markStockReleased(id: string, now: Date): Promise<Order>;
}

export type ClaimOutcome = { claimed: true } | { claimed: false; existing: IdempotencyRecord | undefined };

export interface IdempotencyStore {
  /**
   * Writes the IN_PROGRESS record if the key is free (absent or expired) or, with `takeOverFrom`,
   * if the record is still that stale IN_PROGRESS one. Otherwise returns what is there.
   */
  claim(record: IdempotencyRecord, now: Date, takeOverFrom?: IdempotencyRecord): Promise<ClaimOutcome>;
  /** Drops an IN_PROGRESS record this request holds (so the client may retry the key). */
  abandon(record: Pick<IdempotencyRecord, 'userId' | 'key' | 'orderId'>): Promise<void>;
}

/** Deadline (epoch ms) by which a catalog call must be done, retries included. */
export interface CallOptions {
  deadline?: number;
}

export interface CatalogClient {
  /**
   * Reserves every line or none (idempotent per reservation id): a hold until catalog's expiry, at
   * the products' current prices, which it returns per line. Throws InsufficientStockError,
   * ProductUnavailableError, OrderAttemptUndoneError (the id was released).
   */
  reserve(reservationId: string, lines: readonly RequestedLine[], options?: CallOptions): Promise<ReservedLine[]>;
  /** Keeps the held stock for good (idempotent). Throws OrderAttemptUndoneError when it was released (expired). */
  commit(reservationId: string, options?: CallOptions): Promise<void>;
  /** Returns the reservation's stock (idempotent); 'not-found' when it never existed. */
  release(reservationId: string, options?: CallOptions): Promise<'released' | 'not-found'>;
}

export interface Deps {
  orders: OrderRepository;
  idempotency: IdempotencyStore;
  catalog: CatalogClient;
  newId: () => string;
  now: () => Date;
  cursorSecret: () => string;
}
