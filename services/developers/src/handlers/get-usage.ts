import { httpHandler } from '@emporium/common/http/handler';
import { getUsage as getUsageRoute } from '@emporium/developers-contract/operations/get-usage';
import { getDeps } from '../container';
import { keys } from '../keys-container';
import { getUsage } from '../use-cases/apps';

/** GET /apps/{id}/usage?from=&to=: the app key's requests per UTC day and the quota left. */
export const handler = httpHandler(getUsageRoute, async ({ params, query, auth }) => ({
  body: await getUsage(params.id, query, auth, { ...getDeps(), keys }),
}));
