import { httpHandler } from '@emporium/common/http/handler';
import { updateMe as updateMeRoute } from '@emporium/users-contract/operations/update-me';
import { getDeps } from '../container';
import { attemptClient } from '../domain/sign-in-attempts';
import { updateMe } from '../use-cases/users';

/** Change own display name and/or password (with currentPassword: 403 INVALID_CURRENT_PASSWORD); If-Match required. */
export const handler = httpHandler(updateMeRoute, async ({ auth, body, expectedVersion, caller }) => ({
  body: await updateMe(auth.principalId, body, expectedVersion, attemptClient(caller), getDeps()),
}));
