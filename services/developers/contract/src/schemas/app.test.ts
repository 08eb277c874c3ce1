import { createAppBody, updateAppBody, usageQuery } from './app';

describe('the developers contract', () => {
  it('trims an app name, defaults the description and refuses unknown fields (no plan or owner from the caller)', () => {
    expect(createAppBody.parse({ name: ' Watcher ' })).toEqual({ name: 'Watcher', description: '' });
    expect(createAppBody.safeParse({ name: 'Watcher', plan: 'partner' }).success).toBe(false);
    expect(createAppBody.safeParse({ name: 'Watcher', ownerId: 'someone' }).success).toBe(false);
  });

  it('takes a plan or a status on update, and refuses an empty change or an unknown plan', () => {
    expect(updateAppBody.parse({ plan: 'partner' })).toEqual({ plan: 'partner' });
    expect(updateAppBody.safeParse({}).success).toBe(false);
    expect(updateAppBody.safeParse({ plan: 'internal' }).success).toBe(false);
  });

  it('takes usage days as ISO dates', () => {
    expect(usageQuery.safeParse({ from: '2026-12-01', to: '2026-12-06' }).success).toBe(true);
    expect(usageQuery.safeParse({ from: '12/01/2026' }).success).toBe(false);
  });
});
