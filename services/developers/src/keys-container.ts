import { defineConfig } from '@emporium/common/config';
import { lazy } from '@emporium/common/container';
import * as z from 'zod/mini';
import { apiGatewayKeys } from './adapters/api-gateway-keys';
import type { Deps } from './ports';

/** Only the functions that manage keys: the usage plans' names are `<prefix><plan>`. */
const plansConfig = defineConfig(z.object({ USAGE_PLAN_PREFIX: z.string().check(z.minLength(1)) }));

/**
 * The gateway's API keys, built on first use (only the functions that manage keys have the plans'
 * settings). Its own composition root: only those functions' handlers import it, so get-app and
 * list-apps do not bundle the API Gateway client.
 */
export const keys: Deps['keys'] = lazy(() => apiGatewayKeys({ planPrefix: () => plansConfig().USAGE_PLAN_PREFIX }));
