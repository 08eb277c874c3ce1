import { openApiDocumentRoute } from '@emporium/common/http/route';
import { registerUser } from './operations/register-user';
import { getUser } from './operations/get-user';
import { getMe } from './operations/get-me';
import { updateMe } from './operations/update-me';
import { signIn } from './operations/sign-in';
import { getJwks } from './operations/get-jwks';
import { issueServiceToken } from './operations/issue-service-token';
import { ACCOUNT_ROLES } from './operations/roles';

export { ACCOUNT_ROLES };

/** Users' routes under /v1/users: the one source of its API (handlers, gateway, OpenAPI, tests). */
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
