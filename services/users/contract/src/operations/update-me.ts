import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { updateMeBody, userSchema } from '../schemas/user';
import { ACCOUNT_ROLES } from './roles';

export const updateMe = defineRoute({
  operationId: 'updateMe',
  method: 'PATCH',
  path: '/me',
  summary: DOCS && 'Change your account',
  description:
    DOCS &&
    'Your display name, or your password (with currentPassword). Needs If-Match with the ETag of your last read: a stale one is 412 and changes nothing.',
  tags: DOCS && ['Your account'],
  apiKey: true,
  roles: ACCOUNT_ROLES,
  etag: true,
  ifMatch: 'required',
  request: { body: updateMeBody },
  responses: { 200: { description: DOCS && 'Your changed account', body: DOCS && userSchema, headers: ['ETag'] } },
  problems: [P.INVALID_CURRENT_PASSWORD, P.TOO_MANY_ATTEMPTS, P.USER_NOT_FOUND],
});
