import { AsyncLocalStorage } from 'node:async_hooks';

type Env = Record<string, string | undefined>;

const current = new AsyncLocalStorage<Env>();
let installed = false;

/**
 * Gives every function its own process.env, as separate Lambda containers have, while all of them
 * run in this one process: process.env becomes a view that reads the environment of the function
 * whose code is running (tracked through async calls by AsyncLocalStorage) and the platform's own
 * environment everywhere else. See docs/adr/0004-local-runtime-in-process.md.
 */
export const installFunctionEnv = (): void => {
  if (installed) return;
  installed = true;
  const platformEnv = process.env;
  const target = (): Env => current.getStore() ?? platformEnv;
  process.env = new Proxy(platformEnv, {
    get: (_, key) => (typeof key === 'string' ? target()[key] : undefined),
    set: (_, key, value) => {
      if (typeof key === 'string') target()[key] = String(value);
      return true;
    },
    has: (_, key) => typeof key === 'string' && key in target(),
    deleteProperty: (_, key) => (typeof key === 'string' ? delete target()[key] : true),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      if (typeof key !== 'string' || !(key in target())) return undefined;
      return { value: target()[key], writable: true, enumerable: true, configurable: true };
    },
  });
};

/** Runs `fn` (and everything it awaits) with `env` as process.env. */
export const withFunctionEnv = <T>(env: Env, fn: () => T): T => current.run(env, fn);
