import { httpHandler } from '@emporium/common/http/handler';
import { getMe as getMeRoute } from '@emporium/users-contract/operations/get-me';
import { getDeps } from '../container';
import { getUser } from '../use-cases/users';

/** The caller's own account, as the authorizer identified them. */
export const handler = httpHandler(getMeRoute, async ({ auth }) => ({
  body: await getUser(auth.principalId, getDeps()),
}));
