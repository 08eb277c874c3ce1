import type { StoredApp } from '../domain/app';
import { AppChangedError, AppLimitReachedError, AppNotFoundError, StaleAppError, UsageRangeInvalidError } from '../domain/errors';
import type { AppRepository, Deps, GatewayKeys } from '../ports';
import { KeyGoneError } from '../ports';
import { createApp, getApp, getUsage, revokeKey, rotateKey, updateApp } from './apps';

/** In-memory ports that keep what the gateway holds, so tests see every key issued, moved, deleted. */
const fakes = () => {
  const apps = new Map<string, StoredApp>();
  const counts = new Map<string, number>();
  const gateway = new Map<string, { plan: string; enabled: boolean; appId: string }>();
  let sequence = 0;
  const repository: AppRepository = {
    create: async (app, max) => {
      const count = counts.get(app.ownerId) ?? 0;
      if (count >= max) return false;
      counts.set(app.ownerId, count + 1);
      apps.set(app.id, app);
      return true;
    },
    get: async (id) => apps.get(id),
    list: async ({ ownerId, limit }) => ({ items: [...apps.values()].filter((app) => !ownerId || app.ownerId === ownerId).slice(0, limit) }),
    update: async (id, changes, expectedVersion, now) => {
      const app = apps.get(id);
      if (!app || app.version !== expectedVersion) return undefined;
      const next: StoredApp = { ...app, ...changes, version: app.version + 1, updatedAt: now.toISOString() };
      apps.set(id, next);
      return next;
    },
  };
  const keys: GatewayKeys = {
    issue: async ({ appId, plan, enabled }) => {
      sequence += 1;
      const id = `key-${sequence}`;
      gateway.set(id, { plan, enabled, appId });
      return { id, value: `value-of-${id}-xxxxxxxxxxxxxxxxxxxxxxxx`, issuedAt: '2026-12-06T10:00:00.000Z' };
    },
    delete: async (keyId) => void gateway.delete(keyId),
    setEnabled: async (keyId, enabled) => void gateway.set(keyId, { ...gateway.get(keyId)!, enabled }),
    movePlan: async (keyId, _from, to) => void gateway.set(keyId, { ...gateway.get(keyId)!, plan: to }),
    usage: async (_keyId, _plan, from) => ({ quota: { limit: 1000, period: 'DAY' }, days: [{ date: from, requests: 7, quotaRemaining: 993 }] }),
  };
  let ids = 0;
  const deps: Deps = {
    apps: repository,
    keys,
    newId: () => `01ARZ3NDEKTSV4RRFFQ69G5F${String((ids += 1)).padStart(2, '0')}`,
    now: () => new Date('2026-12-06T10:00:00.000Z'),
    cursorSecret: () => 'developers-unit-cursor-key',
  };
  return { deps, apps, gateway, repository };
};

const ann = { principalId: 'user-ann', role: 'customer' as const };
const bob = { principalId: 'user-bob', role: 'customer' as const };
const admin = { principalId: 'user-root', role: 'admin' as const };

describe('createApp', () => {
  it('registers the app on the free plan with an enabled key in that plan; the value comes back once, the app keeps the id only', async () => {
    const { deps, gateway } = fakes();
    const { app, apiKey } = await createApp({ name: 'Watcher', description: '' }, ann, deps);
    expect(app).toMatchObject({ ownerId: 'user-ann', name: 'Watcher', plan: 'free', status: 'active', key: { id: apiKey.id }, version: 2 });
    expect(JSON.stringify(app)).not.toContain(apiKey.value);
    expect(gateway.get(apiKey.id)).toEqual({ plan: 'free', enabled: true, appId: app.id });
  });

  it('refuses the app past the limit per developer, issuing no key', async () => {
    const { deps, gateway } = fakes();
    for (let i = 0; i < 10; i += 1) await createApp({ name: `App ${i}`, description: '' }, ann, deps);
    await expect(createApp({ name: 'One too many', description: '' }, ann, deps)).rejects.toBeInstanceOf(AppLimitReachedError);
    expect(gateway.size).toBe(10);
    await expect(createApp({ name: 'Bob has room', description: '' }, bob, deps)).resolves.toBeDefined();
  });

  it('gives the key back when the app changed before the key was recorded', async () => {
    const { deps, gateway, repository } = fakes();
    deps.apps = { ...repository, update: async () => undefined };
    await expect(createApp({ name: 'Raced', description: '' }, ann, deps)).rejects.toBeInstanceOf(AppChangedError);
    expect(gateway.size).toBe(0);
  });
});

describe('rotateKey and revokeKey', () => {
  it('rotates: the new key is in the same plan, the old one is deleted only after the new one is recorded', async () => {
    const { deps, gateway } = fakes();
    const { app, apiKey: first } = await createApp({ name: 'Watcher', description: '' }, ann, deps);
    const { app: rotated, apiKey: second } = await rotateKey(app.id, ann, deps);
    expect(second.id).not.toBe(first.id);
    expect(rotated.key?.id).toBe(second.id);
    expect(gateway.has(first.id)).toBe(false);
    expect(gateway.get(second.id)).toMatchObject({ plan: 'free', enabled: true });
  });

  it('loses a rotation race cleanly: the loser deletes its own new key and keeps the winner', async () => {
    const { deps, gateway, repository } = fakes();
    const { app } = await createApp({ name: 'Watcher', description: '' }, ann, deps);
    // The other rotation records its key between this one's read and write.
    let raced = false;
    deps.apps = {
      ...repository,
      update: async (...args) => {
        if (!raced) {
          raced = true;
          await rotateKey(app.id, ann, { ...deps, apps: repository });
        }
        return repository.update(...args);
      },
    };
    await expect(rotateKey(app.id, ann, deps)).rejects.toBeInstanceOf(AppChangedError);
    const current = (await getApp(app.id, ann, deps)).key!.id;
    expect([...gateway.keys()]).toEqual([current]);
  });

  it("still hands out the new key when the old one cannot be deleted yet, and deletes it on the app's next change", async () => {
    const { deps, gateway } = fakes();
    const { app, apiKey: first } = await createApp({ name: 'Watcher', description: '' }, ann, deps);
    const keys = deps.keys;
    deps.keys = { ...keys, delete: async () => Promise.reject(new Error('API Gateway unavailable')) };
    const { app: rotated, apiKey: second } = await rotateKey(app.id, ann, deps);
    expect(rotated.key?.id).toBe(second.id);
    expect(rotated).not.toHaveProperty('retiredKeyIds');
    expect(gateway.has(first.id)).toBe(true);
    deps.keys = keys;
    await revokeKey(app.id, ann, deps);
    expect(gateway.size).toBe(0);
  });

  it('revokes: the key is deleted, the app has none; revoking again changes nothing', async () => {
    const { deps, gateway } = fakes();
    const { app, apiKey } = await createApp({ name: 'Watcher', description: '' }, ann, deps);
    const revoked = await revokeKey(app.id, ann, deps);
    expect(revoked.key).toBeNull();
    expect(gateway.has(apiKey.id)).toBe(false);
    expect(await revokeKey(app.id, ann, deps)).toEqual(revoked);
  });

  it("answers 404 to another developer's get, rotate, revoke and usage, touching nothing", async () => {
    const { deps, gateway } = fakes();
    const { app, apiKey } = await createApp({ name: 'Watcher', description: '' }, ann, deps);
    await expect(getApp(app.id, bob, deps)).rejects.toBeInstanceOf(AppNotFoundError);
    await expect(rotateKey(app.id, bob, deps)).rejects.toBeInstanceOf(AppNotFoundError);
    await expect(revokeKey(app.id, bob, deps)).rejects.toBeInstanceOf(AppNotFoundError);
    await expect(getUsage(app.id, {}, bob, deps)).rejects.toBeInstanceOf(AppNotFoundError);
    expect([...gateway.keys()]).toEqual([apiKey.id]);
    await expect(getApp(app.id, admin, deps)).resolves.toMatchObject({ id: app.id });
  });
});

describe('updateApp (admin)', () => {
  it('moves the key to the partner plan and disables it at the version read', async () => {
    const { deps, gateway } = fakes();
    const { app, apiKey } = await createApp({ name: 'Watcher', description: '' }, ann, deps);
    const moved = await updateApp(app.id, { plan: 'partner', status: 'disabled' }, app.version, deps);
    expect(moved).toMatchObject({ plan: 'partner', status: 'disabled', version: app.version + 1 });
    expect(gateway.get(apiKey.id)).toMatchObject({ plan: 'partner', enabled: false });
  });

  it('answers 412 to a stale version and changes nothing at the gateway', async () => {
    const { deps, gateway } = fakes();
    const { app, apiKey } = await createApp({ name: 'Watcher', description: '' }, ann, deps);
    await expect(updateApp(app.id, { plan: 'partner' }, app.version - 1, deps)).rejects.toBeInstanceOf(StaleAppError);
    expect(gateway.get(apiKey.id)).toMatchObject({ plan: 'free', enabled: true });
  });

  it('undoes the plan move when disabling then fails, and answers 409 when the key went away meanwhile', async () => {
    const { deps, gateway } = fakes();
    const { app, apiKey } = await createApp({ name: 'Watcher', description: '' }, ann, deps);
    const keys = deps.keys;
    deps.keys = { ...keys, setEnabled: async () => Promise.reject(new KeyGoneError(apiKey.id)) };
    await expect(updateApp(app.id, { plan: 'partner', status: 'disabled' }, app.version, deps)).rejects.toBeInstanceOf(AppChangedError);
    expect(gateway.get(apiKey.id)).toMatchObject({ plan: 'free', enabled: true });
  });

  it('undoes its gateway changes when the app moved on before it was recorded', async () => {
    const { deps, gateway, repository } = fakes();
    const { app, apiKey } = await createApp({ name: 'Watcher', description: '' }, ann, deps);
    deps.apps = { ...repository, update: async () => undefined };
    await expect(updateApp(app.id, { plan: 'partner', status: 'disabled' }, app.version, deps)).rejects.toBeInstanceOf(StaleAppError);
    expect(gateway.get(apiKey.id)).toMatchObject({ plan: 'free', enabled: true });
  });
});

describe('getUsage', () => {
  it("reads the key's usage for the default week ending today", async () => {
    const { deps } = fakes();
    const { app, apiKey } = await createApp({ name: 'Watcher', description: '' }, ann, deps);
    expect(await getUsage(app.id, {}, ann, deps)).toEqual({
      appId: app.id,
      keyId: apiKey.id,
      plan: 'free',
      quota: { limit: 1000, period: 'DAY' },
      days: [{ date: '2026-11-30', requests: 7, quotaRemaining: 993 }],
    });
  });

  it('refuses a range that runs backwards or over 90 days', async () => {
    const { deps } = fakes();
    const { app } = await createApp({ name: 'Watcher', description: '' }, ann, deps);
    await expect(getUsage(app.id, { from: '2026-12-06', to: '2026-12-01' }, ann, deps)).rejects.toBeInstanceOf(UsageRangeInvalidError);
    await expect(getUsage(app.id, { from: '2026-01-01', to: '2026-12-01' }, ann, deps)).rejects.toBeInstanceOf(UsageRangeInvalidError);
  });
});
