import { httpHandler } from '@emporium/common/http/handler';
import { routes } from '@emporium/users-contract/routes';
import { getDeps } from '../container';
import { getUser } from '../use-cases/users';

/** The caller's own account, as the authorizer identified them. */
export const handler = httpHandler(routes.getMe, async ({ auth }) => ({
  body: await getUser(auth.principalId, getDeps()),
}));
