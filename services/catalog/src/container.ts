import { defineConfig } from '@emporium/common/config';
import { defineContainer } from '@emporium/common/container';
import * as z from 'zod/mini';
import { dynamodbProductRepository } from './adapters/dynamodb-product-repository';
import type { Deps } from './ports';

/** Only the functions that page get the cursor key (listProducts). */
const cursorConfig = defineConfig(z.object({ CURSOR_SIGNING_KEY: z.string().check(z.minLength(16)) }));

/**
 * Composition root: real adapters, built once per container on first use. Reservations have their
 * own (./reservations-container), imported by the reservation functions only, so a product
 * function's bundle does not hold them (docs/adr/0022).
 */
export const getDeps = defineContainer(({ db, tableName }): Omit<Deps, 'reservations' | 'reservationHoldSeconds' | 'newId'> => ({
  products: dynamodbProductRepository(db, tableName),
  now: () => new Date(),
  cursorSecret: () => cursorConfig().CURSOR_SIGNING_KEY,
}));
