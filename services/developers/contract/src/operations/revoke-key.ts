import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { appIdParams, appSchema } from '../schemas/app';
import { SIGNED_IN } from './roles';

export const revokeKey = defineRoute({
  operationId: 'revokeKey',
  method: 'DELETE',
  path: '/apps/{id}/key',
  summary: DOCS && "Revoke an app's API key",
  description: DOCS && 'The key stops working at once; rotate to issue a new one. Revoking again changes nothing.',
  tags: DOCS && ['Apps'],
  roles: SIGNED_IN,
  etag: true,
  request: { params: appIdParams },
  responses: { 200: { description: DOCS && 'The app, without a key', body: DOCS && appSchema, headers: ['ETag'] } },
  problems: [P.APP_NOT_FOUND, P.APP_CHANGED],
});
