import type { App, StoredApp } from './app';
import { canAccess, newApp, publishedApp, usageRange } from './app';
import { UsageRangeInvalidError } from './errors';

const now = new Date('2026-06-10T15:30:00.000Z');
const stored: StoredApp = {
  ...newApp({ name: 'Shop', description: 'A shop' }, 'U1', 'A1', now),
  key: { id: 'K1', plan: 'free', enabled: true } as unknown as StoredApp['key'],
  retiredKeyIds: ['K0'],
};

describe('newApp', () => {
  it('is active on the free plan at version 1, without a key yet', () => {
    expect(newApp({ name: 'Shop', description: 'A shop' }, 'U1', 'A1', now)).toEqual({
      id: 'A1',
      ownerId: 'U1',
      name: 'Shop',
      description: 'A shop',
      plan: 'free',
      status: 'active',
      key: null,
      retiredKeyIds: [],
      version: 1,
      createdAt: '2026-06-10T15:30:00.000Z',
      updatedAt: '2026-06-10T15:30:00.000Z',
    });
  });
});

describe('publishedApp', () => {
  it('leaves out the retired key ids, and nothing else', () => {
    const { retiredKeyIds, ...app } = stored;
    expect(retiredKeyIds).toEqual(['K0']);
    expect(publishedApp(stored)).toEqual(app);
    expect('retiredKeyIds' in publishedApp(stored)).toBe(false);
  });
});

describe('canAccess: who may see and manage an app', () => {
  const app: App = publishedApp(stored);

  it('lets its owner and every admin in', () => {
    expect(canAccess(app, { principalId: 'U1', role: 'customer' })).toBe(true);
    expect(canAccess(app, { principalId: 'X', role: 'admin' })).toBe(true);
  });

  it('keeps anyone else out', () => {
    expect(canAccess(app, { principalId: 'U2', role: 'customer' })).toBe(false);
    expect(canAccess(app, { principalId: 'U2', role: 'service' })).toBe(false);
  });
});

describe('usageRange', () => {
  it('is the week ending today by default', () => {
    expect(usageRange({}, now)).toEqual({ from: '2026-06-04', to: '2026-06-10' });
  });

  it('is the week ending `to` when only `to` is given', () => {
    expect(usageRange({ to: '2026-03-02' }, now)).toEqual({ from: '2026-02-24', to: '2026-03-02' });
  });

  it('runs from `from` to today when only `from` is given', () => {
    expect(usageRange({ from: '2026-06-01' }, now)).toEqual({ from: '2026-06-01', to: '2026-06-10' });
  });

  it('takes one day, and 90 days at most', () => {
    expect(usageRange({ from: '2026-06-10', to: '2026-06-10' }, now)).toEqual({ from: '2026-06-10', to: '2026-06-10' });
    expect(usageRange({ from: '2026-01-01', to: '2026-03-31' }, now)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('refuses 91 days and a range that runs backwards (400, by value)', () => {
    const refused = (query: { from?: string; to?: string }) => {
      try {
        usageRange(query, now);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageRangeInvalidError);
        const { code, status, title, detail } = error as UsageRangeInvalidError;
        return { code, status, title, detail };
      }
      throw new Error('expected the range to be refused');
    };
    expect(refused({ from: '2026-01-01', to: '2026-04-01' })).toEqual({
      code: 'USAGE_RANGE_INVALID',
      status: 400,
      title: 'Invalid usage range',
      detail: 'From 2026-01-01 to 2026-04-01: from must not be after to, and a read covers at most 90 days.',
    });
    expect(refused({ from: '2026-06-11', to: '2026-06-10' }).detail).toBe(
      'From 2026-06-11 to 2026-06-10: from must not be after to, and a read covers at most 90 days.',
    );
  });
});
