import { httpHandler } from '@emporium/common/http/handler';
import { routes } from '@emporium/developers-contract/routes';
import { getDeps } from '../container';
import { getApp } from '../use-cases/apps';

/** GET /apps/{id}: one of the caller's apps (any, for an admin), with ETag. */
export const handler = httpHandler(routes.getApp, async ({ params, auth }) => ({
  body: await getApp(params.id, auth, getDeps()),
}));
