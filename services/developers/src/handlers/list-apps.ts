import { httpHandler } from '@emporium/common/http/handler';
import { listApps as listAppsRoute } from '@emporium/developers-contract/operations/list-apps';
import { getDeps } from '../container';
import { listApps } from '../use-cases/apps';

/** GET /apps: the caller's apps (every app for an admin), a page at a time. */
export const handler = httpHandler(listAppsRoute, async ({ query, auth }) => ({
  body: await listApps(query, auth, getDeps()),
}));
