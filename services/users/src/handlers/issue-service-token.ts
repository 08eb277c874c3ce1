import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { serviceTokenBody } from '../schemas/session';
import { issueServiceToken } from '../use-cases/sessions';

/** POST /service-tokens: a service's client credentials -> an access token with role `service`. */
export const handler = httpHandler({ body: serviceTokenBody }, async ({ body }) => ({
  body: await issueServiceToken(body, getDeps()),
  headers: { 'cache-control': 'no-store' },
}));
