import { defineContainer } from '@emporium/common/container';
import { dynamodbIdempotencyStore } from './adapters/dynamodb-idempotency-store';
import type { Deps } from './ports';

/**
 * The Idempotency-Key store, beside ./container (orders, clock): only place-order claims keys, so
 * only its handler imports it and the other functions' bundles do not hold it (docs/adr/0022).
 * Same table, same DynamoDB client.
 */
export const getIdempotencyDeps = defineContainer(({ db, tableName }): Pick<Deps, 'idempotency'> => ({
  idempotency: dynamodbIdempotencyStore(db, tableName),
}));
