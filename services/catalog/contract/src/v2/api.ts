import type { ApiContract } from '@emporium/common/http/api';
import { api as v1 } from '../api';
import { routes } from './routes';

/** Catalog API v2, as mounted on the custom domain at /v2/catalog (beside v1, on the same data). */
export const api: ApiContract = {
  ...v1,
  version: 'v2',
  basePath: '/v2/catalog',
  description:
    'Products, prices and availability. Reads are public and cached at the gateway; writes and the exact stock need an admin token; stock reservations need an admin or service token. What changed from v1: CHANGELOG.md.',
  routes: Object.values(routes),
};
