import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { accessTokenResponse, serviceTokenBody } from '../schemas/session';

export const issueServiceToken = defineRoute({
  operationId: 'issueServiceToken',
  method: 'POST',
  path: '/service-tokens',
  summary: DOCS && 'Get a service token',
  description: DOCS && "Another Emporium service's client credentials for a 15-minute token with the role `service`.",
  tags: DOCS && ['Sessions'],
  request: { body: serviceTokenBody },
  responses: { 200: { description: DOCS && 'A service access token', body: DOCS && accessTokenResponse } },
  problems: [P.INVALID_CLIENT],
});
