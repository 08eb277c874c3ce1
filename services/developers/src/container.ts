import { defineConfig } from '@emporium/common/config';
import { defineContainer } from '@emporium/common/container';
import * as z from 'zod/mini';
import { dynamodbAppRepository } from './adapters/dynamodb-app-repository';
import type { Deps } from './ports';

/** Only the functions that list get the cursor key (listApps). */
const cursorConfig = defineConfig(z.object({ CURSOR_SIGNING_KEY: z.string().check(z.minLength(16)) }));

/**
 * Composition root: real adapters, built once per container on first use. The gateway's keys
 * (the API Gateway client) are in ./keys-container, imported only by the functions that manage
 * keys (docs/adr/0022).
 */
export const getDeps = defineContainer(({ db, tableName }): Omit<Deps, 'keys' | 'newId'> => ({
  apps: dynamodbAppRepository(db, tableName),
  now: () => new Date(),
  cursorSecret: () => cursorConfig().CURSOR_SIGNING_KEY,
}));
