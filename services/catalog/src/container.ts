import { defineConfig } from '@emporium/common/config';
import { defineContainer } from '@emporium/common/container';
import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import { dynamodbProductRepository } from './adapters/dynamodb-product-repository';
import { dynamodbReservationRepository } from './adapters/dynamodb-reservation-repository';
import type { Deps } from './ports';

/** Only the functions that page get the cursor key (listProducts). */
const cursorConfig = defineConfig(z.object({ CURSOR_SIGNING_KEY: z.string().min(16) }));

/** API v2 holds: how long a reservation keeps its stock unless committed (serverless.base.yml sets it). */
const holdConfig = defineConfig(z.object({ RESERVATION_HOLD_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900) }));

/** Composition root: real adapters, built once per container on first use. */
export const getDeps = defineContainer(
  ({ db, tableName }): Deps => ({
    products: dynamodbProductRepository(db, tableName),
    reservations: dynamodbReservationRepository(db, tableName),
    // Monotonic within a container: ids made in the same millisecond still sort by creation.
    newId: monotonicFactory(),
    now: () => new Date(),
    cursorSecret: () => cursorConfig().CURSOR_SIGNING_KEY,
    reservationHoldSeconds: () => holdConfig().RESERVATION_HOLD_SECONDS,
  }),
);
