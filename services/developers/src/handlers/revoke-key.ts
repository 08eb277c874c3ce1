import { httpHandler } from '@emporium/common/http/handler';
import { routes } from '@emporium/developers-contract/routes';
import { getDeps } from '../container';
import { keys } from '../keys-container';
import { revokeKey } from '../use-cases/apps';

/** DELETE /apps/{id}/key: the key stops working at once. */
export const handler = httpHandler(routes.revokeKey, async ({ params, auth }) => ({
  body: await revokeKey(params.id, auth, { ...getDeps(), keys }),
}));
