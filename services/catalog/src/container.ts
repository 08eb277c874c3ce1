import { defineConfig } from '@emporium/common/config';
import { getDocumentClient } from '@emporium/common/dynamodb/client';
import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import { dynamodbProductRepository } from './adapters/dynamodb-product-repository';
import { dynamodbReservationRepository } from './adapters/dynamodb-reservation-repository';
import type { Deps } from './ports';

const config = defineConfig(z.object({ TABLE_NAME: z.string().min(1) }));
/** Only the functions that page get the cursor key (listProducts). */
const cursorConfig = defineConfig(z.object({ CURSOR_SIGNING_KEY: z.string().min(16) }));

let deps: Deps | undefined;

/** Composition root: real adapters, built once per container on first use. */
export const getDeps = (): Deps => {
  if (deps) return deps;
  const { TABLE_NAME } = config();
  const db = getDocumentClient();
  deps = {
    products: dynamodbProductRepository(db, TABLE_NAME),
    reservations: dynamodbReservationRepository(db, TABLE_NAME),
    // Monotonic within a container: ids made in the same millisecond still sort by creation.
    newId: monotonicFactory(),
    now: () => new Date(),
    cursorSecret: () => cursorConfig().CURSOR_SIGNING_KEY,
  };
  return deps;
};
