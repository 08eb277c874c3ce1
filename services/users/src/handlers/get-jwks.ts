import { httpHandler } from '@emporium/common/http/handler';
import { getJwks as getJwksRoute } from '@emporium/users-contract/operations/get-jwks';
import { getTokenDeps } from '../token-container';
import { jsonWebKeySet } from '../use-cases/sessions';

/** GET /.well-known/jwks.json: public keys for token verification; cached (gateway and clients). */
export const handler = httpHandler(getJwksRoute, async () => ({
  body: await jsonWebKeySet(getTokenDeps()),
}));
