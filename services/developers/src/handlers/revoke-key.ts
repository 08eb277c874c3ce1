import { httpHandler } from '@emporium/common/http/handler';
import { revokeKey as revokeKeyRoute } from '@emporium/developers-contract/operations/revoke-key';
import { getDeps } from '../container';
import { keys } from '../keys-container';
import { revokeKey } from '../use-cases/apps';

/** DELETE /apps/{id}/key: the key stops working at once. */
export const handler = httpHandler(revokeKeyRoute, async ({ params, auth }) => ({
  body: await revokeKey(params.id, auth, { ...getDeps(), keys }),
}));
