import type { ApiContract } from '@emporium/common/http/api';
import { routes } from './routes';

/** Orders API v1, as mounted on the custom domain at /v1/orders. */
export const api: ApiContract = {
  service: 'orders',
  version: 'v1',
  basePath: '/v1/orders',
  title: 'Emporium Orders API',
  description: 'Orders of signed-in customers: priced and reserved in the catalog at once, idempotent, cancellable. Every route needs a bearer token.',
  tags: [
    { name: 'Orders', description: 'Placing, reading, cancelling and advancing orders.' },
    { name: 'API', description: 'About this API.' },
  ],
  routes: Object.values(routes),
};
