import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiKeyStore } from './store';

const CATALOG = { apiId: 'local-catalog', stage: 'local' };
const USERS = { apiId: 'local-users', stage: 'local' };
const plans = [
  { name: 'free', apiStages: [CATALOG, USERS], throttle: { rateLimit: 5, burstLimit: 10 }, quota: { limit: 3, period: 'DAY' as const } },
  { name: 'partner', apiStages: [CATALOG, USERS], throttle: { rateLimit: 50, burstLimit: 100 } },
  { name: 'catalog-only', apiStages: [CATALOG] },
];

const clock = (iso: string) => {
  let now = new Date(iso);
  return { now: () => now, set: (next: string) => (now = new Date(next)) };
};

const setup = (time = clock('2026-12-06T10:00:00Z'), file?: string) => {
  const store = new ApiKeyStore({ plans, now: time.now, ...(file ? { file } : {}) });
  const free = store.planByName('free')!;
  const key = store.createKey({ name: 'app', enabled: true });
  store.addPlanKey(free.id, key.id);
  return { store, free, key, time };
};

describe('ApiKeyStore', () => {
  it('generates 40-character key values of letters and digits and refuses short or reused values', () => {
    const { store, key } = setup();
    expect(key.value).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(() => store.createKey({ value: 'short' })).toThrow(expect.objectContaining({ type: 'BadRequestException', status: 400 }));
    expect(() => store.createKey({ value: key.value })).toThrow(expect.objectContaining({ type: 'ConflictException', status: 409 }));
  });

  it('admits an enabled key on the API stages of its plan, and nothing else', () => {
    const { store, key, free } = setup();
    expect(store.admit(key.value, 'local-catalog', 'local')).toEqual({ key, plan: free });
    expect(store.admit(key.value, 'local-orders', 'local')).toBeUndefined();
    expect(store.admit(key.value, 'local-catalog', 'dev')).toBeUndefined();
    expect(store.admit('x'.repeat(40), 'local-catalog', 'local')).toBeUndefined();
    expect(store.admit(undefined, 'local-catalog', 'local')).toBeUndefined();
  });

  it('refuses a disabled key, a key out of every plan, and a deleted key, at once', () => {
    const { store, key, free } = setup();
    store.updateKey(key.id, [{ op: 'replace', path: '/enabled', value: 'false' }]);
    expect(store.admit(key.value, 'local-catalog', 'local')).toBeUndefined();
    store.updateKey(key.id, [{ op: 'replace', path: '/enabled', value: 'true' }]);
    store.removePlanKey(free.id, key.id);
    expect(store.admit(key.value, 'local-catalog', 'local')).toBeUndefined();
    store.addPlanKey(free.id, key.id);
    store.deleteKey(key.id);
    expect(store.admit(key.value, 'local-catalog', 'local')).toBeUndefined();
    expect(store.planKeysOf(free.id)).toEqual([]);
  });

  it('keeps a key in one plan per API stage, as API Gateway does', () => {
    const { store, key } = setup();
    expect(() => store.addPlanKey(store.planByName('partner')!.id, key.id)).toThrow(expect.objectContaining({ type: 'BadRequestException' }));
    expect(() => store.addPlanKey(store.planByName('free')!.id, key.id)).toThrow(expect.objectContaining({ type: 'ConflictException' }));
  });

  it("counts requests against the plan's daily quota, refuses past it, and resets at midnight UTC", () => {
    const { store, key, free, time } = setup();
    expect([1, 2, 3, 4].map(() => store.countRequest(free.id, key.id))).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
      { allowed: false, resetsOn: '2026-12-07' },
    ]);
    time.set('2026-12-06T23:59:59Z');
    expect(store.countRequest(free.id, key.id).allowed).toBe(false);
    time.set('2026-12-07T00:00:00Z');
    expect(store.countRequest(free.id, key.id).allowed).toBe(true);
  });

  it('reports usage per day as [used, remaining], remaining within the quota period', () => {
    const { store, key, free, time } = setup();
    store.countRequest(free.id, key.id);
    store.countRequest(free.id, key.id);
    time.set('2026-12-07T08:00:00Z');
    store.countRequest(free.id, key.id);
    expect(store.usageOf(free.id, '2026-12-05', '2026-12-07')).toEqual({
      [key.id]: [
        [0, 3],
        [2, 1],
        [1, 2],
      ],
    });
    expect(() => store.usageOf(free.id, '2026-12-07', '2026-12-05')).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('moves a configured key to the plan the configuration names, whatever plan a persisted state had', () => {
    const { store } = setup();
    const key = store.ensureConfiguredKey({ name: 'emporium-local-web', value: 'w'.repeat(40), enabled: true }, 'free');
    store.ensureConfiguredKey({ name: 'emporium-local-web', value: 'w'.repeat(40), enabled: true }, 'partner');
    expect(store.listPlans(key.id).map((plan) => plan.name)).toEqual(['partner']);
  });

  it('keeps keys, plan memberships and usage across a restart when given a file', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'apikeys-')), 'apigateway.json');
    const time = clock('2026-12-06T10:00:00Z');
    const first = setup(time, file);
    first.store.countRequest(first.free.id, first.key.id);
    await first.store.save();
    const second = new ApiKeyStore({ plans, now: time.now, file });
    expect(second.admit(first.key.value, 'local-users', 'local')?.key.id).toBe(first.key.id);
    expect(second.usageOf(first.free.id, '2026-12-06', '2026-12-06')[first.key.id]).toEqual([[1, 2]]);
  });
});
