import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { jsonWebKeySet } from '../use-cases/sessions';

/** GET /.well-known/jwks.json: public keys for token verification; cached (gateway and clients). */
export const handler = httpHandler({}, async () => ({
  body: await jsonWebKeySet(getDeps()),
  headers: { 'cache-control': 'public, max-age=300' },
}));
