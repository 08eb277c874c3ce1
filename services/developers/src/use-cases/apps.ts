import type { AuthContext } from '@emporium/common/auth/context';
import { decodeCursor, encodeCursor } from '@emporium/common/pagination';
import type { AppUsage, AppWithKey, CreateAppBody, ListAppsQuery, UpdateAppBody, UsageQuery } from '@emporium/developers-contract/schemas/app';
import { MAX_APPS_PER_OWNER } from '@emporium/developers-contract/schemas/app';
import type { App } from '../domain/app';
import { canAccess, newApp, usageRange } from '../domain/app';
import { AppChangedError, AppHasNoKeyError, AppLimitReachedError, AppNotFoundError, StaleAppError } from '../domain/errors';
import type { Deps, IssuedKey } from '../ports';

type Caller = Pick<AuthContext, 'principalId' | 'role'>;

const keySummary = (key: IssuedKey) => ({ id: key.id, issuedAt: key.issuedAt });
const shown = (app: App, key: IssuedKey): AppWithKey => ({ app, apiKey: { id: key.id, value: key.value } });

/** The app, if the caller may see it; otherwise 404, as if it did not exist. */
const accessibleApp = async (id: string, caller: Caller, deps: Pick<Deps, 'apps'>): Promise<App> => {
  const app = await deps.apps.get(id);
  if (!app || !canAccess(app, caller)) throw new AppNotFoundError(id);
  return app;
};

/**
 * Registers an app of the caller on the free plan and issues its key. The app is stored first
 * (counted against the owner's limit in the same transaction), then its key is issued and recorded;
 * if issuing fails the app stays, without a key, and a rotation issues one later: no key is ever
 * left that no app points at.
 */
export const createApp = async (input: CreateAppBody, caller: Caller, deps: Deps): Promise<AppWithKey> => {
  const app = newApp(input, caller.principalId, deps.newId(), deps.now());
  if (!(await deps.apps.create(app, MAX_APPS_PER_OWNER))) throw new AppLimitReachedError();
  const key = await deps.keys.issue({ appId: app.id, ownerId: app.ownerId, plan: app.plan, enabled: true });
  const recorded = await deps.apps.update(app.id, { key: keySummary(key) }, app.version, deps.now());
  if (!recorded) {
    // An admin changed the brand-new app meanwhile: give the key back rather than leave it unrecorded.
    await deps.keys.delete(key.id);
    throw new AppChangedError(app.id);
  }
  return shown(recorded, key);
};

/** The caller's apps (every app for an admin), oldest first, a page at a time. */
export const listApps = async (query: ListAppsQuery, caller: Caller, deps: Pick<Deps, 'apps' | 'cursorSecret'>): Promise<{ items: App[]; nextCursor: string | null }> => {
  const ownerId = caller.role === 'admin' ? undefined : caller.principalId;
  const scope = `apps:${ownerId ?? '*'}`;
  const startKey = query.cursor ? decodeCursor(query.cursor, scope, deps.cursorSecret()) : undefined;
  const page = await deps.apps.list({ ...(ownerId ? { ownerId } : {}), limit: query.limit, ...(startKey ? { startKey } : {}) });
  return { items: page.items, nextCursor: page.lastKey ? encodeCursor(page.lastKey, scope, deps.cursorSecret()) : null };
};

export const getApp = (id: string, caller: Caller, deps: Pick<Deps, 'apps'>): Promise<App> => accessibleApp(id, caller, deps);

/**
 * Issues a new key on the app's plan and records it; only then deletes the old one, so the app
 * never has no working key in between, and the old key stops working once the new one is recorded.
 * Two concurrent rotations: one records its key, the other deletes its own and answers 409.
 */
export const rotateKey = async (id: string, caller: Caller, deps: Deps): Promise<AppWithKey> => {
  const app = await accessibleApp(id, caller, deps);
  const key = await deps.keys.issue({ appId: app.id, ownerId: app.ownerId, plan: app.plan, enabled: app.status === 'active' });
  const recorded = await deps.apps.update(app.id, { key: keySummary(key) }, app.version, deps.now());
  if (!recorded) {
    await deps.keys.delete(key.id);
    throw new AppChangedError(app.id);
  }
  if (app.key) await deps.keys.delete(app.key.id);
  return shown(recorded, key);
};

/**
 * Deletes the app's key (refused by the gateway at once), then records that it has none. Security
 * first: the key is gone even if recording loses a race (409; reading the app again shows why).
 * Revoking an app without a key changes nothing.
 */
export const revokeKey = async (id: string, caller: Caller, deps: Pick<Deps, 'apps' | 'keys' | 'now'>): Promise<App> => {
  const app = await accessibleApp(id, caller, deps);
  if (!app.key) return app;
  await deps.keys.delete(app.key.id);
  const recorded = await deps.apps.update(app.id, { key: null }, app.version, deps.now());
  if (!recorded) throw new AppChangedError(app.id);
  return recorded;
};

/**
 * An admin moves the app to another plan and/or disables or enables it, at the version they read
 * (If-Match). The gateway is changed first, then the app recorded at that version; if the app
 * moved on meanwhile, the gateway change is undone and the answer is 412.
 */
export const updateApp = async (id: string, input: UpdateAppBody, expectedVersion: number, deps: Pick<Deps, 'apps' | 'keys' | 'now'>): Promise<App> => {
  const app = await deps.apps.get(id);
  if (!app) throw new AppNotFoundError(id);
  if (app.version !== expectedVersion) throw new StaleAppError(expectedVersion, app.version);
  const plan = input.plan ?? app.plan;
  const status = input.status ?? app.status;
  const undo: (() => Promise<void>)[] = [];
  if (app.key && plan !== app.plan) {
    const { id: keyId } = app.key;
    await deps.keys.movePlan(keyId, app.plan, plan);
    undo.push(() => deps.keys.movePlan(keyId, plan, app.plan));
  }
  if (app.key && status !== app.status) {
    const { id: keyId } = app.key;
    await deps.keys.setEnabled(keyId, status === 'active');
    undo.push(() => deps.keys.setEnabled(keyId, app.status === 'active'));
  }
  const recorded = await deps.apps.update(app.id, { plan, status }, expectedVersion, deps.now());
  if (!recorded) {
    for (const step of undo.reverse()) await step();
    throw new StaleAppError(expectedVersion);
  }
  return recorded;
};

/** What the gateway metered for the app's key per UTC day (its current plan), with the quota left. */
export const getUsage = async (id: string, query: UsageQuery, caller: Caller, deps: Pick<Deps, 'apps' | 'keys' | 'now'>): Promise<AppUsage> => {
  const app = await accessibleApp(id, caller, deps);
  if (!app.key) throw new AppHasNoKeyError(app.id);
  const { from, to } = usageRange(query, deps.now());
  const usage = await deps.keys.usage(app.key.id, app.plan, from, to);
  return { appId: app.id, keyId: app.key.id, plan: app.plan, quota: usage.quota, days: usage.days };
};
