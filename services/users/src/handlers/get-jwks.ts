import { httpHandler } from '@emporium/common/http/handler';
import { routes } from '@emporium/users-contract/routes';
import { getTokenDeps } from '../token-container';
import { jsonWebKeySet } from '../use-cases/sessions';

/** GET /.well-known/jwks.json: public keys for token verification; cached (gateway and clients). */
export const handler = httpHandler(routes.getJwks, async () => ({
  body: await jsonWebKeySet(getTokenDeps()),
}));
