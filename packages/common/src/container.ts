import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { defineConfig } from './config';
import { getDocumentClient } from './dynamodb/client';

/** What every service's composition root starts from: its table and the container's one client. */
export interface ServiceContext {
  /** TABLE_NAME (serverless.base.yml: `<service>-<stage>`). */
  tableName: string;
  db: DynamoDBDocumentClient;
}

const tableConfig = defineConfig(z.object({ TABLE_NAME: z.string().min(1) }));

/**
 * A service's composition root: `build` wires the real adapters once per container, on first use
 * (never at import time, so a function that does not need a dependency never reads its variables),
 * and every later call returns the same object.
 *
 * @example
 * export const getDeps = defineContainer(({ db, tableName }): Deps => ({
 *   products: dynamodbProductRepository(db, tableName),
 *   now: () => new Date(),
 * }));
 */
export const defineContainer = <D>(build: (context: ServiceContext) => D): (() => D) => {
  let deps: D | undefined;
  return () => (deps ??= build({ tableName: tableConfig().TABLE_NAME, db: getDocumentClient() }));
};
