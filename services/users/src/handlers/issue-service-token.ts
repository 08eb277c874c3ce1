import { httpHandler } from '@emporium/common/http/handler';
import { issueServiceToken as issueServiceTokenRoute } from '@emporium/users-contract/operations/issue-service-token';
import { getTokenDeps } from '../token-container';
import { issueServiceToken } from '../use-cases/sessions';

/** POST /service-tokens: a service's client credentials -> an access token with role `service`. */
export const handler = httpHandler(issueServiceTokenRoute, async ({ body }) => ({
  body: await issueServiceToken(body, getTokenDeps()),
  headers: { 'cache-control': 'no-store' },
}));
