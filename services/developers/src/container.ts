import { defineConfig } from '@emporium/common/config';
import { defineContainer, lazy } from '@emporium/common/container';
import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import { apiGatewayKeys } from './adapters/api-gateway-keys';
import { dynamodbAppRepository } from './adapters/dynamodb-app-repository';
import type { Deps } from './ports';

/** Only the functions that list get the cursor key (listApps). */
const cursorConfig = defineConfig(z.object({ CURSOR_SIGNING_KEY: z.string().min(16) }));
/** Only the functions that manage keys: the usage plans' names are `<prefix><plan>`. */
const plansConfig = defineConfig(z.object({ USAGE_PLAN_PREFIX: z.string().min(1) }));

/** Composition root: real adapters, built once per container on first use. */
export const getDeps = defineContainer(
  ({ db, tableName }): Deps => ({
    apps: dynamodbAppRepository(db, tableName),
    // Built on first use: only the functions that manage keys have the plans' settings.
    keys: lazy(() => apiGatewayKeys({ planPrefix: () => plansConfig().USAGE_PLAN_PREFIX })),
    // Monotonic within a container: ids made in the same millisecond still sort by creation.
    newId: monotonicFactory(),
    now: () => new Date(),
    cursorSecret: () => cursorConfig().CURSOR_SIGNING_KEY,
  }),
);
