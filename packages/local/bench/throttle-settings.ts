import { methodSettingsOf, stageSettingsOf } from '@emporium/api-stage/settings';
import type { Throttle } from '@emporium/api-stage/settings';
import path from 'node:path';
import { loadServiceConfig } from '../src/config/service-config';
import { WORKSPACE_ROOT } from '../src/paths';

/** A route's stage throttle on the local stage, from the service's resolved serverless.yml. */
export const routeThrottle = async (service: string, method: string, resource: string): Promise<Throttle> => {
  const { config } = await loadServiceConfig(path.join(WORKSPACE_ROOT, 'services', service), 'local');
  const settings = methodSettingsOf(stageSettingsOf(config), method, resource);
  if (!settings) throw new Error(`${service} has no route ${method} ${resource}`);
  return settings.throttle;
};
