import type { AuthContext } from '@emporium/common/auth/context';
import { getLogger } from '@emporium/common/logger';
import { decodeCursor, encodeCursor } from '@emporium/common/pagination';
import type { AppUsage, AppWithKey, CreateAppBody, ListAppsQuery, UpdateAppBody, UsageQuery } from '@emporium/developers-contract/schemas/app';
import { MAX_APPS_PER_OWNER } from '@emporium/developers-contract/schemas/app';
import type { App, StoredApp } from '../domain/app';
import { canAccess, newApp, publishedApp, usageRange } from '../domain/app';
import { AppChangedError, AppHasNoKeyError, AppLimitReachedError, AppNotFoundError, StaleAppError } from '../domain/errors';
import type { Deps, IssuedKey } from '../ports';
import { KeyGoneError } from '../ports';

type Caller = Pick<AuthContext, 'principalId' | 'role'>;

const keySummary = (key: IssuedKey) => ({ id: key.id, issuedAt: key.issuedAt });
const shown = (app: StoredApp, key: IssuedKey): AppWithKey => ({ app: publishedApp(app), apiKey: { id: key.id, value: key.value } });

/** The app, if the caller may see it; otherwise 404, as if it did not exist. */
const accessibleApp = async (id: string, caller: Caller, deps: Pick<Deps, 'apps'>): Promise<StoredApp> => {
  const app = await deps.apps.get(id);
  if (!app || !canAccess(app, caller)) throw new AppNotFoundError(id);
  return app;
};

/**
 * Deletes the keys the app rotated away whose deletion failed before, and forgets them. Runs
 * before every change of an app's key, so a key that outlived its rotation is gone at the latest
 * when its app is next touched. Best effort: what still fails stays for the next time.
 */
const settleRetiredKeys = async (app: StoredApp, deps: Pick<Deps, 'apps' | 'keys' | 'now'>): Promise<StoredApp> => {
  if (app.retiredKeyIds.length === 0) return app;
  const left: string[] = [];
  for (const keyId of app.retiredKeyIds) {
    await deps.keys.delete(keyId).catch((error: unknown) => {
      getLogger().warn('a retired API key could not be deleted yet', { appId: app.id, keyId, error: error as Error });
      left.push(keyId);
    });
  }
  return (await deps.apps.update(app.id, { retiredKeyIds: left }, app.version, deps.now())) ?? app;
};

/**
 * Records a key just issued for the app (with other changes) at the version read. A key that
 * cannot be recorded (the app moved on: 409; the write failed) is deleted again, so no key is left
 * that no app points at.
 */
const recordIssuedKey = async (
  app: StoredApp,
  changes: Parameters<Deps['apps']['update']>[1],
  key: IssuedKey,
  deps: Pick<Deps, 'apps' | 'keys' | 'now'>,
): Promise<StoredApp> => {
  let recorded: StoredApp | undefined;
  try {
    recorded = await deps.apps.update(app.id, changes, app.version, deps.now());
  } catch (error) {
    await deps.keys.delete(key.id);
    throw error;
  }
  if (!recorded) {
    await deps.keys.delete(key.id);
    throw new AppChangedError(app.id);
  }
  return recorded;
};

/**
 * Registers an app of the caller on the free plan and issues its key. The app is stored first
 * (counted against the owner's limit in the same transaction), then its key is issued and recorded;
 * if issuing fails the app stays, without a key, and a rotation issues one later. A key that could
 * not be recorded is deleted again: no key is left that no app points at.
 */
export const createApp = async (input: CreateAppBody, caller: Caller, deps: Deps): Promise<AppWithKey> => {
  const app = newApp(input, caller.principalId, deps.newId(), deps.now());
  if (!(await deps.apps.create(app, MAX_APPS_PER_OWNER))) throw new AppLimitReachedError();
  const key = await deps.keys.issue({ appId: app.id, ownerId: app.ownerId, plan: app.plan, enabled: true });
  return shown(await recordIssuedKey(app, { key: keySummary(key) }, key, deps), key);
};

/** The caller's apps (every app for an admin), oldest first, a page at a time. */
export const listApps = async (
  query: ListAppsQuery,
  caller: Caller,
  deps: Pick<Deps, 'apps' | 'cursorSecret'>,
): Promise<{ items: App[]; nextCursor: string | null }> => {
  const ownerId = caller.role === 'admin' ? undefined : caller.principalId;
  const scope = `apps:${ownerId ?? '*'}`;
  const startKey = query.cursor ? decodeCursor(query.cursor, scope, deps.cursorSecret()) : undefined;
  const page = await deps.apps.list({ ...(ownerId ? { ownerId } : {}), limit: query.limit, ...(startKey ? { startKey } : {}) });
  return { items: page.items, nextCursor: page.lastKey ? encodeCursor(page.lastKey, scope, deps.cursorSecret()) : null };
};

export const getApp = async (id: string, caller: Caller, deps: Pick<Deps, 'apps'>): Promise<App> => publishedApp(await accessibleApp(id, caller, deps));

/**
 * Issues a new key on the app's plan and records it, with the old key as retired; then deletes the
 * old key. The developer gets the new key in every case: should the deletion fail, the old key stays
 * retired and is deleted on the app's next change (settleRetiredKeys). Two concurrent rotations:
 * one records its key, the other deletes its own and answers 409.
 */
export const rotateKey = async (id: string, caller: Caller, deps: Omit<Deps, 'newId'>): Promise<AppWithKey> => {
  const app = await settleRetiredKeys(await accessibleApp(id, caller, deps), deps);
  const key = await deps.keys.issue({ appId: app.id, ownerId: app.ownerId, plan: app.plan, enabled: app.status === 'active' });
  const retired = app.key ? [...app.retiredKeyIds, app.key.id] : app.retiredKeyIds;
  const recorded = await recordIssuedKey(app, { key: keySummary(key), retiredKeyIds: retired }, key, deps);
  return shown(await settleRetiredKeys(recorded, deps), key);
};

/**
 * Deletes the app's key (refused by the gateway at once), then records that it has none. Security
 * first: the key is gone even if recording loses a race (409; reading the app again shows why).
 * Revoking an app without a key changes nothing (retired keys are deleted all the same).
 */
export const revokeKey = async (id: string, caller: Caller, deps: Pick<Deps, 'apps' | 'keys' | 'now'>): Promise<App> => {
  const app = await settleRetiredKeys(await accessibleApp(id, caller, deps), deps);
  if (!app.key) return publishedApp(app);
  await deps.keys.delete(app.key.id);
  const recorded = await deps.apps.update(app.id, { key: null }, app.version, deps.now());
  if (!recorded) throw new AppChangedError(app.id);
  return publishedApp(recorded);
};

/**
 * An admin moves the app to another plan and/or disables or enables it, at the version they read
 * (If-Match). The gateway is changed first, then the app recorded at that version; if a step fails
 * or the app moved on meanwhile, what was changed at the gateway is undone (412 when it moved on,
 * 409 when its key went away under a concurrent rotation or revocation).
 */
export const updateApp = async (id: string, input: UpdateAppBody, expectedVersion: number, deps: Pick<Deps, 'apps' | 'keys' | 'now'>): Promise<App> => {
  const app = await deps.apps.get(id);
  if (!app) throw new AppNotFoundError(id);
  if (app.version !== expectedVersion) throw new StaleAppError(expectedVersion, app.version);
  const plan = input.plan ?? app.plan;
  const status = input.status ?? app.status;
  const undo: (() => Promise<void>)[] = [];
  const rollBack = async () => {
    for (const step of undo.reverse()) {
      await step().catch((error: unknown) => getLogger().error('could not undo a gateway change of an app', { appId: app.id, error: error as Error }));
    }
  };
  try {
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
  } catch (error) {
    await rollBack();
    if (error instanceof KeyGoneError) throw new AppChangedError(app.id);
    throw error;
  }
  const recorded = await deps.apps.update(app.id, { plan, status }, expectedVersion, deps.now()).catch(async (error: unknown) => {
    await rollBack();
    throw error;
  });
  if (!recorded) {
    await rollBack();
    throw new StaleAppError(expectedVersion);
  }
  return publishedApp(recorded);
};

/** What the gateway metered for the app's key per UTC day (its current plan), with the quota left. */
export const getUsage = async (id: string, query: UsageQuery, caller: Caller, deps: Pick<Deps, 'apps' | 'keys' | 'now'>): Promise<AppUsage> => {
  const app = await accessibleApp(id, caller, deps);
  if (!app.key) throw new AppHasNoKeyError(app.id);
  const { from, to } = usageRange(query, deps.now());
  const usage = await deps.keys.usage(app.key.id, app.plan, from, to);
  return { appId: app.id, keyId: app.key.id, plan: app.plan, quota: usage.quota, days: usage.days };
};
