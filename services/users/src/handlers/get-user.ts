import { httpHandler } from '@emporium/common/http/handler';
import { getUser as getUserRoute } from '@emporium/users-contract/operations/get-user';
import { getDeps } from '../container';
import { getUser } from '../use-cases/users';

/** Any user's public view, for admins. */
export const handler = httpHandler(getUserRoute, async ({ params }) => ({
  body: await getUser(params.id, getDeps()),
}));
