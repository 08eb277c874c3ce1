import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { defineConfig } from './config';
import { getDocumentClient } from './dynamodb/client';

/** What every service's composition root starts from: its table and the container's one client. */
export interface ServiceContext {
  /** TABLE_NAME (serverless.base.yml: `<service>-<stage>`). */
  tableName: string;
  db: DynamoDBDocumentClient;
}

const tableConfig = defineConfig(z.object({ TABLE_NAME: z.string().check(z.minLength(1)) }));

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

/**
 * A value made on its first use and kept for the container's life. For a capability only some
 * functions of a service have (signing tokens, calling another service, managing API keys): its
 * composition root is a module of its own, imported by those functions' handlers only, so the
 * others' bundles never hold its libraries (docs/adr/0022).
 *
 * @example
 * export const getTokenDeps = once(() => ({ tokens: jwtAccessTokens(...) }));
 */
export const once = <T>(create: () => T): (() => T) => {
  let made: { value: T } | undefined;
  return () => (made ??= { value: create() }).value;
};
