import { httpHandler } from '@emporium/common/http/handler';
import { routes } from '@emporium/developers-contract/routes';
import { getDeps } from '../container';
import { keys } from '../keys-container';
import { updateApp } from '../use-cases/apps';

/** PATCH /apps/{id} (admins): another plan, disabled or enabled; If-Match required. */
export const handler = httpHandler(routes.updateApp, async ({ params, body, expectedVersion }) => ({
  body: await updateApp(params.id, body, expectedVersion, { ...getDeps(), keys }),
}));
