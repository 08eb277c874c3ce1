import { httpHandler } from '@emporium/common/http/handler';
import { getApp as getAppRoute } from '@emporium/developers-contract/operations/get-app';
import { getDeps } from '../container';
import { getApp } from '../use-cases/apps';

/** GET /apps/{id}: one of the caller's apps (any, for an admin), with ETag. */
export const handler = httpHandler(getAppRoute, async ({ params, auth }) => ({
  body: await getApp(params.id, auth, getDeps()),
}));
