import { httpHandler } from '@emporium/common/http/handler';
import { signIn as signInRoute } from '@emporium/users-contract/operations/sign-in';
import { getDeps } from '../container';
import { getTokenDeps } from '../token-container';
import { attemptClient } from '../domain/sign-in-attempts';
import { signIn } from '../use-cases/sessions';

/** POST /sessions: 200 with an access token; 401 INVALID_CREDENTIALS; 429 TOO_MANY_ATTEMPTS. */
export const handler = httpHandler(signInRoute, async ({ body, caller }) => ({
  body: await signIn(body, attemptClient(caller), { ...getDeps(), ...getTokenDeps() }),
  // A token must not be stored by any cache (RFC 6749 section 5.1).
  headers: { 'cache-control': 'no-store' },
}));
