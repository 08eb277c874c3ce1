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

/**
 * An adapter built on its first use, so a function that never calls it never reads its
 * configuration (each function of a service has only the variables it needs).
 *
 * @example
 * catalog: lazy(() => httpCatalogClient(catalogOptions())),
 */
export const lazy = <T extends object>(create: () => T): T => {
  let instance: T | undefined;
  return new Proxy({} as T, {
    get: (_, property) => {
      instance ??= create();
      const value: unknown = Reflect.get(instance, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(instance) : value;
    },
  });
};
