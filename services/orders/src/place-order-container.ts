import { defineContainer } from '@emporium/common/container';
import { dynamodbIdempotencyStore } from './adapters/dynamodb-idempotency-store';
import { dynamodbOrderPlacement } from './adapters/dynamodb-order-placement';
import type { Deps, OrderPlacement } from './ports';

/**
 * What placing an order uses of the table, beside ./container (the whole repository, for the other
 * functions): the Idempotency-Key store, and of the orders only what placing writes and reads back.
 * Only place-order imports it: the other functions' bundles hold no Idempotency-Key store, and its
 * own holds no list, transition or cancel code (docs/adr/0022). Same table, same DynamoDB client.
 */
export const getPlaceOrderDeps = defineContainer(({ db, tableName }): Pick<Deps, 'idempotency' | 'now'> & { orders: OrderPlacement } => ({
  orders: dynamodbOrderPlacement(db, tableName),
  idempotency: dynamodbIdempotencyStore(db, tableName),
  now: () => new Date(),
}));
