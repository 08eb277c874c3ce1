import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { userIdParams } from '../schemas/user';
import { getUser } from '../use-cases/users';

/** Any user's public view, for admins. */
export const handler = httpHandler({ roles: ['admin'], params: userIdParams }, async ({ params }) => ({
  body: await getUser(params.id, getDeps()),
  headers: { 'cache-control': 'private, no-store' },
}));
