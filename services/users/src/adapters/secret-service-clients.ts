import { loadSecret } from '@emporium/common/secrets';
import type { ServiceClients } from '../ports';

/**
 * Service clients are an allowlist in the function's environment (SERVICE_CLIENTS=orders,...);
 * each client's secret is the SSM SecureString SERVICE_CLIENT_<ID>_SECRET_PARAMETER names (the
 * same parameter the client service reads), so no secret is stored in the table or the template.
 */
export const secretServiceClients = (): ServiceClients => ({
  secretOf: async (clientId) => {
    const allowed = (process.env.SERVICE_CLIENTS ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    if (!allowed.includes(clientId)) return undefined;
    return loadSecret(`SERVICE_CLIENT_${clientId.toUpperCase().replace(/-/g, '_')}_SECRET`);
  },
});
