import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { appIdParams, appSchema, updateAppBody } from '../schemas/app';

export const updateApp = defineRoute({
  operationId: 'updateApp',
  method: 'PATCH',
  path: '/apps/{id}',
  summary: DOCS && "Change an app's plan or status",
  description: DOCS && 'Admins only: move the app to another usage plan, disable its key or enable it again. Takes effect at the gateway at once.',
  tags: DOCS && ['Apps'],
  roles: ['admin'],
  etag: true,
  ifMatch: 'required',
  request: { params: appIdParams, body: updateAppBody },
  responses: { 200: { description: DOCS && 'The changed app', body: DOCS && appSchema, headers: ['ETag'] } },
  problems: [P.APP_NOT_FOUND, P.APP_CHANGED],
});
