import { defineConfig } from '@emporium/common/config';
import { defineContainer } from '@emporium/common/container';
import * as z from 'zod/mini';
import { dynamodbIdempotencyStore } from './adapters/dynamodb-idempotency-store';
import { dynamodbOrderRepository } from './adapters/dynamodb-order-repository';
import type { Deps } from './ports';

/** Only the functions that page get the cursor key (listOrders). */
const cursorConfig = defineConfig(z.object({ CURSOR_SIGNING_KEY: z.string().check(z.minLength(16)) }));

/**
 * Composition root: real adapters, built once per container on first use. The catalog client
 * (and the SSM client behind its service credentials) is in ./catalog-container, imported only by
 * the functions that call catalog (docs/adr/0022).
 */
export const getDeps = defineContainer(({ db, tableName }): Omit<Deps, 'catalog' | 'newId'> => ({
  orders: dynamodbOrderRepository(db, tableName),
  idempotency: dynamodbIdempotencyStore(db, tableName),
  // Monotonic within a container: order ids made in the same millisecond still sort by creation.
  now: () => new Date(),
  cursorSecret: () => cursorConfig().CURSOR_SIGNING_KEY,
}));
