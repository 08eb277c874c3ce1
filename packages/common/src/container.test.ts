import type { ServiceContext } from './container';
import { defineContainer, lazy, once } from './container';

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

describe('once', () => {
  it('makes the value on the first call only, and keeps it (undefined too)', () => {
    let made = 0;
    const value = once(() => {
      made += 1;
      return made === 1 ? undefined : 'later';
    });
    expect(made).toBe(0);
    expect(value()).toBeUndefined();
    expect(value()).toBeUndefined();
    expect(made).toBe(1);
  });
});

describe('lazy, further', () => {
  it('passes plain properties through and binds methods to the adapter', () => {
    const adapter = lazy(() => ({
      name: 'db',
      self() {
        return this.name;
      },
    }));
    expect(adapter.name).toBe('db');
    const self: () => string = adapter.self; // eslint-disable-line @typescript-eslint/unbound-method -- the binding is what is tested
    expect(self()).toBe('db');
  });
});

describe('defineContainer', () => {
  const saved = process.env.TABLE_NAME;
  afterEach(() => {
    if (saved === undefined) delete process.env.TABLE_NAME;
    else process.env.TABLE_NAME = saved;
  });

  it('builds the dependencies once, on first use, from the table name and the one client', () => {
    process.env.TABLE_NAME = 'things-test';
    const build = jest.fn(({ tableName, db }: ServiceContext) => ({ tableName, hasClient: typeof db.send === 'function' }));
    const getDeps = defineContainer(build);
    expect(build).not.toHaveBeenCalled();
    expect(getDeps()).toEqual({ tableName: 'things-test', hasClient: true });
    expect(getDeps()).toBe(getDeps());
    expect(build).toHaveBeenCalledTimes(1);
  });
});
