import type { ApiContract } from '@emporium/common/http/api';
import { routes } from './routes';

/** Catalog API v1, as mounted on the custom domain at /v1/catalog. */
export const api: ApiContract = {
  service: 'catalog',
  version: 'v1',
  basePath: '/v1/catalog',
  title: 'Emporium Catalog API',
  description:
    'Products, prices and stock. Reads are public and cached at the gateway; writes need an admin token; stock reservations need an admin or service token.',
  tags: [
    { name: 'Products', description: 'The products on sale, with their price and stock.' },
    { name: 'Reservations', description: 'Stock held for an order until it is released; used by the orders service.' },
    { name: 'API', description: 'About this API.' },
  ],
  routes: Object.values(routes),
};
