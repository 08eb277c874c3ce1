import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { appWithKey, createAppBody } from '../schemas/app';
import { SIGNED_IN } from './roles';

export const createApp = defineRoute({
  operationId: 'createApp',
  method: 'POST',
  path: '/apps',
  summary: DOCS && 'Register an app',
  description: DOCS && 'Registers an app on the free plan and issues its API key. The key is in this answer only: store it now.',
  tags: DOCS && ['Apps'],
  roles: SIGNED_IN,
  request: { body: createAppBody },
  responses: { 201: { description: DOCS && 'The app and its API key', body: DOCS && appWithKey, headers: ['Location'] } },
  problems: [P.APP_LIMIT_REACHED],
});
