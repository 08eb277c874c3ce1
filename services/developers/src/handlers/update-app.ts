import { httpHandler } from '@emporium/common/http/handler';
import { updateApp as updateAppRoute } from '@emporium/developers-contract/operations/update-app';
import { getDeps } from '../container';
import { keys } from '../keys-container';
import { updateApp } from '../use-cases/apps';

/** PATCH /apps/{id} (admins): another plan, disabled or enabled; If-Match required. */
export const handler = httpHandler(updateAppRoute, async ({ params, body, expectedVersion }) => ({
  body: await updateApp(params.id, body, expectedVersion, { ...getDeps(), keys }),
}));
