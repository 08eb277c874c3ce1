import { defineConfig } from '@emporium/common/config';
import { defineContainer, lazy } from '@emporium/common/container';
import { loadSecret } from '@emporium/common/secrets';
import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import { DEFAULT_CATALOG_POLICY, httpCatalogClient } from './adapters/catalog-client';
import { dynamodbIdempotencyStore } from './adapters/dynamodb-idempotency-store';
import { dynamodbOrderRepository } from './adapters/dynamodb-order-repository';
import { serviceTokenProvider } from './adapters/service-token';
import type { CatalogClient, Deps } from './ports';

/** Only the functions that page get the cursor key (listOrders). */
const cursorConfig = defineConfig(z.object({ CURSOR_SIGNING_KEY: z.string().min(16) }));
/** Only the functions that call catalog (placeOrder, cancelOrder). */
const catalogConfig = defineConfig(
  z.object({
    CATALOG_BASE_URL: z.url(),
    USERS_BASE_URL: z.url(),
    CATALOG_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(DEFAULT_CATALOG_POLICY.timeoutMs),
  }),
);

/** Catalog over HTTP, from the variables only the functions that call catalog have. */
const catalogClient = (): CatalogClient => {
  const { CATALOG_BASE_URL, USERS_BASE_URL, CATALOG_TIMEOUT_MS } = catalogConfig();
  const policy = { ...DEFAULT_CATALOG_POLICY, timeoutMs: CATALOG_TIMEOUT_MS };
  return httpCatalogClient({
    baseUrl: CATALOG_BASE_URL.replace(/\/+$/, ''),
    policy,
    serviceToken: serviceTokenProvider({
      usersBaseUrl: USERS_BASE_URL.replace(/\/+$/, ''),
      clientId: 'orders',
      clientSecret: () => loadSecret('SERVICE_CLIENT_SECRET'),
      policy,
    }),
  });
};

/** Composition root: real adapters, built once per container on first use. */
export const getDeps = defineContainer(
  ({ db, tableName }): Deps => ({
    orders: dynamodbOrderRepository(db, tableName),
    idempotency: dynamodbIdempotencyStore(db, tableName),
    catalog: lazy(catalogClient),
    // Monotonic within a container: order ids made in the same millisecond still sort by creation.
    newId: monotonicFactory(),
    now: () => new Date(),
    cursorSecret: () => cursorConfig().CURSOR_SIGNING_KEY,
  }),
);
