import { defineConfig } from '@emporium/common/config';
import { lazy } from '@emporium/common/container';
import { loadSecret } from '@emporium/common/secrets';
import * as z from 'zod/mini';
import { DEFAULT_CATALOG_POLICY, httpCatalogClient } from './adapters/catalog-client';
import { serviceTokenProvider } from './adapters/service-token';
import type { CatalogClient } from './ports';
import { coercedNumber } from '@emporium/common/contract/formats';

/** Only the functions that call catalog (placeOrder, cancelOrder). */
const catalogConfig = defineConfig(
  z.object({
    CATALOG_BASE_URL: z.url(),
    USERS_BASE_URL: z.url(),
    CATALOG_TIMEOUT_MS: z._default(coercedNumber().check(z.int(), z.gte(100), z.lte(10_000)), DEFAULT_CATALOG_POLICY.timeoutMs),
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

/**
 * Catalog, built on its first use (its variables are read then). Its own composition root: only
 * the handlers that call catalog (place-order, cancel-order) import it, so the other functions'
 * bundles hold neither the HTTP client nor the service-token code its credentials go through.
 */
export const catalog: CatalogClient = lazy(catalogClient);
