import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import { appPage, listAppsQuery } from '../schemas/app';
import { SIGNED_IN } from './roles';

export const listApps = defineRoute({
  operationId: 'listApps',
  method: 'GET',
  path: '/apps',
  summary: DOCS && 'List apps',
  description: DOCS && 'Your apps, oldest first; an admin sees every app.',
  tags: DOCS && ['Apps'],
  roles: SIGNED_IN,
  cache: 'private',
  request: { query: listAppsQuery },
  responses: { 200: { description: DOCS && 'One page of apps', body: DOCS && appPage } },
});
