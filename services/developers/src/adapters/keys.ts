/** Key design of the single table (see serverless.yml). */
export const appKey = (id: string) => ({ pk: `APP#${id}`, sk: 'APP' });
/** How many apps an owner registered (the limit's counter, written with each new app). */
export const appCountKey = (ownerId: string) => ({ pk: `OWNER#${ownerId}`, sk: 'APPCOUNT' });
/** gsi1: an owner's apps, oldest first; gsi2: every app. */
export const listingKeys = (app: { id: string; ownerId: string }) => ({ gsi1pk: `OWNER#${app.ownerId}`, gsi1sk: app.id, gsi2pk: 'APPS', gsi2sk: app.id });
