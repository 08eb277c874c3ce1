import { getLogger } from '@emporium/common/logger';
import { CatalogUnavailableError, IdempotencyKeyReusedError, InsufficientStockError, ProductUnavailableError, RequestInProgressError } from '../domain/errors';
import type { IdempotencyRecord } from '../domain/idempotency';
import { bodyHashOf, decideIdempotency, newIdempotencyRecord } from '../domain/idempotency';
import type { Order, RequestedLine } from '../domain/order';
import { newOrder } from '../domain/order';
import { priceOrder } from '../domain/pricing';
import type { Deps, OrderPlacement } from '../ports';

export interface PlaceOrderInput {
  userId: string;
  idempotencyKey: string;
  lines: RequestedLine[];
  /**
   * Epoch ms: catalog calls of the forward path (reads, reservation) finish by `deadline`;
   * compensation (release) may run until `hardDeadline` (just under the function timeout).
   */
  deadline?: number;
  hardDeadline?: number;
}

type PlaceOrderDeps = Pick<Deps, 'idempotency' | 'catalog' | 'newId' | 'now'> & { orders: OrderPlacement };

/** Takes the key for this request, or explains why not (replay, in progress, reused). */
const claimKey = async (
  input: PlaceOrderInput,
  bodyHash: string,
  deps: PlaceOrderDeps,
): Promise<{ record: IdempotencyRecord; takenOver: boolean } | { replay: string }> => {
  const now = deps.now();
  const fresh = newIdempotencyRecord({ userId: input.userId, key: input.idempotencyKey, bodyHash, orderId: deps.newId() }, now);
  let outcome = await deps.idempotency.claim(fresh, now);
  if (outcome.claimed) return { record: fresh, takenOver: false };
  const decision = decideIdempotency(outcome.existing, bodyHash, now);
  switch (decision.kind) {
    case 'replay':
      return { replay: decision.orderId };
    case 'reused':
      throw new IdempotencyKeyReusedError();
    case 'in-progress':
      throw new RequestInProgressError(decision.retryAfterSeconds);
    case 'new':
    case 'take-over': {
      // 'new': the record expired between our put and read (TTL): claim it once more.
      // 'take-over': an attempt died holding the key; continue it with ITS order id, so a
      // reservation it may have made is found again (idempotent per id), never duplicated.
      const record = decision.kind === 'take-over' ? { ...fresh, orderId: decision.orderId } : fresh;
      outcome = await deps.idempotency.claim(record, now, decision.kind === 'take-over' ? outcome.existing : undefined);
      if (outcome.claimed) return { record, takenOver: decision.kind === 'take-over' };
      throw new RequestInProgressError(1);
    }
  }
};

/**
 * POST /orders. Idempotent per (user, Idempotency-Key):
 *  1. claim the key (IN_PROGRESS, body hash, order id, 24 h TTL) or replay / refuse;
 *  2. reserve the stock in catalog under the order id (idempotent there): a hold, at the prices
 *     catalog checked in the same transaction, which price the order (never a cached product read);
 *  3. commit the hold, so catalog's expiry never returns the stock of an order that exists;
 *  4. store the order and complete the key in one transaction.
 * Any failure after step 1 gives the key back (so the client may retry); any failure after the
 * reservation was attempted releases it (catalog's release is idempotent, and records an id that
 * was never reserved as released, so a late reservation cannot take stock either): no stock leaks.
 * A crash between 2 and 3 leaves a hold that catalog releases when it expires.
 */
export const placeOrder = async (input: PlaceOrderInput, deps: PlaceOrderDeps): Promise<{ order: Order; created: boolean }> => {
  const bodyHash = bodyHashOf(input.lines);
  const claim = await claimKey(input, bodyHash, deps);
  if ('replay' in claim) {
    const order = await deps.orders.get(claim.replay);
    // The key was completed in the order's own transaction, and orders are never deleted.
    if (!order) throw new Error(`Idempotency key completed for order ${claim.replay}, which does not exist`);
    return { order, created: false };
  }
  const { record } = claim;
  const orderId = record.orderId;
  // A taken-over attempt may already hold a reservation under this order id: release it on failure.
  let reservationAttempted = claim.takenOver;
  try {
    const callOptions = input.deadline !== undefined ? { deadline: input.deadline } : {};
    reservationAttempted = true;
    let reserved;
    try {
      reserved = await deps.catalog.reserve(orderId, input.lines, callOptions);
    } catch (error) {
      // Catalog said no (all or nothing): nothing is reserved under this id. Catalog never reached:
      // this call reserved nothing (a taken-over attempt may have). Anything else (timeout, 5xx, a
      // malformed answer) may have reserved: release below.
      if (error instanceof InsufficientStockError || error instanceof ProductUnavailableError) reservationAttempted = false;
      else if (error instanceof CatalogUnavailableError && !error.delivered) reservationAttempted = claim.takenOver;
      throw error;
    }
    const priced = priceOrder(input.lines, reserved);
    await deps.catalog.commit(orderId, callOptions);
    const order = newOrder({ id: orderId, userId: input.userId, ...priced }, deps.now());
    try {
      await deps.orders.create(order, record);
    } catch (error) {
      // The write may have committed although the call failed (a lost response): never undo a
      // stored order, or a replay would return an order whose stock went back on sale.
      if (await deps.orders.get(orderId).catch(() => undefined)) return { order, created: true };
      throw error;
    }
    return { order, created: true };
  } catch (error) {
    await compensate(record, reservationAttempted, deps, input.hardDeadline);
    throw error;
  }
};

/**
 * Undo after a failure: release the reservation (if one may exist), then free the key. If the
 * release itself fails, the key stays IN_PROGRESS with the order id: a retry with the same key after
 * the lock takes over that order id and either completes the order or releases again.
 */
const compensate = async (record: IdempotencyRecord, reservationAttempted: boolean, deps: PlaceOrderDeps, hardDeadline?: number) => {
  const logger = getLogger();
  if (reservationAttempted) {
    try {
      const outcome = await deps.catalog.release(record.orderId, hardDeadline !== undefined ? { deadline: hardDeadline } : {});
      logger.info('reservation released after a failed order', { orderId: record.orderId, outcome });
    } catch (error) {
      logger.error('could not release the reservation of a failed order; the key stays in progress', {
        orderId: record.orderId,
        error: error as Error,
      });
      return;
    }
  }
  try {
    await deps.idempotency.abandon(record);
  } catch (error) {
    logger.error('could not free the idempotency key of a failed order', { orderId: record.orderId, error: error as Error });
  }
};
