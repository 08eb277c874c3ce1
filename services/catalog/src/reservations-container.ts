import { defineConfig } from '@emporium/common/config';
import { defineContainer } from '@emporium/common/container';
import * as z from 'zod/mini';
import { dynamodbReservationRepository } from './adapters/dynamodb-reservation-repository';
import type { Deps } from './ports';
import { coercedNumber } from '@emporium/common/contract/formats';

/** API v2 holds: how long a reservation keeps its stock unless committed (serverless.base.yml sets it). */
const holdConfig = defineConfig(z.object({ RESERVATION_HOLD_SECONDS: z._default(coercedNumber().check(z.int(), z.gte(1), z.lte(86_400)), 900) }));

/**
 * The reservations' composition root, beside ./container (products, ids, clock): imported by the
 * reservation functions only (docs/adr/0022). Same table, same DynamoDB client.
 */
export const getReservationDeps = defineContainer(({ db, tableName }): Pick<Deps, 'reservations' | 'reservationHoldSeconds'> => ({
  reservations: dynamodbReservationRepository(db, tableName),
  reservationHoldSeconds: () => holdConfig().RESERVATION_HOLD_SECONDS,
}));
