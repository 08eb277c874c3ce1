import { httpHandler } from '@emporium/common/http/handler';
import { routes } from '@emporium/users-contract/routes';
import { getDeps } from '../container';
import { getUser } from '../use-cases/users';

/** Any user's public view, for admins. */
export const handler = httpHandler(routes.getUser, async ({ params }) => ({
  body: await getUser(params.id, getDeps()),
}));
