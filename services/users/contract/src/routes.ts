import { openApiDocumentRoute } from '@emporium/common/http/route';
import { registerUser } from './operations/register-user';
import { getUser } from './operations/get-user';
import { getMe } from './operations/get-me';
import { updateMe } from './operations/update-me';
import { signIn } from './operations/sign-in';
import { getJwks } from './operations/get-jwks';
import { issueServiceToken } from './operations/issue-service-token';

export { ACCOUNT_ROLES } from './operations/roles';

/**
 * Users' routes under /v1/users: one module each in ./operations, where each handler imports
 * its own; this list is what the gateway models, the OpenAPI document and the tests read.
 */
export const routes = {
  registerUser,
  getUser,
  getMe,
  updateMe,
  signIn,
  getJwks,
  issueServiceToken,
  getOpenApiDocument: openApiDocumentRoute,
} as const;
