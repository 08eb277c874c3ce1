import { defineConfig } from '@emporium/common/config';
import { defineContainer } from '@emporium/common/container';
import * as z from 'zod/mini';
import { dynamodbOrderRepository } from './adapters/dynamodb-order-repository';
import type { Deps } from './ports';

/** Only the functions that page get the cursor key (listOrders). */
const cursorConfig = defineConfig(z.object({ CURSOR_SIGNING_KEY: z.string().check(z.minLength(16)) }));

/**
 * Composition root: real adapters, built once per container on first use. The catalog client (and
 * the service credentials it signs in with) is in ./catalog-container; what placing an order uses
 * (the Idempotency-Key store, the order's creation) in ./place-order-container; ids come from
 * @emporium/common/ids: each imported only by the functions that use it (docs/adr/0022).
 */
export const getDeps = defineContainer(({ db, tableName }): Omit<Deps, 'catalog' | 'newId' | 'idempotency'> => ({
  orders: dynamodbOrderRepository(db, tableName),
  now: () => new Date(),
  cursorSecret: () => cursorConfig().CURSOR_SIGNING_KEY,
}));
