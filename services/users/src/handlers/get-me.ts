import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { getUser } from '../use-cases/users';

/** The caller's own account, as the authorizer identified them. */
// `roles` makes httpHandler answer 401 before the route runs when there is no caller: auth is set.
export const handler = httpHandler({ roles: ['customer', 'admin'] }, async ({ auth }) => ({
  body: await getUser(auth!.principalId, getDeps()),
  headers: { 'cache-control': 'private, no-store' },
}));
