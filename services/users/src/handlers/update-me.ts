import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { updateMeBody } from '../schemas/user';
import { updateMe } from '../use-cases/users';

/** Change own display name and/or password (with currentPassword: 403 INVALID_CURRENT_PASSWORD). */
export const handler = httpHandler({ roles: ['customer', 'admin'], body: updateMeBody }, async ({ auth, body }) => ({
  body: await updateMe(auth!.principalId, body, getDeps()),
  headers: { 'cache-control': 'private, no-store' },
}));
