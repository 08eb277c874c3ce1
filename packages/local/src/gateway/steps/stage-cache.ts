import type { Step } from '../pipeline';
import { routed } from '../pipeline';
import type { StageCache } from '../stage-cache';

/**
 * The stage cache, in front of the integration as in API Gateway: a cached route's answer is
 * served from the cache while its entry lives; a miss goes on and the integration step fills it.
 */
export const stageCacheStep =
  (cache: StageCache): Step =>
  async (exchange) => {
    const { match, event } = routed(exchange);
    const key = cache.keyFor(match.route, event);
    if (key === undefined) return Promise.resolve(undefined);
    const hit = cache.get(key);
    exchange.cached = hit !== undefined;
    if (hit) return hit;
    exchange.cacheKey = key;
    return undefined;
  };
