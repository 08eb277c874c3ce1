import type { ApiContract } from '@emporium/common/http/api';
import { routes } from './routes';

/** Users API v1, as mounted on the custom domain at /v1/users. */
export const api: ApiContract = {
  service: 'users',
  version: 'v1',
  basePath: '/v1/users',
  title: 'Emporium Users API',
  description: 'Accounts, sign-in and the keys that verify access tokens. Every other service accepts the tokens issued here.',
  tags: [
    { name: 'Accounts', description: 'Registering, and accounts as admins see them.' },
    { name: 'Your account', description: "The signed-in caller's own account." },
    { name: 'Sessions', description: 'Access tokens for people and services, and the keys that verify them.' },
    { name: 'API', description: 'About this API.' },
  ],
  routes: Object.values(routes),
};
