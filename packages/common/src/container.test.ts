import { lazy } from './container';

describe('lazy', () => {
  it('creates the adapter on its first use only, once, and calls through to it', async () => {
    let created = 0;
    const adapter = lazy(() => {
      created += 1;
      return { greet: async (name: string) => Promise.resolve(`hello ${name}`) };
    });
    expect(created).toBe(0);
    expect(await adapter.greet('ann')).toBe('hello ann');
    expect(await adapter.greet('bob')).toBe('hello bob');
    expect(created).toBe(1);
  });

  it('lets a failed creation fail the call, and tries again on the next', () => {
    let attempts = 0;
    const adapter = lazy(() => {
      attempts += 1;
      if (attempts === 1) throw new Error('Invalid configuration');
      return { ping: () => 'pong' };
    });
    expect(() => adapter.ping()).toThrow('Invalid configuration');
    expect(adapter.ping()).toBe('pong');
  });
});
