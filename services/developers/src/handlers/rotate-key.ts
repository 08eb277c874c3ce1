import { httpHandler } from '@emporium/common/http/handler';
import { rotateKey as rotateKeyRoute } from '@emporium/developers-contract/operations/rotate-key';
import { getDeps } from '../container';
import { keys } from '../keys-container';
import { rotateKey } from '../use-cases/apps';
import { countEvent } from '@emporium/common/metrics';

/** POST /apps/{id}/key/rotate: a new key (shown this once); the old one stops working. */
export const handler = httpHandler(rotateKeyRoute, async ({ params, auth }) => {
  const rotated = await rotateKey(params.id, auth, { ...getDeps(), keys });
  countEvent('ApiKeysIssued');
  return { body: rotated, headers: { 'cache-control': 'no-store' } };
});
