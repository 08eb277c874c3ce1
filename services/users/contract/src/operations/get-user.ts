import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { userIdParams, userSchema } from '../schemas/user';

export const getUser = defineRoute({
  operationId: 'getUser',
  method: 'GET',
  path: '/{id}',
  summary: DOCS && 'Get any account',
  tags: DOCS && ['Accounts'],
  roles: ['admin'],
  cache: 'private',
  etag: true,
  request: { params: userIdParams },
  responses: { 200: { description: DOCS && 'The account', body: DOCS && userSchema, headers: ['ETag'] } },
  problems: [P.USER_NOT_FOUND],
});
