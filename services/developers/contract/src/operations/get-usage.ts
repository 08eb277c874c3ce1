import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { appIdParams, usageQuery, usageSchema } from '../schemas/app';
import { SIGNED_IN } from './roles';

export const getUsage = defineRoute({
  operationId: 'getUsage',
  method: 'GET',
  path: '/apps/{id}/usage',
  summary: DOCS && "An app's usage per day",
  description: DOCS && "Requests the gateway counted for the app's key per UTC day, and what was left of its quota.",
  tags: DOCS && ['Usage'],
  roles: SIGNED_IN,
  cache: 'private',
  request: { params: appIdParams, query: usageQuery },
  responses: { 200: { description: DOCS && 'Daily usage', body: DOCS && usageSchema } },
  problems: [P.APP_NOT_FOUND, P.APP_HAS_NO_KEY, P.USAGE_RANGE_INVALID],
});
