import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { userSchema } from '../schemas/user';
import { ACCOUNT_ROLES } from './roles';

export const getMe = defineRoute({
  operationId: 'getMe',
  method: 'GET',
  path: '/me',
  summary: DOCS && 'Get your account',
  tags: DOCS && ['Your account'],
  apiKey: true,
  roles: ACCOUNT_ROLES,
  cache: 'private',
  etag: true,
  responses: { 200: { description: DOCS && 'Your account', body: DOCS && userSchema, headers: ['ETag'] } },
  problems: [P.USER_NOT_FOUND],
});
