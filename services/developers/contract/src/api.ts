import type { ApiContract } from '@emporium/common/http/api';
import { routes } from './routes';

/** Developers API v1, as mounted on the custom domain at /v1/developers. */
export const api: ApiContract = {
  service: 'developers',
  version: 'v1',
  basePath: '/v1/developers',
  title: 'Emporium Developers API',
  description:
    'The developer portal: register apps, get their API keys (shown once), rotate and revoke them, and read their metered usage. Admins move apps between usage plans and disable them. Every route needs a bearer token; none needs an API key.',
  tags: [
    { name: 'Apps', description: 'Apps of third-party developers and their API keys.' },
    { name: 'Usage', description: 'What the gateway metered for an app key.' },
    { name: 'API', description: 'About this API.' },
  ],
  routes: Object.values(routes),
};
