import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { appIdParams, appWithKey } from '../schemas/app';
import { SIGNED_IN } from './roles';

export const rotateKey = defineRoute({
  operationId: 'rotateKey',
  method: 'POST',
  path: '/apps/{id}/key/rotate',
  summary: DOCS && "Rotate an app's API key",
  description: DOCS && 'Issues a new key on the same plan; the old one stops working at once. The new key is in this answer only.',
  tags: DOCS && ['Apps'],
  roles: SIGNED_IN,
  request: { params: appIdParams },
  responses: { 200: { description: DOCS && 'The app and its new API key', body: DOCS && appWithKey } },
  problems: [P.APP_NOT_FOUND, P.APP_CHANGED],
});
