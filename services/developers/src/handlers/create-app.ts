import { httpHandler } from '@emporium/common/http/handler';
import { createApp as createAppRoute } from '@emporium/developers-contract/operations/create-app';
import { getDeps } from '../container';
import { keys } from '../keys-container';
import { createApp } from '../use-cases/apps';
import { countEvent } from '@emporium/common/metrics';
import { newId } from '@emporium/common/ids';

/** POST /apps: 201 with the app and its API key (the value shown this once), Location of the app. */
export const handler = httpHandler(createAppRoute, async ({ body, auth, event }) => {
  const created = await createApp(body, auth, { ...getDeps(), keys, newId });
  countEvent('ApiKeysIssued');
  // The key's value is in this body: never stored by any cache.
  return { status: 201 as const, body: created, headers: { location: `${event.path}/${created.app.id}`, 'cache-control': 'no-store' } };
});
