import * as z from 'zod/mini';
import { defineConfig } from '../config';
import type { RouteContract } from './route';
import { coercedNumber } from '../contract/formats';

/** The stage cache TTL (serverless.base.yml `cacheTtlInSeconds`): how long shared caches may keep a public GET. */
const config = defineConfig(z.object({ HTTP_CACHE_MAX_AGE: z._default(coercedNumber().check(z.int(), z.gte(0), z.lte(3600)), 0) }));

/**
 * Cache-Control of a GET from its contract: `public, max-age=<stage TTL>` for public reads (the
 * gateway's stage cache keeps them as long), `private, no-store` for per-caller data.
 */
export const cacheControlOf = (route: Pick<RouteContract, 'method' | 'cache'>): string | undefined => {
  if (route.method !== 'GET' || route.cache === undefined) return undefined;
  return route.cache === 'public' ? `public, max-age=${config().HTTP_CACHE_MAX_AGE}` : 'private, no-store';
};
