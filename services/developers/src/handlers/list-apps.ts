import { httpHandler } from '@emporium/common/http/handler';
import { routes } from '@emporium/developers-contract/routes';
import { getDeps } from '../container';
import { listApps } from '../use-cases/apps';

/** GET /apps: the caller's apps (every app for an admin), a page at a time. */
export const handler = httpHandler(routes.listApps, async ({ query, auth }) => ({
  body: await listApps(query, auth, getDeps()),
}));
