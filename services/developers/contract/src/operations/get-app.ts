import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { appIdParams, appSchema } from '../schemas/app';
import { SIGNED_IN } from './roles';

export const getApp = defineRoute({
  operationId: 'getApp',
  method: 'GET',
  path: '/apps/{id}',
  summary: DOCS && 'Get an app',
  description: DOCS && "Yours (or any, for an admin); anyone else's answers 404.",
  tags: DOCS && ['Apps'],
  roles: SIGNED_IN,
  cache: 'private',
  etag: true,
  request: { params: appIdParams },
  responses: { 200: { description: DOCS && 'The app', body: DOCS && appSchema, headers: ['ETag'] } },
  problems: [P.APP_NOT_FOUND],
});
